"""Signing a commune's month: submit, return, approve, lock; the rules around it; what a lock
freezes and how a later correction is listed; the review pack built from the locked figures."""

import io
import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Sum
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from cms.training import services as training
from marketplace.indicators import pack, periods, refresh, report, services, signoff
from marketplace.indicators.models import LateCorrection, ReviewPack, SignOff, SnapshotCell
from marketplace.indicators.selectors import Filters
from sellers.models import Commune, Seller
from tests.training.conftest import make_course

from .conftest import DAY, PASSWORD, commune, make_official

JUNE = periods.month_of(DAY)  # 2026-06, the worked example's month
JULY = periods.Period(2026, periods.MONTH, 7)


def stored_i4(day, commune_name):
    cells = SnapshotCell.objects.filter(date=day, commune=commune(commune_name))
    sums = cells.aggregate(num=Sum("i4_num"), den=Sum("i4_den"))
    return sums["num"] or 0, sums["den"] or 0


@pytest.fixture
def officials(db):
    return {
        "commune": make_official("canbo.tuachua", "Tủa Chùa"),
        "province": make_official("canbo.tinh"),
        "province2": make_official("canbo.tinh2"),
    }


@pytest.fixture
def june(worked_example, officials):
    """The worked example with its one stuck registration decided, snapshots on 30/06 and 31/07."""
    Seller.objects.filter(pk=worked_example["F"].pk).update(status=Seller.Status.VERIFIED)
    for day in (DAY, JULY.end):
        services.take_snapshot(day)
    return worked_example


@pytest.mark.django_db
def test_periods_know_their_days_and_names():
    q4 = periods.parse("2026-q4")
    assert (q4.start, q4.end, q4.last_month.key) == (date(2026, 10, 1), date(2026, 12, 31), "2026-12")
    assert str(q4.label) == "Quý IV/2026" and str(periods.parse("2026").review_title) == "Báo cáo tổng kết"
    assert periods.parse("2026-H1").end == date(2026, 6, 30)
    assert [p.key for p in periods.parse("2026-H2").months()][:2] == ["2026-07", "2026-08"]
    assert (
        periods.parse("2026-13") is None and periods.parse("2026-Q5") is None and periods.parse("x") is None
    )
    assert periods.last_ended_month(date(2026, 12, 3)).key == "2026-11"
    ended = periods.ended_periods(date(2026, 7, 2), 2026)
    assert [p.key for p in ended[:3]] == ["2026-H1", "2026-Q2", "2026-06"]


@pytest.mark.django_db
def test_an_open_error_blocks_submission_and_a_warning_needs_a_note(worked_example, officials):
    services.take_snapshot(DAY)  # F has waited since 05/01: a registration stuck over 30 days
    tua_chua = commune("Tủa Chùa")
    with pytest.raises(ValidationError, match="lỗi cần sửa"):
        signoff.submit(officials["commune"], tua_chua, JUNE, "đã kiểm tra")
    Seller.objects.filter(pk=worked_example["F"].pk).update(status=Seller.Status.VERIFIED)
    services.take_snapshot(DAY)
    rules = {f.rule for f in signoff.findings(tua_chua, JUNE)}
    assert rules == {"no_training"}  # a warning only: nobody in Tủa Chùa trained yet
    with pytest.raises(ValidationError, match="ghi chú"):
        signoff.submit(officials["commune"], tua_chua, JUNE, "  ")
    done = signoff.submit(officials["commune"], tua_chua, JUNE, "Lớp tập huấn dời sang tháng 7.")
    assert done.status == SignOff.Status.SUBMITTED
    assert done.warnings[0]["rule"] == "no_training" and done.note.startswith("Lớp tập huấn")
    assert done.figures == signoff.commune_counters(tua_chua.pk, DAY)


@pytest.mark.django_db
def test_a_month_not_ended_cannot_be_submitted(officials):
    this_month = periods.month_of(date.today())
    with pytest.raises(ValidationError, match="đã kết thúc"):
        signoff.submit(officials["commune"], commune("Tủa Chùa"), this_month)


@pytest.mark.django_db
def test_submit_return_resubmit_approve_and_who_may_take_each_step(june, officials):
    tua_chua = commune("Tủa Chùa")
    sent = signoff.submit(officials["commune"], tua_chua, JUNE, "Chưa có lớp tập huấn.")
    with pytest.raises(ValidationError, match="đã được gửi"):
        signoff.submit(officials["commune"], tua_chua, JUNE, "lần hai")
    with pytest.raises(PermissionDenied):  # a commune official never decides
        signoff.approve(officials["commune"], sent)
    with pytest.raises(PermissionDenied):  # another commune's official cannot even submit
        signoff.submit(make_official("canbo.muongcha", "Mường Chà"), tua_chua, JUNE, "x")
    with pytest.raises(ValidationError, match="lý do"):
        signoff.return_to_commune(officials["province"], sent, " ")
    returned = signoff.return_to_commune(officials["province"], sent, "Thiếu danh sách lớp tháng 6.")
    assert returned.status == SignOff.Status.RETURNED and returned.reason.startswith("Thiếu")
    with pytest.raises(ValidationError, match="Tỉnh trả lại"):
        signoff.approve(officials["province"], returned)
    again = signoff.submit(officials["commune"], tua_chua, JUNE, "Đã bổ sung, lớp dời sang tháng 7.")
    approved = signoff.approve(officials["province"], again)
    assert approved.status == SignOff.Status.APPROVED and approved.decided_by == officials["province"]
    assert [e.action for e in approved.events.all()] == ["submit", "return", "submit", "approve"]
    with pytest.raises(ValidationError, match="Đã duyệt"):
        signoff.return_to_commune(officials["province2"], approved, "muộn")


@pytest.mark.django_db
def test_the_submitter_cannot_approve_their_own_month(june, officials):
    # A province official may submit for a commune (helping it); then another must decide.
    sent = signoff.submit(officials["province"], commune("Tủa Chùa"), JUNE, "Nộp giúp xã.")
    with pytest.raises(PermissionDenied, match="cán bộ tỉnh khác"):
        signoff.approve(officials["province"], sent)
    with pytest.raises(PermissionDenied):
        signoff.return_to_commune(officials["province"], sent, "tự trả")
    assert signoff.approve(officials["province2"], sent).status == SignOff.Status.APPROVED


@pytest.mark.django_db
def test_figures_that_moved_after_submission_cannot_be_approved(
    june, officials, django_capture_on_commit_callbacks
):
    tua_chua = commune("Tủa Chùa")
    sent = signoff.submit(officials["commune"], tua_chua, JUNE, "Chưa có lớp.")
    course = make_course("Bán hàng trên điện thoại", "sellers", lessons=[])
    with django_capture_on_commit_callbacks(execute=True):  # a class of 20/06 recorded now
        training.record_completion(
            course,
            {"seller": june["A"]},
            source="in_person",
            completed_on=DAY - timedelta(days=10),
            recorded_by=officials["commune"],
        )
    assert refresh.pending_since() is None
    with pytest.raises(ValidationError, match="đã thay đổi sau khi gửi"):
        signoff.approve(officials["province"], sent)
    signoff.return_to_commune(officials["province"], sent, "Số liệu đã đổi, xem lại.")
    again = signoff.submit(officials["commune"], tua_chua, JUNE)  # trained now: no warning left
    assert signoff.approve(officials["province"], again).status == SignOff.Status.APPROVED


@pytest.mark.django_db
def test_a_locked_month_keeps_its_figures_and_lists_a_later_correction(
    june, officials, django_capture_on_commit_callbacks, client
):
    tua_chua = commune("Tủa Chùa")
    sent = signoff.submit(officials["commune"], tua_chua, JUNE, "Chưa có lớp.")
    signoff.approve(officials["province"], sent)
    june_before, july_before = stored_i4(DAY, "Tủa Chùa"), stored_i4(JULY.end, "Tủa Chùa")
    course = make_course("Bán hàng trên điện thoại", "sellers", lessons=[])
    with django_capture_on_commit_callbacks(execute=True):
        training.record_completion(
            course,
            {"seller": june["A"]},
            source="in_person",
            completed_on=DAY - timedelta(days=10),
            recorded_by=officials["commune"],
        )
    # June is signed: its figures stay. July (and later) count the class.
    assert stored_i4(DAY, "Tủa Chùa") == june_before
    assert stored_i4(JULY.end, "Tủa Chùa") == (july_before[0] + 1, july_before[1])
    correction = LateCorrection.objects.get()
    assert (correction.commune, correction.month, correction.day) == (
        tua_chua,
        JUNE.start,
        DAY - timedelta(days=10),
    )
    assert correction.by == officials["commune"] and "Bán hàng trên điện thoại" in correction.what
    # Listed on June's page and carried into July's.
    assert client.login(username="canbo.tuachua", password=PASSWORD)
    june_page = client.get(reverse("indicators:signoff-month", args=[JUNE.key, tua_chua.pk])).content.decode()
    assert "Điều chỉnh sau khi chốt" in june_page and "Bán hàng trên điện thoại" in june_page
    july_page = client.get(reverse("indicators:signoff-month", args=[JULY.key, tua_chua.pk])).content.decode()
    assert "tính vào tháng này" in july_page and "Bán hàng trên điện thoại" in july_page
    # The other communes of June are not locked: their cells still follow the records.
    assert signoff.locks_on(DAY) == ({tua_chua.pk}, False)


@pytest.mark.django_db
def test_a_refresh_skips_the_days_of_a_month_every_commune_signed(june, officials):
    assert DAY in refresh.days_to_recompute(DAY, JULY.end + timedelta(days=1))
    sign_all(officials, JUNE)
    assert signoff.is_locked(JUNE) and signoff.is_locked(periods.parse("2026-Q2"))
    days = refresh.days_to_recompute(DAY, JULY.end + timedelta(days=1))
    assert DAY not in days and JULY.end in days
    assert not signoff.is_locked(periods.parse("2026-Q3"))


def sign_all(officials, month):
    for c in Commune.objects.order_by("name"):
        note = "Đã xem." if signoff.findings(c, month) else ""
        signoff.approve(officials["province2"], signoff.submit(officials["province"], c, month, note))


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_give_one(officials):
    services.take_snapshot(DAY)
    sent = signoff.submit(officials["province"], commune("Mường Chà"), JUNE)
    deciders = [officials["province2"], make_official("canbo.tinh3")]
    barrier, results = threading.Barrier(2), []

    def decide(official):
        try:
            barrier.wait()
            signoff.approve(official, sent)
            results.append("approved")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(o,)) for o in deciders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results.count("approved") == 1
    assert "Đã duyệt" in [r for r in results if r != "approved"][0]
    assert SignOff.objects.get().events.filter(action="approve").count() == 1


@pytest.mark.django_db
def test_the_review_pack_has_the_locked_dashboard_numbers(june, officials):
    sign_all(officials, JUNE)
    q2 = periods.parse("2026-Q2")
    job = ReviewPack.objects.create(period=q2.key, requested_by=officials["province"])
    pack.run(job.pk)
    job.refresh_from_db()
    assert job.status == ReviewPack.Status.DONE and job.progress == 100
    dashboard = report.build(DAY, Filters(), months=12)

    doc = Document(io.BytesIO(job.report.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO SƠ KẾT" in text and "Quý II/2026" in text and "30/06/2026" in text
    results = {row.cells[0].text: row.cells for row in doc.tables[0].rows[1:]}
    for f in dashboard.figures:
        cells = results[f.code]
        assert cells[3].text == ("–" if f.share is None else f"{f.share:.1f}".replace(".", ","))
        assert cells[4].text == f"{f.num}/{f.den}"
        assert cells[2].text == f"{f.target:.1f}".replace(".", ",")
    by_commune = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in doc.tables[1].rows[1:]}
    tua_chua = next(r for r in dashboard.communes if r.commune.name == "Tủa Chùa")
    assert by_commune["Tủa Chùa"] == [pack._pct(f.share) for f in tua_chua.figures]
    assert len(doc.inline_shapes) == 1  # the chart
    short = [f for f in dashboard.figures if f.share is not None and f.share < f.target]
    for f in short:
        assert f"{f.code} – " in text
    assert "Tủa Chùa (" in text  # the lagging commune named under a shortfall

    sheet = load_workbook(io.BytesIO(job.appendix.read())).active
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    province = {r[1]: r for r in rows if r[0] == "Toàn tỉnh"}
    for f in dashboard.figures:
        unit, code, name, per, plan, achieved, num, den, of_plan = province[f.code]
        assert (num, den, plan) == (f.num, f.den, float(f.target))
        assert achieved == (None if f.share is None else float(f.share))
        assert of_plan == (
            None
            if pack.percent_of_plan(f.share, f.target) is None
            else float(pack.percent_of_plan(f.share, f.target))
        )
    assert len(rows) == 7 * (1 + Commune.objects.count())


@pytest.mark.django_db
def test_a_pack_is_refused_for_a_period_not_signed(client, june, officials):
    assert client.login(username="canbo.tinh", password=PASSWORD)
    page = client.post(reverse("indicators:packs"), {"period": "2026-Q2"}, follow=True).content.decode()
    assert "chưa chốt" in page and not ReviewPack.objects.exists()
    page = client.post(reverse("indicators:packs"), {"period": "nonsense"}, follow=True)
    assert page.status_code == 200 and "không hợp lệ" in page.content.decode()
    assert client.login(username="canbo.tuachua", password=PASSWORD)
    assert client.get(reverse("indicators:packs")).status_code == 403


@pytest.mark.django_db
def test_pages_refuse_other_communes_and_bad_months(client, june, officials):
    assert client.login(username="canbo.tuachua", password=PASSWORD)
    other = commune("Mường Chà")
    assert client.get(reverse("indicators:signoff-month", args=[JUNE.key, other.pk])).status_code == 403
    assert client.get(reverse("indicators:signoff-month", args=["2026-Q2", other.pk])).status_code == 404
    assert client.get(reverse("indicators:signoff-month", args=["2026-99", other.pk])).status_code == 404
    response = client.post(
        reverse("indicators:signoff-month", args=[JUNE.key, commune("Tủa Chùa").pk]), {"action": "approve"}
    )
    assert response.status_code == 400 and not SignOff.objects.exists()


@pytest.mark.django_db
def test_signoff_pages_read_a_fixed_number_of_queries(client, june, officials, django_assert_max_num_queries):
    sign_all(officials, periods.parse("2026-05"))
    assert client.login(username="canbo.tinh", password=PASSWORD)
    with django_assert_max_num_queries(15):  # 45 communes, none read one by one
        assert client.get(reverse("indicators:signoff"), {"month": "2026-05"}).status_code == 200
    with django_assert_max_num_queries(30):
        page = client.get(reverse("indicators:signoff-month", args=[JUNE.key, commune("Tủa Chùa").pk]))
    assert page.status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("indicators:packs")).status_code == 200


@pytest.mark.django_db
def test_signoff_pages_speak_english_when_asked(client, june, officials):
    signoff.submit(officials["commune"], commune("Tủa Chùa"), JUNE, "Chưa có lớp.")
    assert client.login(username="canbo.tinh", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    listing = client.get(reverse("indicators:signoff"), {"month": JUNE.key}).content.decode()
    assert "Monthly sign-off" in listing and "Waiting for the province" in listing
    month = client.get(reverse("indicators:signoff-month", args=[JUNE.key, commune("Tủa Chùa").pk])).content
    month = month.decode()
    assert "Approve and lock the figures" in month and "Return to the commune" in month
    packs = client.get(reverse("indicators:packs")).content.decode()
    assert "Review reports" in packs and "Quarter II/2026" in packs
    for page in (listing, month, packs):
        assert "Chốt số liệu theo tháng" not in page and "Trả lại cho xã" not in page
