"""Months signed the way a province would have them by early December: every commune's month
approved up to September (so the third quarter and the first half can be reported), October
approved but for one commune returned with a reason and two waiting for the province, and
November — just ended — submitted by a few communes, not yet by the demo commune (whose
official can try it). Submitted through the sign-off services; a commune whose month has an
open error stays unsubmitted, as it would. Idempotent: a month already on its way is left alone.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from marketplace.indicators import periods, signoff
from marketplace.indicators.signoff_views import FIRST_YEAR
from sellers.models import Commune

NOTE = "Đã rà soát với trưởng bản; số liệu đúng với hồ sơ của xã."
RETURN_REASON = "Đề nghị xã bổ sung danh sách học viên lớp tập huấn tháng 10."


@transaction.atomic
def sign_months(seeder):
    province, helper = seeder.users["province"], seeder.users["statistics"]
    home = seeder.users["commune"].official_profile.commune_id
    last = periods.last_ended_month(seeder.today)
    before_last = periods.month_of(last.start - timedelta(days=1))
    months = sorted(p for p in periods.ended_periods(seeder.today, FIRST_YEAR, kinds=(periods.MONTH,)))
    communes = list(Commune.objects.order_by("name"))
    for month in months:
        states = signoff.of_month(month)
        for n, commune in enumerate(communes):
            if commune.pk in states or (month == last and (commune.pk == home or n % 3)):
                continue
            submitter = seeder.users["commune"] if commune.pk == home else helper
            note = NOTE if signoff.findings(commune, month) else ""
            try:
                sent = signoff.submit(submitter, commune, month, note)
            except ValidationError:
                continue  # an open error: the commune fixes its records first
            if month == last:
                continue
            if month == before_last and n in (1, 2):
                continue  # waiting for the province
            if month == before_last and n == 4:
                signoff.return_to_commune(province, sent, RETURN_REASON)
                continue
            signoff.approve(province, sent)
        seeder.tick()
