"""The indicators' contract: who completed ≥ 1 course by a date, each answer one query."""

from datetime import date

import pytest

from cms.models import Audience
from cms.selectors import (
    registered_staff,
    registered_village_heads,
    trained_seller_ids,
    trained_staff_ids,
    trained_village_head_ids,
)
from cms.training.models import CourseCompletion
from cms.training.services import record_completion

from .conftest import make_course, make_seller, make_staff, make_user, make_village_head

pytestmark = pytest.mark.django_db

ONLINE = CourseCompletion.Source.ONLINE
IN_PERSON = CourseCompletion.Source.IN_PERSON


def done(course, on, source=ONLINE, **who):
    completion, created = record_completion(course, who, source=source, completed_on=on)
    assert created
    return completion


@pytest.fixture
def data_set():
    leaders = make_course("An toàn trên mạng", Audience.LEADERS, lessons=[])
    staff_course = make_course("Chuyển đổi số cho cán bộ", Audience.STAFF, lessons=[])
    sellers_course = make_course("Bán hàng trực tuyến", Audience.SELLERS, lessons=[])
    everyone = make_course("Nhận tiền qua VietQR", Audience.EVERYONE, lessons=[])

    # Sellers: s1 in person; s2's account learned online before it became a seller (no seller on
    # the record); s3 never; s4 only after the reporting date.
    s1 = make_seller("Hộ Lò Thị Mai")
    s2_user = make_user("0912000002")
    done(sellers_course, date(2026, 4, 1), user=s2_user)
    s2 = make_seller("Hộ Giàng A Dế", user=s2_user)
    s3 = make_seller("HTX Chè Tủa Chùa")
    s4 = make_seller("Hộ Quàng Văn Ún")
    done(sellers_course, date(2026, 3, 10), IN_PERSON, seller=s1)
    done(everyone, date(2026, 3, 11), IN_PERSON, seller=s1)  # a second course counts once
    done(sellers_course, date(2026, 5, 1), seller=s4)

    # Village heads: v1 in person; v2 online through a linked account; v3's account learned
    # before the registry row existed; v4 registered after the date; v5 left before it.
    v1 = make_village_head("Lò Văn Hặc")
    v2_user, v3_user = make_user("0912000012"), make_user("0912000013")
    v2 = make_village_head("Giàng A Páo", user=v2_user, phone="0912000012")
    done(leaders, date(2026, 3, 3), user=v3_user)
    v3 = make_village_head("Vàng A Chứ", user=v3_user, phone="0912000013", registered_on=date(2026, 4, 1))
    v4 = make_village_head("Sùng A Lử", registered_on=date(2026, 6, 1))
    v5 = make_village_head("Mùa A Dơ", left_on=date(2026, 3, 1))
    done(leaders, date(2026, 2, 1), IN_PERSON, village_head=v1)
    done(leaders, date(2026, 3, 1), user=v2_user, village_head=v2)
    done(leaders, date(2026, 2, 1), IN_PERSON, village_head=v4)
    done(leaders, date(2026, 2, 2), IN_PERSON, village_head=v5)

    # Staff: st1 a staff course; st2 a course for everyone; st3 only the village heads' course.
    st1, st2, st3 = make_staff("Phạm Thị Thu", None), make_staff("Lò Văn Tâm"), make_staff("Cà Thị Hoa")
    st4 = make_staff("Lường Văn Xôm", "Mường Ảng")
    done(staff_course, date(2026, 4, 10), IN_PERSON, staff=st1)
    done(everyone, date(2026, 4, 12), staff=st2)
    done(leaders, date(2026, 4, 12), staff=st3)
    return locals()


def ids(queryset):
    return set(queryset)


def test_trained_sellers_by_date(data_set, django_assert_num_queries):
    d = data_set
    with django_assert_num_queries(1):
        assert ids(trained_seller_ids(date(2026, 4, 30))) == {d["s1"].pk, d["s2"].pk}
    assert ids(trained_seller_ids(date(2026, 5, 1))) == {d["s1"].pk, d["s2"].pk, d["s4"].pk}
    assert ids(trained_seller_ids(date(2026, 3, 9))) == set()


def test_village_heads_registered_and_trained(data_set, django_assert_num_queries):
    d = data_set
    as_of = date(2026, 4, 30)
    with django_assert_num_queries(1):
        registered = {v.pk for v in registered_village_heads(as_of)}
    assert registered == {d["v1"].pk, d["v2"].pk, d["v3"].pk}
    with django_assert_num_queries(1):
        trained = ids(trained_village_head_ids(as_of))
    assert trained == {d["v1"].pk, d["v2"].pk, d["v3"].pk, d["v4"].pk, d["v5"].pk}
    # I5 as the indicators compute it: numerator and denominator in one query each.
    with django_assert_num_queries(1):
        assert registered_village_heads(as_of).filter(pk__in=trained_village_head_ids(as_of)).count() == 3
    assert (
        registered_village_heads(date(2026, 2, 15))
        .filter(pk__in=trained_village_head_ids(date(2026, 2, 15)))
        .count()
        == 2
    )  # v1 and v5 (v2 not yet trained, v3 not yet registered)


def test_staff_trained_only_by_staff_or_everyone_courses(data_set, django_assert_num_queries):
    d = data_set
    as_of = date(2026, 4, 30)
    assert {s.pk for s in registered_staff(as_of)} == {d["st1"].pk, d["st2"].pk, d["st3"].pk, d["st4"].pk}
    with django_assert_num_queries(1):
        assert ids(trained_staff_ids(as_of)) == {d["st1"].pk, d["st2"].pk}
    assert ids(trained_staff_ids(date(2026, 4, 11))) == {d["st1"].pk}


def test_completion_recorded_once_per_person_and_course(data_set):
    d = data_set
    leaders = d["leaders"]
    before = CourseCompletion.objects.count()
    # The same person again, by another of their identities: the first record stands.
    again, created = record_completion(
        leaders, {"user": d["v2_user"]}, source=IN_PERSON, completed_on=date(2026, 4, 1)
    )
    assert not created and again.village_head == d["v2"] and again.source == ONLINE
    again, created = record_completion(
        leaders, {"village_head": d["v1"]}, source=ONLINE, completed_on=date(2026, 4, 1)
    )
    assert not created and again.completed_on == date(2026, 2, 1)
    assert CourseCompletion.objects.count() == before
