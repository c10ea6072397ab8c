"""Each indicator on the hand-built data set (conftest.worked_example), worked out by hand."""

from datetime import date

import pytest

from marketplace.indicators import selectors, services
from marketplace.indicators.models import SnapshotCell
from marketplace.indicators.selectors import Filters
from sellers.models import EthnicGroup, Seller

from .conftest import DAY


def province_figures(day=DAY, filters=None):
    filters = filters or Filters()
    cells = selectors.compute_cells(day)
    figures = selectors.figures_from_cells(cells, day, filters, selectors.load_targets())
    return {f.code: f for f in figures}


@pytest.mark.django_db
def test_i1_counts_live_or_confirmed_elsewhere_ocop_entities_of_em_areas(worked_example):
    # OCOP entities in EM areas on DAY: A, C, E, H, J (B expired, D not EM area, I certified
    # later, L's certificate not approved). Selling: A (live product), C (confirmed Shopee).
    # E's product and link come after DAY, H's product is hidden, J's link was removed.
    f = province_figures()["I1"]
    assert (f.num, f.den) == (2, 5)
    assert f.share == 40


@pytest.mark.django_db
def test_i3_em_households_among_all_ocop_entities(worked_example):
    # OCOP entities: A, C, D, E, H, J. EM households: A (H'Mông), E (Thái), H (Dao), J (H'Mông);
    # C is Kinh, D a cooperative.
    f = province_figures()["I3"]
    assert (f.num, f.den) == (4, 6)


@pytest.mark.django_db
def test_i7_registrations_decided_online_among_decided(province, worked_example):
    # Decided by DAY: A B C D E G(rejected) H I J L; F still waits, K decided after DAY.
    # H was submitted on paper.
    f = province_figures()["I7"]
    assert (f.num, f.den) == (9, 10)
    # A file sent back for changes is not decided: it waits for the seller, then for a decision.
    province.seller("M", status=Seller.Status.CHANGES_REQUESTED)
    f = province_figures()["I7"]
    assert (f.num, f.den) == (9, 10)


@pytest.mark.django_db
def test_figures_move_with_the_date(worked_example):
    # A week after E's Shopee link was confirmed (7 July), E counts for I1.
    f = province_figures(date(2026, 7, 10))["I1"]
    assert (f.num, f.den) == (3, 5)
    # Before B's certificate expired and before J's link was removed (1 May):
    # OCOP in EM areas on 2026-04-01... B expired 2025-01-01 anyway; J's link still there.
    f = province_figures(date(2026, 4, 1))["I1"]
    assert (f.num, f.den) == (3, 5)


@pytest.mark.django_db
def test_breakdown_filters_ethnic_group_entity_type_and_sex(worked_example):
    hmong = EthnicGroup.objects.get(name="H'Mông")
    f = province_figures(filters=Filters(ethnic_group_id=hmong.pk, entity_type=Seller.EntityType.HOUSEHOLD))
    # H'Mông households that are OCOP entities in EM areas: A, J; A sells.
    assert (f["I1"].num, f["I1"].den) == (1, 2)
    women = province_figures(filters=Filters(sex="F"))
    # Women representatives: B (expired), C (sells elsewhere), H (hidden), J (link removed).
    assert (women["I1"].num, women["I1"].den) == (1, 3)
    # Training registries have no entity type: I5 and I6 do not apply to that filter.
    typed = province_figures(filters=Filters(entity_type=Seller.EntityType.HOUSEHOLD))
    assert typed["I5"].share is None and not typed["I5"].applicable


@pytest.mark.django_db
def test_snapshot_equals_live_computation(worked_example):
    services.take_snapshot(DAY)
    targets = selectors.load_targets()
    cells = selectors.compute_cells(DAY)
    hmong = EthnicGroup.objects.get(name="H'Mông")
    tua_chua = worked_example["A"].commune_id
    for filters in (
        Filters(),
        Filters(commune_id=tua_chua),
        Filters(ethnic_group_id=hmong.pk),
        Filters(entity_type=Seller.EntityType.HOUSEHOLD, sex="F"),
    ):
        stored = selectors.figures(DAY, filters, targets)
        live = selectors.figures_from_cells(cells, DAY, filters, targets)
        assert [(f.code, f.num, f.den) for f in stored] == [(f.code, f.num, f.den) for f in live]
    assert SnapshotCell.objects.filter(date=DAY).count() == len(cells)
    # Taking it again replaces, never doubles.
    services.take_snapshot(DAY)
    assert selectors.figures(DAY, Filters(), targets)[0].den == 5


@pytest.mark.django_db
def test_targets_default_to_a_straight_line_and_province_sets_them(worked_example):
    from marketplace.indicators.selectors import Targets

    line = Targets(explicit={}, measured_baseline={"I1": 10})
    assert line.for_year("I1", 2025) == 10
    assert line.for_year("I1", 2028) == 40  # 10 + (60 - 10) * 3 / 5
    assert line.for_year("I1", 2030) == 60
    assert line.trajectory("I1", date(2028, 12, 31)) == 40
    assert line.trajectory("I1", date(2028, 7, 2)) == 35  # halfway from 30 to 40
    from .conftest import make_official

    province = make_official("tinh")
    services.save_targets(province, {("I1", 2028): 45, ("I1", 2025): None})
    targets = selectors.load_targets()
    assert targets.for_year("I1", 2028) == 45
    with pytest.raises(PermissionError):
        services.save_targets(make_official("xa", "Tủa Chùa"), {("I1", 2028): 50})


@pytest.mark.django_db
def test_i2_em_household_ocop_entities_with_active_shop_and_verified_account(with_payments_and_training):
    # EM-household OCOP entities: A, E, H, J. A: live product + account verified in March.
    # E: account verified but no live product on DAY; J: account disabled in May; H: unverified.
    f = province_figures()["I2"]
    assert (f.num, f.den) == (1, 4)


@pytest.mark.django_db
def test_i4_sellers_in_em_areas_whose_representative_completed_a_course(with_payments_and_training):
    # Verified by DAY in EM areas: A B C E H I J L. Completed by DAY: A (online), B (attendance
    # on DAY itself). C finished after DAY, D is outside EM areas, K verified after DAY.
    f = province_figures()["I4"]
    assert (f.num, f.den) == (2, 8)


@pytest.mark.django_db
def test_i5_village_heads_trained_among_registered(with_payments_and_training):
    # Registered on DAY: VH1, VH2 (VH3 joins in August, VH4 left in May). Trained: VH1.
    f = province_figures()["I5"]
    assert (f.num, f.den) == (1, 2)
    thai = EthnicGroup.objects.get(name="Thái")
    assert province_figures(filters=Filters(ethnic_group_id=thai.pk))["I5"].den == 1


@pytest.mark.django_db
def test_i6_staff_trained_by_a_staff_course(with_payments_and_training):
    # S1 (province level) took a staff course; S2's course was for sellers; S3 none.
    f = province_figures()["I6"]
    assert (f.num, f.den) == (1, 3)
    tua_chua = with_payments_and_training["A"].commune_id
    assert province_figures(filters=Filters(commune_id=tua_chua))["I6"].den == 2
    # Staff have no ethnic group: the filter does not apply.
    hmong = EthnicGroup.objects.get(name="H'Mông")
    assert not province_figures(filters=Filters(ethnic_group_id=hmong.pk))["I6"].applicable


@pytest.mark.django_db
def test_snapshot_equals_live_for_every_indicator(with_payments_and_training):
    services.take_snapshot(DAY)
    targets = selectors.load_targets()
    cells = selectors.compute_cells(DAY)
    for filters in (
        Filters(),
        Filters(sex="F"),
        Filters(commune_id=with_payments_and_training["A"].commune_id),
    ):
        stored = [(f.code, f.num, f.den) for f in selectors.figures(DAY, filters, targets)]
        assert stored == [
            (f.code, f.num, f.den) for f in selectors.figures_from_cells(cells, DAY, filters, targets)
        ]
    assert dict((c, (n, d)) for c, n, d in stored)["I6"] == (0, 2)
