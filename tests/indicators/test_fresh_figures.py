"""The stored figures follow the records: after each kind of change, today's snapshot and the
past days the change concerns are recomputed (through the outbox), with no button to press."""

import time
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.training import services as training
from cms.training.models import CourseCompletion, TrainingSession
from marketplace.indicators import refresh, services
from marketplace.indicators.models import FiguresRefresh, SnapshotTotal
from payments.services import accounts
from sellers.models import Seller
from sellers.register import services as register
from tests.training.conftest import make_course

from .conftest import DAY, PASSWORD, bank_account, commune, make_official

TODAY = timezone.localdate()


def stored(day, code):
    """(numerator, denominator) of an indicator in the stored province snapshot of ``day``."""
    sums = SnapshotTotal.objects.filter(date=day).aggregate(
        num=Sum(f"{code.lower()}_num"), den=Sum(f"{code.lower()}_den")
    )
    return sums["num"] or 0, sums["den"] or 0


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def snapshots(worked_example):
    for day in (DAY - timedelta(days=30), DAY, TODAY):
        services.take_snapshot(day)
    return worked_example


@pytest.mark.django_db
def test_a_class_recorded_late_moves_its_day_and_every_later_one(client, snapshots, capture):
    seller = snapshots["A"]
    Seller.objects.filter(pk=seller.pk).update(phone="0912000501")
    official = make_official("canbo.tuachua", "Tủa Chùa")
    course = make_course("Bán hàng trên điện thoại", "sellers", lessons=[])
    held_on = DAY - timedelta(days=10)
    session = TrainingSession.objects.create(
        course=course,
        course_title=course.title,
        commune=commune("Tủa Chùa"),
        held_on=held_on,
        place="Nhà văn hoá",
        trainer="Lò Văn Tâm",
        recorded_by=official,
    )
    before = {day: stored(day, "I4") for day in (DAY - timedelta(days=30), DAY, TODAY)}
    assert client.login(username="canbo.tuachua", password=PASSWORD)
    sheet = "Họ và tên,Số điện thoại,4 số cuối CCCD\nA,0912000501,\n".encode()
    with capture(execute=True):
        client.post(
            reverse("training:session-import", args=[session.pk]),
            {"sheet": SimpleUploadedFile("diem-danh.csv", sheet)},
        )
    assert CourseCompletion.objects.filter(seller=seller, completed_on=held_on).exists()
    # The class was held on 20/06: 30/06 and today move, 31/05 (before the class) does not.
    assert stored(DAY, "I4")[0] == before[DAY][0] + 1
    assert stored(TODAY, "I4")[0] == before[TODAY][0] + 1
    assert stored(DAY - timedelta(days=30), "I4") == before[DAY - timedelta(days=30)]
    assert refresh.pending_since() is None


@pytest.mark.django_db
def test_an_online_completion_today_moves_today_only(snapshots, capture):
    seller = snapshots["J"]
    course = make_course("Thanh toán điện tử", "sellers", lessons=[])
    before_day, before_today = stored(DAY, "I4"), stored(TODAY, "I4")
    with capture(execute=True):
        training.record_completion(
            course, {"seller": seller}, source=CourseCompletion.Source.ONLINE, completed_on=TODAY
        )
    assert stored(TODAY, "I4")[0] == before_today[0] + 1
    assert stored(DAY, "I4") == before_day


@pytest.mark.django_db
def test_a_verified_account_moves_today(snapshots, capture):
    account = bank_account(snapshots["A"])
    official = make_official("canbo.tinh")
    before_today, before_day = stored(TODAY, "I2"), stored(DAY, "I2")
    with capture(execute=True):
        accounts.verify_by_official(account, official=official)
    assert stored(TODAY, "I2")[0] == before_today[0] + 1
    assert stored(DAY, "I2") == before_day


@pytest.mark.django_db
def test_a_register_match_moves_every_day_since_the_seller_was_verified(province, snapshots, capture):
    seller = province.seller("Hộ Vàng A Dế", verified_on=date(2026, 5, 10), submitted_on=date(2026, 5, 1))
    province.product(seller, created=date(2026, 5, 12))
    subject = province.subject("Hộ ông Vàng A Dế")
    for day in (DAY - timedelta(days=30), DAY, TODAY):
        services.take_snapshot(day)
    before = {day: stored(day, "I1") for day in (DAY - timedelta(days=30), DAY, TODAY)}
    official = make_official("canbo.tinh")
    with capture(execute=True):
        register.confirm_match(subject, seller, official=official)
    for day in (DAY - timedelta(days=30), DAY, TODAY):  # the shop was live from 12/05
        assert stored(day, "I1") == (before[day][0] + 1, before[day][1]), day


@pytest.mark.django_db
def test_changes_during_a_refresh_are_left_to_it_then_taken_in_one_round(snapshots):
    assert refresh._take_lease()  # a refresh is running elsewhere
    refresh.mark_stale(DAY)
    refresh.mark_stale(TODAY)
    assert refresh.refresh() == 0  # it leaves the work to the running one
    assert refresh.pending_since() == DAY
    FiguresRefresh.objects.update(lease_until=None)  # that one finished
    assert refresh.refresh() == 2  # one round for both changes: today, then 30/06 (not 31/05)
    assert refresh.pending_since() is None and refresh.refresh() == 0
    assert FiguresRefresh.objects.get().lease_until is None


@pytest.mark.django_db
def test_the_dashboard_says_when_its_figures_were_computed(client, snapshots):
    make_official("canbo.tinh")
    assert client.login(username="canbo.tinh", password=PASSWORD)
    page = client.get(reverse("indicators:dashboard")).content.decode()
    assert "số liệu hôm nay, tính lúc" in page and "Tính lại số liệu hôm nay" not in page
    refresh.mark_stale(TODAY)
    assert (
        "đang cập nhật theo thay đổi mới nhất" in client.get(reverse("indicators:dashboard")).content.decode()
    )
    page = client.get(reverse("indicators:dashboard"), {"date": DAY.isoformat()}).content.decode()
    assert "số liệu đến hết ngày 30/06/2026 (tính lúc" in page


def test_a_real_worker_refreshes_the_figures_within_a_minute(celery_worker_process):
    from .conftest import Province

    province = Province()
    seller = province.seller("Hộ Lò Thị Dung")
    province.certificate(seller)
    province.product(seller)
    services.take_snapshot(TODAY)
    before = stored(TODAY, "I2")
    account = bank_account(seller)
    accounts.verify_by_official(account, official=make_official("canbo.tinh"))
    deadline = time.monotonic() + 60
    while stored(TODAY, "I2")[0] != before[0] + 1:
        assert time.monotonic() < deadline, "the figures did not follow within a minute"
        time.sleep(0.5)
    client = Client()
    assert client.login(username="canbo.tinh", password=PASSWORD)
    assert "số liệu hôm nay, tính lúc" in client.get(reverse("indicators:dashboard")).content.decode()
