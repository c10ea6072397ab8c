"""Validation rules, each on a hand-built case, and on the dashboard with real records."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.indicators import services, validation
from sellers.models import Seller

from .conftest import DAY, PASSWORD, commune, make_official


@dataclass
class F:
    code: str
    num: int
    den: int

    @property
    def share(self):
        return Decimal(100 * self.num / self.den).quantize(Decimal("0.1")) if self.den else None


@dataclass
class Row:
    commune: object
    figures: list


def row(place, **counts):
    """A commune row with every indicator at 5/10 unless given, e.g. I2=(3, 4)."""
    codes = ["I1", "I2", "I3", "I4", "I5", "I6", "I7"]
    return Row(place, [F(code, *counts.get(code, (5, 10))) for code in codes])


@pytest.fixture
def tua_chua(db):
    return commune("Tủa Chùa")


def rules(findings):
    return {(f.rule, f.level) for f in findings}


def test_a_clean_commune_has_no_findings(tua_chua):
    assert validation.check([row(tua_chua)], [row(tua_chua)], {}) == []


def test_i2_above_i3_is_an_error_for_the_province(tua_chua):
    [finding] = validation.check([row(tua_chua, I2=(7, 10), I3=(6, 10))], [], {})
    assert (finding.rule, finding.level, finding.commune) == ("i2_above_i3", "error", tua_chua)
    assert "7" in finding.message and "6" in finding.message and finding.who == "Cán bộ tỉnh"
    assert finding.link == reverse("officials:register")


def test_a_sharp_drop_since_last_month_is_a_warning(tua_chua, settings):
    settings.INDICATOR_DROP_POINTS = 10
    now, before = row(tua_chua, I1=(3, 10)), row(tua_chua, I1=(5, 10))  # 50 % → 30 %
    assert rules(validation.check([now], [before], {})) == {("drop_I1", "warning")}
    slight = row(tua_chua, I1=(45, 100))  # 50 % → 45 %: within 10 points
    assert validation.check([slight], [before], {}) == []
    assert validation.check([now], [], {}) == []  # no earlier month: nothing to compare


def test_entities_without_training_and_record_gaps(tua_chua):
    gaps = {str(tua_chua.pk): {"stuck_registrations": 2, "missing_profile": 3}}
    findings = validation.check([row(tua_chua, I4=(0, 8))], [], gaps)
    assert rules(findings) == {
        ("no_training", "warning"),
        ("stuck_registrations", "error"),
        ("missing_profile", "warning"),
    }
    assert findings[0].is_error  # errors first
    assert validation.check([row(tua_chua, I4=(0, 0))], [], {}) == []  # nobody to train


@pytest.mark.django_db
def test_the_dashboard_lists_findings_in_the_officials_scope(client, province, worked_example):
    waiting = province.seller(
        "Hộ Chờ Lâu", status=Seller.Status.SUBMITTED, submitted_on=DAY - timedelta(days=40)
    )
    assert waiting.status == Seller.Status.SUBMITTED
    province.seller("Hộ Mới Nộp", commune_name="Mường Ảng", status=Seller.Status.SUBMITTED, submitted_on=DAY)
    services.take_snapshot(date(2026, 5, 31))
    services.take_snapshot(DAY)
    make_official("xa", "Tủa Chùa")
    assert client.login(username="xa", password=PASSWORD)
    page = client.get(reverse("indicators:dashboard"), {"date": DAY.isoformat()})
    findings = page.context["findings"]
    assert {f.commune.name for f in findings} == {"Tủa Chùa"}
    assert ("stuck_registrations", "error") in rules(findings)
    html = page.content.decode()
    assert 'data-rule="stuck_registrations"' in html and "chờ xác minh quá 30 ngày" in html
