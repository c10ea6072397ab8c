"""The payments forms not met by the main payments journey, submitted in Chromium at 360 px: a
seller adds and stops an e-wallet, confirms a transfer by hand and settles a wrong one; the
official refuses an account; a buyer passes 3-D Secure; the operator signs in to the dashboard,
records a payout and refunds part of the card order."""

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from payments.models import CardPayment, CardRefund, EPaymentAccount, LedgerEntry, VietQRPayment
from payments.services import transfers

from .conftest import PASSWORD, bank_account, make_product, make_verified_seller, vietqr_order
from .test_browser_payments import buy

pytestmark = pytest.mark.django_db(transaction=True)
OrderPart = get_model("order", "OrderPart")


@pytest.fixture(autouse=True)
def _vietnam(db):
    get_model("address", "Country").objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )


def sign_in(phone, username):
    page = phone.page
    page.context.clear_cookies()
    phone.goto("/seller/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[data-form='seller-login'] button[type=submit]").click()
    page.wait_for_load_state()


def test_seller_and_official_handle_accounts_and_transfers(phone, official):
    seller = make_verified_seller("0912000701", official, name="Hộ Giàng A Dế")
    pending_bank = bank_account(seller, number="0011009999999")
    paid_to = bank_account(seller, number="0011001234567", verified_by=official)
    waiting = vietqr_order("700001", seller, make_product(seller, title="Chè 200g"), paid_to)
    short = vietqr_order("700002", seller, make_product(seller, title="Mật ong 500ml"), paid_to)
    wrong, _ = transfers.record_notification(
        transfers.Notification("sepay", "w-701", paid_to.account_number, short.amount - 2000, short.reference)
    )
    page = phone.page

    # The official finds the second bank account is not the household's and says why.
    sign_in(phone, official.username)
    phone.goto("/officials/payments/")
    row = page.locator("[data-accounts-to-verify] li", has_text="0011009999999")
    row.locator("input[name=reason]").fill("Tên chủ tài khoản không phải người đại diện")
    row.locator("form[data-form='epay-account-reject'] button[type=submit]").click()
    expect(page.locator("[data-accounts-to-verify]")).not_to_contain_text("0011009999999")
    pending_bank.refresh_from_db()
    assert pending_bank.state == "disabled"

    # The seller adds an e-wallet, then stops using it.
    sign_in(phone, seller.user.username)
    phone.goto("/seller/payments/")
    page.select_option("select[name='wallet-wallet']", index=1)
    page.fill("input[name='wallet-phone']", "0912 000 701")
    page.locator("form[data-form='epay-wallet-add'] button[type=submit]").click()
    wallet = page.locator("[data-accounts] li", has_text="0912")
    expect(wallet).to_contain_text("Chờ xác minh")
    phone.screenshot("payments-forms-1-wallet")
    wallet.locator("form[data-form='epay-account-disable'] button").click()
    expect(page.locator("[data-accounts] li", has_text="0912")).to_contain_text("Ngừng dùng")
    assert EPaymentAccount.objects.get(seller=seller, kind="ewallet").state == "disabled"

    # It saw the first transfer arrive in its bank app: confirms it by hand with the bank's code.
    phone.goto("/seller/payments/transfers/")
    item = page.locator("li", has=page.locator(f"form[action$='/payment/{waiting.pk}/confirm/']"))
    item.locator(f"input[name='p{waiting.pk}-bank_reference']").fill("FT26336001")
    item.locator("form[data-form='transfer-confirm'] button").click()
    page.wait_for_load_state()
    waiting.refresh_from_db()
    assert waiting.status == "paid" and waiting.bank_reference == "FT26336001"

    # The buyer paid 2.000 ₫ short: the seller accepts it for the order, with a note.
    review = page.locator("[data-review] li", has_text="w-701")
    review.locator("select").select_option(str(short.pk))
    review.locator("textarea").fill("Khách chuyển thiếu 2.000 đ, tôi đồng ý")
    phone.screenshot("payments-forms-2-review")
    review.locator("form[data-form='transfer-resolve'] button").click()
    expect(page.locator("[data-review]")).to_contain_text("Không có giao dịch nào cần xem")
    wrong.refresh_from_db()
    assert wrong.resolved_at is not None and VietQRPayment.objects.get(pk=short.pk).status == "paid"


def test_three_d_secure_then_the_operator_pays_out_and_refunds(
    phone, localstripe, official, django_user_model
):
    seller = make_verified_seller("0912000702", official, name="HTX Mật ong Tủa Chùa")
    honey = make_product(seller, title="Mật ong bạc hà 500ml", price=200000)
    django_user_model.objects.create_user(
        username="vanhanh", email="vanhanh@ocop.test", password=PASSWORD, is_staff=True, is_superuser=True
    )
    page = phone.page

    buy(phone, honey, "card")
    card = page.locator("#card-element")
    card.locator("input[placeholder='number']").fill("4000002760003184")  # the bank asks for 3-D Secure
    card.locator("input[placeholder='exp_month']").fill("12")
    card.locator("input[placeholder='exp_year']").fill("30")
    card.locator("input[placeholder='cvc']").fill("123")
    card.locator("input[placeholder='postal_code']").fill("10000")
    page.locator("#place-order").click()
    expect(page.locator("[data-card='requires_action']")).to_be_visible()
    phone.screenshot("payments-forms-3-3ds", check=False)  # localstripe's own dialog is not ours
    page.locator("#card-auth").click()
    page.get_by_text("Complete authentication").click()
    expect(page.locator("[data-card='succeeded']")).to_be_visible(timeout=20000)
    payment = CardPayment.objects.get()
    assert payment.status == "succeeded"

    # The operator signs in to the dashboard, pays the seller part of its balance, refunds 50.000 ₫.
    page.context.clear_cookies()
    phone.goto("/dashboard/login/")
    page.fill("input[name=username]", "vanhanh@ocop.test")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[data-form='dashboard-login'] button[type=submit]").click()
    page.wait_for_url("**/dashboard/**")
    phone.goto("/dashboard/payments/payouts/", check=False)
    row = page.locator("tr", has_text="HTX Mật ong Tủa Chùa")
    row.locator(f"input[name='s{seller.pk}-amount']").fill("100000")
    row.locator(f"input[name='s{seller.pk}-bank_reference']").fill("FT26336100")
    row.locator("form[data-form='payout'] button").click()
    page.wait_for_load_state()
    assert LedgerEntry.objects.filter(kind="payout", amount=100000, reference="FT26336100").exists()

    phone.goto(f"/dashboard/payments/orders/{payment.order.number}/refund/", check=False)
    page.fill("form[data-form='refund'] input[name$='amount']", "50000")
    page.locator("form[data-form='refund'] button[type=submit]").click()
    page.wait_for_load_state()
    refund = CardRefund.objects.get()
    assert refund.amount == 50000 and refund.status == "succeeded"
