"""The projection to 2030 on constructed series whose answer is known, and on the dashboard."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.indicators import projection, services
from marketplace.indicators.projection import project

from .conftest import PASSWORD, make_official


def month_ends(start_year, start_month, shares):
    points, year, month = [], start_year, start_month
    for share in shares:
        first_next = date(year + month // 12, month % 12 + 1, 1)
        points.append((first_next - timedelta(days=1), share))
        year, month = year + month // 12, month % 12 + 1
    return points


def test_a_straight_line_reaches_the_target_in_the_year_it_crosses_it():
    # +12 points a year from 10 % at the end of Dec 2025: 60 % is reached 50/12 years later,
    # in early 2030 (Feb/Mar 2030).
    shares = [10 + i for i in range(12)]
    p = project(month_ends(2025, 12, shares), Decimal(60))
    assert p.enough and p.months == 12
    assert abs(p.per_year - Decimal(12)) < Decimal("0.2")
    assert p.year == 2030 and p.year_early == 2030 and p.year_late == 2030  # no noise: no band
    assert not p.reached and p.on_track


def test_a_slow_line_misses_the_target_and_says_where_it_ends():
    # +6 points a year from 10 %: about 10 + 6·(5 years) ≈ 40 % at the end of 2030.
    shares = [10 + 0.5 * i for i in range(12)]
    p = project(month_ends(2025, 12, shares), Decimal(60))
    assert p.year is None and not p.on_track
    assert Decimal(39) < p.at_horizon < Decimal(42)


def test_noise_widens_the_band_and_a_flat_line_never_arrives():
    noisy = [10, 14, 11, 16, 13, 18, 15, 20, 17, 22, 19, 24]
    p = project(month_ends(2025, 12, noisy), Decimal(60))
    assert p.year_early is not None and p.year_early <= (p.year or 2031)
    assert p.at_horizon_low < p.at_horizon < p.at_horizon_high
    flat = project(month_ends(2025, 12, [20] * 12), Decimal(60))
    assert flat.per_year == 0 and flat.year is None and flat.at_horizon == Decimal(20)


def test_too_little_history_is_said_and_shares_stay_within_0_and_100():
    assert not project(month_ends(2026, 1, [10, 20, None, 30]), Decimal(60)).enough
    # +5 points a month from 50 % (Dec 2025): 95 % at the end of Sep 2026, 100 % a month later.
    steep = project(month_ends(2025, 12, [50 + 5 * i for i in range(10)]), Decimal(100))
    assert steep.at_horizon == Decimal(100) and steep.year == 2026
    reached = project(month_ends(2025, 12, [61, 62, 63, 64]), Decimal(60))
    assert reached.reached and reached.on_track


@pytest.mark.django_db
def test_the_dashboard_shows_the_projection_labelled_as_one(client, worked_example):
    for month in range(1, 7):  # month ends of January to June 2026
        first_next = date(2026, month + 1, 1)
        services.take_snapshot(first_next - timedelta(days=1))
    make_official("tinh")
    assert client.login(username="tinh", password=PASSWORD)
    page = client.get(reverse("indicators:dashboard"), {"date": "2026-06-30"}).content.decode()
    assert 'data-projection="I1"' in page and "Dự báo" in page
    assert str(projection.MIN_MONTHS) in page and "bình phương nhỏ nhất" in page
