"""Card payments against a real localstripe process: authorise, capture, signed webhook, refunds."""

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from payments.models import CardPayment, CardRefund, LedgerEntry, WebhookEvent
from tests.buyers.conftest import ADDRESS, Shop, add_to_basket

from .conftest import WEBHOOK_SECRET, card_token, wait_for

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_sellers(db):
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )
    shop = Shop()
    tea = shop.product(
        shop.seller("HTX Chè Tủa Chùa", commune="Tủa Chùa"), "Chè Shan Tuyết", 250000, weight=200
    )
    rice = shop.product(shop.seller("HTX Gạo Thanh Yên", commune="Thanh Yên"), "Gạo tám", 45000, weight=1000)
    return tea, rice


def checkout_to_preview(client, method, email="the@example.com"):
    assert (
        client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"}).status_code == 302
    )
    assert client.post(reverse("checkout:shipping-address"), ADDRESS).status_code == 302
    client.get(reverse("checkout:shipping-method"))
    response = client.post(reverse("checkout:payment-method"), {"method": method})
    assert response["Location"] == reverse("checkout:preview")


def place_with_card(client, card_id):
    return client.post(reverse("checkout:preview"), {"action": "place_order", "payment_method": card_id})


def test_card_order_is_paid_by_the_signed_webhook_and_credited_to_each_seller(
    client, localstripe, two_sellers
):
    tea, rice = two_sellers
    add_to_basket(client, tea)
    add_to_basket(client, rice, 2)
    checkout_to_preview(client, "card")
    preview = client.get(reverse("checkout:preview")).content.decode()
    assert "card-element" in preview and f"{localstripe}/js.stripe.com/v3/" in preview

    response = place_with_card(client, card_token("4242424242424242", localstripe))
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    payment = CardPayment.objects.get(order=order)
    assert payment.amount == order.total_incl_tax and payment.payment_intent_id.startswith("pi_")
    assert order.sources.get().source_type.code == "card"

    # Captured after commit; localstripe then posts a signed payment_intent.succeeded.
    assert wait_for(lambda: CardPayment.objects.get(pk=payment.pk).status == "succeeded")
    parts = list(OrderPart.objects.filter(order=order))
    assert {(p.status, p.payment_state) for p in parts} == {("confirmed", "paid")}
    sales = LedgerEntry.objects.filter(kind="sale_marketplace").order_by("amount")
    assert [e.amount for e in sales] == sorted(p.total for p in parts)
    assert sum(e.amount for e in sales) == order.total_incl_tax
    assert WebhookEvent.objects.filter(provider="stripe", event_type="payment_intent.succeeded").count() == 1


def test_declined_card_keeps_the_basket_and_says_why_in_vietnamese(client, localstripe, two_sellers):
    tea, _rice = two_sellers
    add_to_basket(client, tea)
    checkout_to_preview(client, "card")
    response = place_with_card(client, card_token("4000000000000341", localstripe))
    assert response.status_code == 200
    assert "Thẻ bị ngân hàng từ chối" in response.content.decode()
    assert Order.objects.count() == 0 and CardPayment.objects.count() == 0
    assert not StockRecord.objects.get(product=tea).num_allocated
    # The basket is intact: the buyer can try another card at once.
    basket = Basket.objects.get(status="Open")
    assert basket.num_items == 1
    again = place_with_card(client, card_token("4242424242424242", localstripe))
    assert again.status_code == 302 and Order.objects.count() == 1


def test_missing_card_is_a_form_error_not_a_500(client, localstripe, two_sellers):
    add_to_basket(client, two_sellers[0])
    checkout_to_preview(client, "card")
    response = place_with_card(client, "")
    assert response.status_code == 200 and "Hãy nhập thông tin thẻ" in response.content.decode()
    bogus = place_with_card(client, "pm_does_not_exist")
    assert bogus.status_code == 200 and Order.objects.count() == 0


def _sign(payload: bytes, secret=WEBHOOK_SECRET):
    timestamp = int(time.time())
    signature = hmac.new(secret.encode(), b"%d.%s" % (timestamp, payload), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def test_webhook_signature_is_checked_and_a_replayed_event_is_handled_once(client, localstripe, two_sellers):
    add_to_basket(client, two_sellers[0])
    checkout_to_preview(client, "card")
    place_with_card(client, card_token("4242424242424242", localstripe))
    payment = CardPayment.objects.get()
    assert wait_for(lambda: CardPayment.objects.get(pk=payment.pk).status == "succeeded")
    assert LedgerEntry.objects.count() == 1

    event = {
        "id": WebhookEvent.objects.get().event_id,
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": payment.payment_intent_id, "object": "payment_intent"}},
    }
    payload = json.dumps(event).encode()
    url = reverse("payments:webhook", args=["stripe"])
    bad = client.post(
        url,
        payload,
        content_type="application/json",
        headers={"Stripe-Signature": _sign(payload, "whsec_wrong")},
    )
    assert bad.status_code == 400
    none = client.post(url, payload, content_type="application/json")
    assert none.status_code == 400
    replay = client.post(
        url, payload, content_type="application/json", headers={"Stripe-Signature": _sign(payload)}
    )
    assert replay.status_code == 200
    assert LedgerEntry.objects.count() == 1 and WebhookEvent.objects.count() == 1

    # A new event id about the same payment is handled, and still changes nothing.
    event["id"] = "evt_other"
    payload = json.dumps(event).encode()
    assert (
        client.post(
            url, payload, content_type="application/json", headers={"Stripe-Signature": _sign(payload)}
        ).status_code
        == 200
    )
    assert LedgerEntry.objects.count() == 1 and WebhookEvent.objects.count() == 2


def test_operator_refunds_part_of_one_seller_part_then_the_rest(
    client, localstripe, two_sellers, django_user_model
):
    tea, rice = two_sellers
    add_to_basket(client, tea)
    add_to_basket(client, rice)
    checkout_to_preview(client, "card")
    place_with_card(client, card_token("4242424242424242", localstripe))
    payment = CardPayment.objects.get()
    assert wait_for(lambda: CardPayment.objects.get(pk=payment.pk).status == "succeeded")
    tea_part = OrderPart.objects.get(partner=tea.stockrecords.get().partner)

    operator = django_user_model.objects.create_user(
        username="vanhanh", email="op@example.vn", password="pw-123456", is_staff=True
    )
    client.force_login(operator)
    url = reverse("operator_payments:refund", args=[payment.order.number])
    page = client.get(url)
    assert page.status_code == 200 and "HTX Chè Tủa Chùa" in page.content.decode()
    response = client.post(url, {"part": tea_part.pk, "amount": 50000})
    assert response.status_code == 302
    refund = CardRefund.objects.get()
    assert (
        refund.amount == 50000 and refund.stripe_refund_id.startswith("re_") and refund.status == "succeeded"
    )
    tea_part.refresh_from_db()
    assert tea_part.payment_state == "paid"

    too_much = client.post(url, {"part": tea_part.pk, "amount": int(tea_part.total)})
    assert too_much.status_code == 200 and CardRefund.objects.count() == 1

    rest = int(tea_part.total) - 50000
    assert client.post(url, {"part": tea_part.pk, "amount": rest}).status_code == 302
    tea_part.refresh_from_db()
    assert tea_part.payment_state == "refunded" and tea_part.status == "cancelled"
    assert StockRecord.objects.get(product=tea).num_allocated == 0  # not shipped: stock returned
    refunds = LedgerEntry.objects.filter(kind="refund", part=tea_part)
    assert sum(e.amount for e in refunds) == tea_part.total
    from payments import selectors

    seller = tea_part.partner.seller
    assert selectors.payable_balance(seller) == 0

    # A non-staff user cannot open the refund page.
    client.force_login(
        django_user_model.objects.create_user(username="x", email="x@example.vn", password="pw")
    )
    assert client.get(url).status_code == 302


def test_three_d_secure_card_waits_then_is_captured_after_authentication(client, localstripe, two_sellers):
    import urllib.request

    add_to_basket(client, two_sellers[0])
    checkout_to_preview(client, "card")
    assert place_with_card(client, card_token("4000002760003184", localstripe)).status_code == 302
    payment = CardPayment.objects.get()
    assert payment.status == "requires_action"
    part = OrderPart.objects.get()
    assert part.status == "pending_payment"
    thanks = client.get(reverse("checkout:thank-you")).content.decode()
    assert 'id="card-auth"' in thanks and "_secret_" in thanks

    # What localstripe's Stripe.js does when the buyer completes 3-D Secure in its dialog.
    import stripe

    secret = stripe.PaymentIntent.retrieve(payment.payment_intent_id).client_secret
    body = json.dumps({"key": "pk_test_ocop", "client_secret": secret}).encode()
    urllib.request.urlopen(
        urllib.request.Request(
            f"{localstripe}/v1/payment_intents/{payment.payment_intent_id}/_authenticate?success=true",
            data=body,
            method="POST",
        ),
        timeout=5,
    ).read()
    from marketplace.order.status_links import status_token

    response = client.post(reverse("payments:card-authenticated", args=[status_token(payment.order)]))
    assert response.status_code == 302
    assert wait_for(lambda: OrderPart.objects.get(pk=part.pk).payment_state == "paid")
    assert Decimal(LedgerEntry.objects.get().amount) == part.total


def test_success_for_a_payment_not_yet_recorded_is_retried_not_swallowed(client, settings):
    """Stripe retries a non-2xx answer; the event is not marked handled, so the retry counts."""
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    event = {
        "id": "evt_early",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": "pi_unknown", "object": "payment_intent"}},
    }
    payload = json.dumps(event).encode()
    url = reverse("payments:webhook", args=["stripe"])
    response = client.post(
        url, payload, content_type="application/json", headers={"Stripe-Signature": _sign(payload)}
    )
    assert response.status_code == 409 and WebhookEvent.objects.count() == 0
