"""A seller fulfils its own part of an order and can never read or change another seller's things."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.order import fulfilment

OrderPart = get_model("order", "OrderPart")
Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def test_seller_packs_ships_and_delivers_own_part_buyer_is_emailed(
    client, two_shops, django_capture_on_commit_callbacks
):
    a, b, product_a, product_b, order = two_shops
    part = OrderPart.objects.get(order=order, partner=a.partner)
    client.force_login(a.user)
    page = client.get(reverse("sellers:order", kwargs={"pk": part.pk})).content.decode()
    assert "Chè Shan Tuyết A" in page and "Chè Shan Tuyết B" not in page  # only its own line
    assert "Nguyễn Thị Mai" in page  # the address it must ship to

    act = lambda action, **data: client.post(  # noqa: E731
        reverse("sellers:order-action", kwargs={"pk": part.pk, "action": action}), data
    )
    with django_capture_on_commit_callbacks(execute=True):
        act("delivered")  # not yet shipped: refused with a message
        assert OrderPart.objects.get(pk=part.pk).status == "confirmed"
        act("packed")
        act("shipped", carrier="", tracking_code="")  # carrier required
        assert OrderPart.objects.get(pk=part.pk).status == "packed"
        act("shipped", carrier="Viettel Post", tracking_code="VTP123")
        act("delivered")
    part.refresh_from_db()
    assert (part.status, part.carrier, part.tracking_code, part.payment_state) == (
        "delivered",
        "Viettel Post",
        "VTP123",
        "paid",  # cash on delivery collected
    )
    assert [m.to for m in mail.outbox] == [["nguoimua@example.vn"]] * 3
    assert "VTP123" in mail.outbox[1].body
    # The other seller's part did not move.
    assert OrderPart.objects.get(order=order, partner=b.partner).status == "confirmed"
    figures = client.get(reverse("sellers:home")).context["figures"]
    assert figures["revenue"] == part.items_total and figures["orders"] == 1


def test_fulfilment_service_refuses_a_user_of_another_partner(two_shops):
    a, b, *_rest, order = two_shops
    part_b = OrderPart.objects.get(order=order, partner=b.partner)
    with pytest.raises(PermissionDenied):
        fulfilment.mark_packed(part_b, a.user)


def test_every_seller_url_refuses_the_other_sellers_ids(client, two_shops):
    a, b, product_a, product_b, order = two_shops
    part_b = OrderPart.objects.get(order=order, partner=b.partner)
    client.force_login(a.user)
    urls = [
        reverse("sellers:product-edit", kwargs={"pk": product_b.pk}),
        reverse("sellers:order", kwargs={"pk": part_b.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for action in ["packed", "shipped", "delivered"]:
        url = reverse("sellers:order-action", kwargs={"pk": part_b.pk, "action": action})
        assert client.post(url, {"carrier": "X"}).status_code == 404
    response = client.post(
        reverse("sellers:product-edit", kwargs={"pk": product_b.pk}),
        {"title": "Hijack", "product_group": "food", "price": "1000", "stock": "0", "weight_grams": "1"},
    )
    assert response.status_code == 404
    assert Product.objects.get(pk=product_b.pk).title == "Chè Shan Tuyết B"
    assert OrderPart.objects.get(pk=part_b.pk).status == "confirmed"
    lists = [reverse("sellers:products"), reverse("sellers:orders"), reverse("sellers:home")]
    for url in lists:
        page = client.get(url).content.decode()
        assert "Chè Shan Tuyết B" not in page and "HTX Chè Sín Chải" not in page
    # Officials' pages are not for sellers.
    assert client.get(reverse("officials:seller", kwargs={"pk": b.pk})).status_code == 403


def test_oscar_dashboard_refuses_the_other_sellers_products_and_lines(client, two_shops):
    a, b, product_a, product_b, order = two_shops
    line_a = order.lines.get(partner=a.partner)
    line_b = order.lines.get(partner=b.partner)
    client.force_login(a.user)
    # Products: the other seller's product page, edit and delete are 404 (its own opens).
    assert client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product_a.pk})).status_code == 200
    for name in ["dashboard:catalogue-product", "dashboard:catalogue-product-delete"]:
        assert client.get(reverse(name, kwargs={"pk": product_b.pk})).status_code == 404, name
    response = client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": product_b.pk}))
    assert response.status_code == 404 and Product.objects.filter(pk=product_b.pk).exists()
    # Shared order: only its own line and its own part's totals.
    response = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    page = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["lines"]) == [line_a]
    assert "Chè Shan Tuyết B" not in page and "200.000" not in page
    assert "350.000" not in page  # the whole order's total
    line_url = reverse("dashboard:order-line-detail", kwargs={"number": order.number, "line_id": line_b.pk})
    assert client.get(line_url).status_code == 404
    listing = client.get(reverse("dashboard:order-list")).content.decode()
    assert order.number in listing and "350.000" not in listing
    assert client.get(reverse("dashboard:order-stats")).status_code == 403
    # The dashboard home shows the seller's own figures, never shop-wide totals.
    home = client.get(reverse("dashboard:index"))
    assert home.status_code == 200 and home.context["seller"] == a
    assert "200.000" not in home.content.decode() and "350.000" not in home.content.decode()
    # Line actions on the other seller's line are refused.
    client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {
            "line_action": "change_line_statuses",
            "selected_line": [line_b.pk],
            f"selected_line_qty_{line_b.pk}": "1",
        },
    )
    line_b.refresh_from_db()
    assert line_b.status == ""
    # Customers and other staff-only pages stay closed.
    for name in ["dashboard:users-index", "dashboard:partner-list"]:
        assert client.get(reverse(name)).status_code in (302, 403), name


def test_unverified_seller_has_no_workspace(client, official):
    from .conftest import make_submitted_seller

    seller = make_submitted_seller("0912000401")
    client.force_login(seller.user)
    for name in ["sellers:products", "sellers:product-new", "sellers:orders", "sellers:certificates"]:
        assert client.get(reverse(name)).status_code == 403, name
