"""A seller's shops on other platforms: added by the seller, confirmed by an official of its commune,
then counted for indicator I1 in one query. Nobody else can touch them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from sellers import selectors, services
from sellers.models import AuditLogEntry, ExternalShopLink, Seller

from .conftest import make_official, make_verified_seller

Notification = get_model("communication", "Notification")
pytestmark = pytest.mark.django_db

SHOPEE = "https://shopee.vn/hogiangade"


def add(client, platform="shopee", url=SHOPEE):
    return client.post(reverse("sellers:links"), {"platform": platform, "url": url})


def decide(client, link, decision, reason="", next_url=""):
    url = reverse("officials:link-decision", kwargs={"pk": link.pk, "decision": decision})
    return client.post(url, {"reason": reason, "next": next_url})


def i1_count(on=None):
    return Seller.objects.aggregate(n=Count("pk", filter=Q(selectors.confirmed_external_listing(on))))["n"]


def test_added_link_waits_then_counts_once_an_official_confirms_it(
    client, two_shops, official, django_assert_num_queries
):
    a, b, *_rest = two_shops
    client.force_login(a.user)
    response = add(client)
    assert response.status_code == 302 and response.url == reverse("sellers:links")
    link = ExternalShopLink.objects.get(seller=a)
    assert link.is_pending and link.platform == "shopee" and link.url == SHOPEE
    page = client.get(reverse("sellers:links")).content.decode()
    assert SHOPEE in page and "Chờ xác nhận" in page
    # Pending links do not count.
    assert not selectors.sells_on_other_platform(a)
    assert not selectors.sellers_with_confirmed_external_listing().exists()

    client.force_login(official)
    queue = client.get(reverse("officials:queue"))
    assert list(queue.context["links"]) == [link] and SHOPEE in queue.content.decode()
    detail_url = reverse("officials:seller", kwargs={"pk": a.pk})
    detail = client.get(detail_url)
    assert list(detail.context["links"]) == [link]
    assert f"/officials/links/{link.pk}/confirm/" in detail.content.decode()

    response = decide(client, link, "confirm", next_url=detail_url)
    assert response.status_code == 302 and response.url == detail_url
    link.refresh_from_db()
    assert link.confirmed_by == official and link.confirmed_at and not link.is_pending
    entry = AuditLogEntry.objects.get(action="external_link.confirm")
    assert entry.actor == official and entry.seller == a and SHOPEE in entry.detail
    assert Notification.objects.filter(recipient=a.user, subject__contains="đã được xác nhận").exists()
    assert not client.get(reverse("officials:queue")).context["links"]
    assert "xác nhận cửa hàng trên sàn khác" in client.get(detail_url).content.decode()  # log label

    # Counted: per seller, as a filter, and as one aggregate query over all sellers.
    assert selectors.sells_on_other_platform(a) and not selectors.sells_on_other_platform(b)
    assert list(selectors.sellers_with_confirmed_external_listing()) == [a]
    with django_assert_num_queries(1):
        assert i1_count() == 1
    client.force_login(a.user)
    assert "Đã xác nhận" in client.get(reverse("sellers:links")).content.decode()


def test_removing_a_confirmed_link_stops_it_counting_but_not_for_past_dates(client, two_shops, official):
    a, *_rest = two_shops
    link = services.add_external_link(a, platform="facebook", url="https://www.facebook.com/chetuachua")
    services.decide_external_link(link, official=official, confirm=True)
    today = timezone.localdate()
    ExternalShopLink.objects.filter(pk=link.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=10)
    )
    client.force_login(a.user)
    response = client.post(reverse("sellers:link-remove", kwargs={"pk": link.pk}))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.removed_at is not None  # kept for the record, off the seller's list
    assert "chetuachua" not in client.get(reverse("sellers:links")).content.decode()
    assert i1_count() == 0 and i1_count(on=today) == 0
    assert i1_count(on=today - datetime.timedelta(days=5)) == 1  # confirmed then, not yet removed
    assert i1_count(on=today - datetime.timedelta(days=11)) == 0  # not yet confirmed
    assert selectors.sells_on_other_platform(a, on=today - datetime.timedelta(days=5))
    # The same shop can be added again, and waits for confirmation again.
    assert add(client, "facebook", "https://www.facebook.com/chetuachua").status_code == 302
    assert ExternalShopLink.objects.pending_review().filter(seller=a).count() == 1


def test_rejection_needs_a_reason_is_logged_and_shown_to_the_seller(client, two_shops, official):
    a, *_rest = two_shops
    link = services.add_external_link(a, platform="tiktok", url="https://www.tiktok.com/@nguoikhac")
    client.force_login(official)
    response = decide(client, link, "reject", reason="   ")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.is_pending
    assert "Hãy ghi lý do" in client.get(reverse("officials:queue")).content.decode()  # the message

    decide(client, link, "reject", reason="Không phải cửa hàng của hộ")
    link.refresh_from_db()
    assert link.rejected_at and link.confirmed_at is None and link.review_note == "Không phải cửa hàng của hộ"
    assert AuditLogEntry.objects.filter(
        actor=official, seller=a, action="external_link.reject", detail__contains="Không phải cửa hàng"
    ).exists()
    assert i1_count() == 0 and not selectors.sells_on_other_platform(a)
    # Decided once: a second decision is refused and not logged again.
    decide(client, link, "confirm")
    link.refresh_from_db()
    assert link.confirmed_at is None
    assert AuditLogEntry.objects.filter(action__startswith="external_link.").count() == 1

    client.force_login(a.user)
    page = client.get(reverse("sellers:links")).content.decode()
    assert "Không được chấp nhận" in page and "Không phải cửa hàng của hộ" in page


@pytest.mark.parametrize(
    "platform, url, field",
    [
        ("shopee", "không phải đường dẫn", "url"),
        ("shopee", "javascript:alert(document.cookie)", "url"),
        ("other", "ftp://shopee.vn/shop", "url"),
        ("other", "data:text/html,<script>alert(1)</script>", "url"),
        ("shopee", "", "url"),
        ("myspace", "https://myspace.com/shop", "platform"),
        ("", "https://shopee.vn/shop", "platform"),
        ("shopee", "https://www.facebook.com/shop", "url"),  # not that platform's site
        ("lazada", "https://lazada.vn.evil.example/shop", "url"),
        ("other", "https://example.vn/" + "a" * 600, "url"),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(client, two_shops, platform, url, field):
    a, *_rest = two_shops
    client.force_login(a.user)
    response = add(client, platform, url)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not ExternalShopLink.objects.exists()


def test_url_without_scheme_is_taken_as_https_and_duplicates_are_refused(client, two_shops):
    a, *_rest = two_shops
    client.force_login(a.user)
    assert add(client, "shopee", "shopee.vn/hogiangade").status_code == 302
    assert ExternalShopLink.objects.get().url == SHOPEE
    response = add(client, "shopee", SHOPEE)
    assert response.status_code == 200 and "đã có trong danh sách" in response.content.decode()
    assert add(client, "other", "https://sub.postmart.vn/x").status_code == 302  # "other": any site
    assert ExternalShopLink.objects.count() == 2


def test_a_seller_cannot_touch_another_sellers_links(client, two_shops):
    a, b, *_rest = two_shops
    link_b = services.add_external_link(b, platform="zalo", url="https://zalo.me/htxchesinchai")
    client.force_login(a.user)
    assert "htxchesinchai" not in client.get(reverse("sellers:links")).content.decode()
    response = client.post(reverse("sellers:link-remove", kwargs={"pk": link_b.pk}))
    assert response.status_code == 404
    link_b.refresh_from_db()
    assert link_b.removed_at is None
    with pytest.raises(PermissionDenied):
        services.remove_external_link(a, link_b)
    # Nor confirm its own (or anyone's) link: officials' actions are for officials only.
    own = services.add_external_link(a, platform="shopee", url=SHOPEE)
    assert decide(client, own, "confirm").status_code == 403
    own.refresh_from_db()
    assert own.is_pending


def test_only_an_official_of_the_sellers_commune_or_the_province_can_decide(client, two_shops):
    a, *_rest = two_shops
    link = services.add_external_link(a, platform="shopee", url=SHOPEE)  # a is in Tủa Chùa
    other = make_official("canbo.muongang", "Mường Ảng")
    client.force_login(other)
    assert not client.get(reverse("officials:queue")).context["links"]
    for decision in ["confirm", "reject"]:
        assert decide(client, link, decision, reason="x").status_code == 404
    link.refresh_from_db()
    assert link.is_pending and not AuditLogEntry.objects.filter(action__startswith="external_link.").exists()
    with pytest.raises(PermissionDenied):
        services.decide_external_link(link, official=other, confirm=True)
    # A seller of Mường Ảng shows in that official's queue, not in Tủa Chùa's.
    local = make_verified_seller("0912000301", other, commune_name="Mường Ảng", name="HTX Cà phê Mường Ảng")
    local_link = services.add_external_link(local, platform="lazada", url="https://www.lazada.vn/shop/caphe")
    assert list(client.get(reverse("officials:queue")).context["links"]) == [local_link]

    province = make_official("canbo.tinh")
    client.force_login(province)
    assert set(client.get(reverse("officials:queue")).context["links"]) == {link, local_link}
    assert decide(client, link, "confirm").status_code == 302
    link.refresh_from_db()
    assert link.confirmed_by == province
    # Unknown decisions and GETs do nothing.
    assert decide(client, local_link, "delete").status_code == 404
    url = reverse("officials:link-decision", kwargs={"pk": local_link.pk, "decision": "confirm"})
    assert client.get(url).status_code == 405
    local_link.refresh_from_db()
    assert local_link.is_pending


def test_the_next_url_cannot_send_the_official_off_site(client, two_shops, official):
    a, *_rest = two_shops
    link = services.add_external_link(a, platform="shopee", url=SHOPEE)
    client.force_login(official)
    response = decide(client, link, "confirm", next_url="https://evil.example/")
    assert response.url == reverse("officials:queue")


def test_anonymous_users_are_sent_to_login(client, two_shops):
    a, *_rest = two_shops
    link = services.add_external_link(a, platform="shopee", url=SHOPEE)
    login = reverse("sellers:login")
    for response in [
        client.get(reverse("sellers:links")),
        add(client),
        client.post(reverse("sellers:link-remove", kwargs={"pk": link.pk})),
        decide(client, link, "confirm"),
    ]:
        assert response.status_code == 302 and response.url.startswith(login)
    link.refresh_from_db()
    assert link.is_pending and link.removed_at is None
    assert ExternalShopLink.objects.count() == 1


def test_an_unverified_seller_cannot_add_links(client, official):
    from .conftest import make_submitted_seller

    seller = make_submitted_seller("0912000401")
    client.force_login(seller.user)
    assert add(client).status_code == 403
    with pytest.raises(Exception, match="đã xác minh"):
        services.add_external_link(seller, platform="shopee", url=SHOPEE)
