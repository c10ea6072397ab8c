"""Dashboard, scope, query count, export = dashboard, public page suppression, alerts."""

import io
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from oscar.core.loading import get_model

from marketplace.indicators import selectors, services
from marketplace.indicators.models import AlertRun
from sellers.models import Commune, EthnicGroup

from .conftest import DAY, PASSWORD, make_official

Notification = get_model("communication", "Notification")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def dashboard(client, **params):
    return client.get(reverse("indicators:dashboard"), {"date": DAY.isoformat(), **params})


@pytest.fixture
def snapshot(worked_example):
    services.take_snapshot(DAY)
    return worked_example


@pytest.mark.django_db
def test_province_official_reads_every_indicator_and_commune(client, snapshot):
    login(client, make_official("tinh"))
    response = dashboard(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-share="I1">40.0 %' in html or 'data-share="I1">40,0 %' in html
    assert 'data-count="I1">2 / 5' in html
    assert "<svg" in html and "Tủa Chùa" in html
    report = response.context["report"]
    assert len(report.communes) == Commune.objects.count()


@pytest.mark.django_db
def test_commune_official_sees_only_their_commune_and_403_for_another(client, snapshot):
    official = make_official("xa", "Tủa Chùa")
    login(client, official)
    response = dashboard(client)
    assert response.status_code == 200
    assert [row.commune.name for row in response.context["report"].communes] == ["Tủa Chùa"]
    other = Commune.objects.get(name="Điện Biên Phủ")
    assert dashboard(client, commune=other.pk).status_code == 403
    assert client.get(reverse("indicators:export"), {"commune": other.pk}).status_code == 403
    assert client.get(reverse("indicators:targets")).status_code == 403
    # Tủa Chùa's own figures: D (the only seller elsewhere) is not in them.
    assert response.context["report"].figures[2].den == 5  # I3: A, C, E, H, J


@pytest.mark.django_db
def test_not_an_official_cannot_open_the_dashboard(client, snapshot, django_user_model):
    django_user_model.objects.create_user(username="khach", password=PASSWORD)
    client.login(username="khach", password=PASSWORD)
    assert dashboard(client).status_code == 403


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_communes_or_entities(client, province, snapshot):
    login(client, make_official("tinh"))
    dashboard(client)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as small:
        assert dashboard(client).status_code == 200
    for n, name in enumerate(["Mường Nhé", "Sín Thầu", "Mường Chà", "Nà Hỳ", "Tuần Giáo"]):
        for k in range(4):
            seller = province.seller(f"{name} {k}", commune_name=name, ethnic="Thái" if k % 2 else "Dao")
            province.certificate(seller)
            province.product(seller)
            if n % 2:
                province.link(seller)
    services.take_snapshot(DAY)
    with CaptureQueriesContext(connection) as large:
        assert dashboard(client).status_code == 200
    assert len(large) == len(small)
    # Session, user, profile, 9 for the figures, 3 data-quality counts, 2 filter choices, and
    # the storefront frame's notification and basket queries.
    assert len(small) <= 25


@pytest.mark.django_db
def test_excel_export_holds_the_dashboard_numbers(client, snapshot):
    login(client, make_official("tinh"))
    hmong = EthnicGroup.objects.get(name="H'Mông")
    params = {"ethnic": hmong.pk, "type": "household"}
    shown = dashboard(client, **params).context["report"]
    response = client.get(reverse("indicators:export"), {"date": DAY.isoformat(), "format": "xlsx", **params})
    assert response.status_code == 200
    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )
    assert book.sheetnames[0] == "Định nghĩa" and "Bảng xã" in book.sheetnames
    for figure in shown.figures:
        row = [c.value for c in book[figure.code][6]]
        assert row[1:3] == [figure.num, figure.den]
        assert row[3] == (None if figure.share is None else float(figure.share))
    communes = {r[0]: r for r in book["Bảng xã"].iter_rows(min_row=6, values_only=True)}
    tua_chua = next(r for r in shown.communes if r.commune.name == "Tủa Chùa")
    assert communes["Tủa Chùa"][1:3] == (tua_chua.figures[0].num, tua_chua.figures[0].den)
    csv_response = client.get(
        reverse("indicators:export"), {"date": DAY.isoformat(), "format": "csv", **params}
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    assert ",I1,1,2," in csv_response.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_public_page_suppresses_counts_below_five(client, snapshot):
    response = client.get(reverse("indicators-public"))
    assert response.status_code == 200
    html = response.content.decode()
    public = {p.code: p for p in response.context["province"]}
    # I1 is 2 of 5: the 2 is shown as "<5" and the share built on it hidden. All 5 are in one
    # commune and every other commune has none, so showing the 5 (here or in the commune's row)
    # would tell that each "<5" is a 0: complementary suppression hides it as "*".
    assert (public["I1"].num, public["I1"].den, public["I1"].share) == ("<5", "*", None)
    # I7 is 9 of 10: both counts are 5 or more, the share shows.
    assert (public["I7"].num, public["I7"].den) == ("9", "10") and public["I7"].share == 90
    assert "&lt;5" in html
    # No seller's name on the public page.
    assert "data-commune" in html and ">A<" not in html
    # Linked from every page's footer.
    assert reverse("indicators-public") in client.get("/").content.decode()


@pytest.mark.django_db
def test_targets_page_saves_yearly_targets(client, snapshot):
    official = make_official("tinh")
    login(client, official)
    response = client.post(reverse("indicators:targets"), {"I1_2028": "45", "I2_2026": "abc"})
    assert response.status_code == 200  # the bad value is a form error, nothing saved
    assert selectors.load_targets().explicit == {}
    response = client.post(reverse("indicators:targets"), {"I1_2028": "45"})
    assert response.status_code == 302
    assert selectors.load_targets().for_year("I1", 2028) == 45


@pytest.mark.django_db
def test_monthly_alert_tells_lagging_commune_and_province_once(
    snapshot, settings, django_capture_on_commit_callbacks
):
    settings.INDICATOR_ALERT_POINTS = 10
    commune_official = make_official("xa", "Tủa Chùa")
    other_commune_official = make_official("xa2", "Điện Biên Phủ")
    province_official = make_official("tinh")
    services.save_targets(province_official, {("I1", 2025): 60, ("I1", 2026): 80})
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_monthly_alerts(today=DAY)
    # On 30 June the I1 trajectory is 60 + 20 × 181/365 = 69.9 %; Tủa Chùa's I1 is 40 %:
    # more than 10 points behind. Điện Biên Phủ has no I1 denominator (not an EM area).
    lagging = {row["commune"]: row["indicators"] for row in run.lagging}
    tua_chua = Commune.objects.get(name="Tủa Chùa").pk
    assert lagging[tua_chua]["I1"] == ["40.0", "69.9"]
    notice = Notification.objects.get(recipient=commune_official)
    assert "Tủa Chùa" in notice.subject and "I1: 40.0" in notice.body
    assert not Notification.objects.filter(recipient=other_commune_official).exists()
    summary = Notification.objects.get(recipient=province_official)
    assert "Tủa Chùa" in summary.body
    # F (Tủa Chùa) has waited for a decision since 5 January.
    assert run.data_gaps == {"missing_profile": 0, "expiring": 0, "stale_links": 0, "stuck_registrations": 1}
    assert {m.to[0] for m in mail.outbox} >= {commune_official.email, province_official.email}
    # Once per month, however often the job runs.
    assert services.run_monthly_alerts(today=date(2026, 6, 30)) is None
    assert AlertRun.objects.count() == 1
    assert Notification.objects.filter(recipient=commune_official).count() == 1


@pytest.mark.django_db
def test_data_quality_gaps_are_counted_in_the_snapshot_and_scoped(client, province, worked_example):
    from datetime import timedelta

    from sellers.models import ExternalShopLink

    from .conftest import at

    unknown_sex = province.seller("X", commune_name="Mường Nhé", sex="")
    province.certificate(unknown_sex, issued=date(2024, 1, 1), expires=DAY + timedelta(days=30))
    ExternalShopLink.objects.create(
        seller=unknown_sex,
        platform="tiktok",
        url="https://www.tiktok.com/@x",
        added_at=at(DAY - timedelta(days=40)),
    )
    services.take_snapshot(DAY)
    login(client, make_official("tinh"))
    gaps = dashboard(client).context["gaps"]
    assert gaps == {"missing_profile": 1, "expiring": 1, "stale_links": 1, "stuck_registrations": 1}
    login(client, make_official("xa", "Tủa Chùa"))
    gaps = dashboard(client).context["gaps"]  # F, waiting since 5 January, is Tủa Chùa's
    assert gaps == {"missing_profile": 0, "expiring": 0, "stale_links": 0, "stuck_registrations": 1}
