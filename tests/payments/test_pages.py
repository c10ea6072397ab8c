"""Checkout with VietQR, and the sellers', officials' and buyers' payment pages (Django client)."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.order.status_links import status_path
from payments.models import BankTransfer, EPaymentAccount, LedgerEntry, VietQRPayment
from payments.services import transfers
from sellers.models import AuditLogEntry
from tests.buyers.conftest import ADDRESS, add_to_basket

from .conftest import PASSWORD, bank_account, make_official, make_product, make_verified_seller, vietqr_order

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
Country = get_model("address", "Country")


@pytest.fixture(autouse=True)
def _vietnam(db):
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )


@pytest.fixture
def sellers(official):
    tea = make_verified_seller("0912000041", official, name="HTX Chè Sín Chải")
    honey = make_verified_seller("0912000042", official, name="Hộ Giàng A Páo")
    return (
        tea,
        honey,
        make_product(tea, "Chè búp", price=200000),
        make_product(honey, "Mật ong", price=150000),
    )


def to_payment_method(client):
    client.post(reverse("checkout:index"), {"username": "lan@example.com", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    return client.get(reverse("checkout:payment-method"))


def test_vietqr_needs_every_seller_verified_and_the_buyer_is_told_why(client, sellers, official):
    tea, honey, tea_product, honey_product = sellers
    bank_account(tea, "0011001234567", verified_by=official)
    bank_account(honey, "2222333344")  # not verified yet
    add_to_basket(client, tea_product)
    add_to_basket(client, honey_product)
    page = to_payment_method(client).content.decode()
    assert 'value="vietqr"' not in page and 'value="cod"' in page and 'value="card"' in page
    assert "Hộ Giàng A Páo chưa có tài khoản ngân hàng được xác minh" in page
    refused = client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    assert refused.status_code == 200  # not a choice: form error, nothing chosen


def test_vietqr_checkout_gives_one_qr_per_seller_part(
    client, sellers, official, django_assert_max_num_queries
):
    tea, honey, tea_product, honey_product = sellers
    bank_account(tea, "0011001234567", verified_by=official)
    bank_account(honey, "2222333344", verified_by=official)
    add_to_basket(client, tea_product)
    add_to_basket(client, honey_product, 2)
    to_payment_method(client)
    assert client.post(reverse("checkout:payment-method"), {"method": "vietqr"}).status_code == 302
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302

    order = Order.objects.get()
    payments = {p.account.seller: p for p in VietQRPayment.objects.select_related("account__seller", "part")}
    assert set(payments) == {tea, honey}
    for payment in payments.values():
        assert payment.part.status == "pending_payment" and payment.amount == payment.part.total
    assert order.sources.get().source_type.code == "vietqr"

    thanks = client.get(reverse("checkout:thank-you")).content.decode()
    assert thanks.count("<svg") == 2 and thanks.count("data:image/png;base64,") == 2
    for payment in payments.values():
        assert payment.reference in thanks and payment.account.account_number in thanks
    with django_assert_max_num_queries(20):
        status = client.get(status_path(order))
    assert status.content.decode().count('data-vietqr="pending"') == 2

    # One part paid by the bank notification: its QR is replaced by "received".
    tea_payment = payments[tea]
    transfers.record_notification(
        transfers.Notification(
            "sepay", "t-1", "0011001234567", tea_payment.amount, f"CK {tea_payment.reference}"
        )
    )
    status = client.get(status_path(order)).content.decode()
    assert status.count('data-vietqr="pending"') == 1 and status.count('data-vietqr="paid"') == 1


def test_seller_adds_accounts_with_clear_errors(client, seller):
    client.login(username=seller.user.username, password=PASSWORD)
    url = reverse("seller_payments:accounts")
    page = client.get(url).content.decode()
    assert "Vietcombank" in page and "MoMo" in page
    wrong = client.post(
        url,
        {
            "form": "bank",
            "bank-bank_bin": "970436",
            "bank-account_number": "0011001234567",
            "bank-holder_name": "NGUYEN VAN B",
        },
    )
    assert wrong.status_code == 200 and "phải trùng tên người đại diện" in wrong.content.decode()
    bad = client.post(
        url, {"form": "bank", "bank-bank_bin": "970436", "bank-account_number": "abc", "bank-holder_name": ""}
    )
    assert bad.status_code == 200 and EPaymentAccount.objects.count() == 0
    ok = client.post(
        url,
        {
            "form": "bank",
            "bank-bank_bin": "970436",
            "bank-account_number": "0011 0012 34567",
            "bank-holder_name": "Giàng A Dế",
        },
    )
    assert ok.status_code == 302
    assert (
        client.post(
            url, {"form": "wallet", "wallet-wallet": "momo", "wallet-phone": "0912000001"}
        ).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "Chờ xác minh" in page and "XM" in page  # proving-transfer reference offered
    home = client.get(reverse("sellers:home")).content.decode()
    assert "data-epayment-nudge" not in home and "Tài khoản nhận tiền" in home


def test_workspace_nudges_a_seller_without_an_account(client, seller):
    client.login(username=seller.user.username, password=PASSWORD)
    assert "data-epayment-nudge" in client.get(reverse("sellers:home")).content.decode()


def test_official_verifies_an_account_from_the_queue_and_it_is_audited(client, seller, official):
    account = bank_account(seller)
    client.login(username=official.username, password=PASSWORD)
    assert "data-official-payments" in client.get(reverse("officials:queue")).content.decode()
    queue = client.get(reverse("official_payments:queue")).content.decode()
    assert str(account) in queue
    client.post(reverse("official_payments:account-decision", args=[account.pk]), {"decision": "verify"})
    account.refresh_from_db()
    assert account.state == "verified" and account.verified_by == official
    assert AuditLogEntry.objects.filter(action="epayment.verify", actor=official).exists()

    other = make_official("canbo.khac", "Mường Ảng")
    second = bank_account(seller, "99990000111")
    client.login(username=other.username, password=PASSWORD)
    assert (
        client.post(
            reverse("official_payments:account-decision", args=[second.pk]), {"decision": "verify"}
        ).status_code
        == 404
    )


def test_seller_confirms_a_transfer_by_hand_with_the_bank_reference(client, seller, official):
    account = bank_account(seller, verified_by=official)
    payment = vietqr_order("500001", seller, make_product(seller), account)
    client.login(username=seller.user.username, password=PASSWORD)
    page = client.get(reverse("seller_payments:transfers")).content.decode()
    assert payment.reference in page
    url = reverse("seller_payments:payment-confirm", args=[payment.pk])
    client.post(url, {f"p{payment.pk}-bank_reference": ""})
    payment.refresh_from_db()
    assert payment.status == "pending"
    client.post(url, {f"p{payment.pk}-bank_reference": "FT26330999"})
    payment.refresh_from_db()
    assert (
        payment.status == "paid"
        and payment.confirmed_by == seller.user
        and payment.bank_reference == "FT26330999"
    )
    assert AuditLogEntry.objects.filter(action="payment.confirm_by_hand", seller=seller).exists()
    ledger = client.get(reverse("seller_payments:ledger")).content.decode()
    assert "FT26330999" in ledger and "data-ledger" in ledger


def test_another_seller_cannot_confirm(client, seller, official):
    payment = vietqr_order("500002", seller, make_product(seller), bank_account(seller, verified_by=official))
    intruder = make_verified_seller("0912000099", official, name="Hộ khác")
    client.login(username=intruder.user.username, password=PASSWORD)
    response = client.post(
        reverse("seller_payments:payment-confirm", args=[payment.pk]), {f"p{payment.pk}-bank_reference": "X"}
    )
    assert response.status_code == 404
    payment.refresh_from_db()
    assert payment.status == "pending"


def test_official_resolves_a_wrong_amount_by_attaching_it_to_the_order(client, seller, official):
    payment = vietqr_order("500003", seller, make_product(seller), bank_account(seller, verified_by=official))
    transfer, _ = transfers.record_notification(
        transfers.Notification(
            "sepay", "w-1", payment.account.account_number, payment.amount - 1000, payment.reference
        )
    )
    assert transfer.outcome == "wrong_amount"
    client.login(username=official.username, password=PASSWORD)
    queue = client.get(reverse("official_payments:queue")).content.decode()
    assert "Sai số tiền" in queue
    url = reverse("official_payments:transfer-resolve", args=[transfer.pk])
    client.post(url, {f"t{transfer.pk}-payment": "", f"t{transfer.pk}-note": ""})  # neither: refused
    transfer.refresh_from_db()
    assert transfer.resolved_at is None
    client.post(
        url,
        {
            f"t{transfer.pk}-payment": str(payment.pk),
            f"t{transfer.pk}-note": "Khách chuyển thiếu 1.000 đ, người bán đồng ý",
        },
    )
    transfer.refresh_from_db()
    payment.refresh_from_db()
    assert transfer.resolved_by == official and payment.status == "paid" and payment.confirmed_by == official
    assert BankTransfer.objects.needs_review().count() == 0 and LedgerEntry.objects.count() == 1


def test_operator_payouts_page(client, seller, django_user_model):
    from payments.services import ledger

    part = vietqr_order("500004", seller, make_product(seller), bank_account(seller)).part
    ledger.record_sale(part, method="card", reference="pi_x")
    operator = django_user_model.objects.create_user(
        username="op", email="op@example.vn", password=PASSWORD, is_staff=True
    )
    client.force_login(operator)
    page = client.get(reverse("operator_payments:payouts")).content.decode()
    assert seller.name in page
    client.post(
        reverse("operator_payments:payout", args=[seller.pk]),
        {f"s{seller.pk}-amount": "1000", f"s{seller.pk}-bank_reference": "FT1"},
    )
    assert LedgerEntry.objects.filter(kind="payout", amount=1000, reference="FT1").exists()
    too_much = client.post(
        reverse("operator_payments:payout", args=[seller.pk]),
        {f"s{seller.pk}-amount": str(10**9), f"s{seller.pk}-bank_reference": "FT2"},
        follow=True,
    )
    assert re.search("lớn hơn số dư", too_much.content.decode())
