"""On a 360 px phone: a buyer pays one seller part by VietQR (the bank notification is a signed
SePay post) and another order by card through localstripe's Stripe.js stand-in; both show paid,
and the sellers see the money in their ledgers."""

import json
import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect

from payments.models import VietQRPayment

from .conftest import PASSWORD, bank_account, make_product, make_verified_seller

pytestmark = pytest.mark.django_db(transaction=True)
SEPAY_KEY = "sepay-browser-key"


@pytest.fixture(autouse=True)
def _vietnam(db):
    from oscar.core.loading import get_model

    get_model("address", "Country").objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={"iso_3166_1_a3": "VNM", "printable_name": "Việt Nam", "is_shipping_country": True},
    )


def buy(phone, product, method):
    """Basket → guest checkout → payment method → preview, for one product."""
    page = phone.page
    phone.goto(product.get_absolute_url())
    page.locator("main form[action*='/basket/add/'] button[type='submit']").first.click()
    page.wait_for_load_state()
    phone.goto("/checkout/")
    if page.locator("input[name='username']").count():
        page.fill("input[name='username']", "hoa@example.com")
        page.check("input[name='options'][value='anonymous']")
        page.locator("main form button[type='submit']").first.click()
    if page.locator("input[name='first_name']").count():
        page.fill("input[name='first_name']", "Nguyễn Thị Hoa")
        page.fill("input[name='phone_number']", "0912 345 678")
        page.select_option("select[name='state']", "Hà Nội")
        page.fill("input[name='line4']", "Phường Ba Đình")
        page.fill("input[name='line1']", "12 phố Phan Đình Phùng")
        page.locator("#new_shipping_address button[type='submit']").click()
    else:
        phone.goto("/checkout/payment-method/")
    page.check(f"input[name='method'][value='{method}']")
    page.locator("main form button[type='submit']").click()
    expect(page.locator("#place-order")).to_be_visible()


def test_phone_buyer_pays_by_vietqr_and_by_card_and_sellers_see_it(
    phone, localstripe, live_server, official, settings, tmp_path
):
    settings.SEPAY_API_KEY = SEPAY_KEY
    tea_coop = make_verified_seller("0912000051", official, name="HTX Chè Sín Chải")
    honey = make_verified_seller("0912000052", official, name="Hộ Giàng A Páo")
    account = bank_account(tea_coop, "0011001234567", verified_by=official)
    tea = make_product(tea_coop, "Chè Shan Tuyết Sín Chải", price=180000)
    honey_jar = make_product(honey, "Mật ong hoa bạc hà", price=250000)
    page = phone.page

    # 1. VietQR: the QR of the seller's part, with copyable fields.
    buy(phone, tea, "vietqr")
    phone.screenshot("payments-1-vietqr-preview")
    page.locator("#place-order").click()
    expect(page.locator("[data-vietqr='pending'] [data-qr] svg")).to_be_visible()
    phone.screenshot("payments-2-vietqr-thank-you")
    payment = VietQRPayment.objects.get()
    expect(page.locator("[data-reference]")).to_have_text(payment.reference)
    # The QR on the phone's screen reads back (zbar) as the payment's EMVCo payload.
    shot = tmp_path / "qr.png"
    page.locator("[data-qr] svg").screenshot(path=str(shot))
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(shot)], capture_output=True, text=True, check=True
    )
    assert (
        payment.reference in decoded.stdout
        and "970436" in decoded.stdout
        and "0011001234567" in decoded.stdout
    )
    status_url = page.locator("[data-status-link]").get_attribute("href")

    # The bank tells SePay, SePay tells us (signed with the API key).
    body = {
        "id": 880011,
        "gateway": "Vietcombank",
        "transactionDate": "2026-11-26 10:00:00",
        "accountNumber": account.account_number,
        "code": None,
        "content": f"NGUYEN THI HOA {payment.reference}",
        "transferType": "in",
        "transferAmount": int(payment.amount),
        "referenceCode": "FT26330777",
        "description": "",
    }
    request = urllib.request.Request(
        f"{live_server.url}/payments/webhooks/sepay/",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Apikey {SEPAY_KEY}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read()) == {"success": True}
    phone.goto(status_url)
    expect(page.locator("[data-vietqr='paid']")).to_be_visible()
    expect(page.locator(".part__status")).to_have_text("Đã xác nhận")
    phone.screenshot("payments-3-vietqr-paid")

    # 2. Card, through localstripe's Stripe.js stand-in.
    buy(phone, honey_jar, "card")
    card = page.locator("#card-element")
    card.locator("input[placeholder='number']").fill("4242424242424242")
    card.locator("input[placeholder='exp_month']").fill("12")
    card.locator("input[placeholder='exp_year']").fill("30")
    card.locator("input[placeholder='cvc']").fill("123")
    card.locator("input[placeholder='postal_code']").fill("10000")
    phone.screenshot("payments-4-card-preview")
    page.locator("#place-order").click()
    expect(page.locator("h1")).to_contain_text("Cảm ơn")
    # The page refreshes itself until Stripe's signed webhook has marked the order paid.
    expect(page.locator("[data-card='succeeded']")).to_be_visible(timeout=20000)
    phone.screenshot("payments-5-card-paid")
    assert phone.page_errors == []

    # 3. The sellers see the money in their ledgers.
    for seller, text, shot in ((tea_coop, "người bán tự thu", "vietqr"), (honey, "sàn thu hộ (thẻ)", "card")):
        phone.page.context.clear_cookies()
        phone.goto("/seller/login/")
        page.fill("input[name=username]", seller.user.username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type='submit']").click()
        expect(page.locator("[data-ledger-link]")).to_be_visible()
        page.locator("[data-ledger-link]").click()
        expect(page.locator("[data-ledger]")).to_contain_text(text)
        phone.screenshot(f"payments-6-ledger-{shot}-seller")
    # 250,000 + 25,000 shipping, paid by card: the marketplace holds it for the seller.
    expect(page.locator("[data-balance]")).to_have_text("275.000\xa0₫")

    # The honey seller has no account yet: it adds one; the commune official verifies it.
    phone.goto("/seller/")
    expect(page.locator("[data-epayment-nudge]")).to_be_visible()
    page.locator("[data-epayment-nudge]").click()
    page.select_option("select[name='bank-bank_bin']", "970405")
    page.fill("input[name='bank-account_number']", "3600 2050 12345")
    page.fill("input[name='bank-holder_name']", "GIANG A DE")  # the representative (test helper)
    page.locator("form:has(input[value='bank']) button[type='submit']").click()
    expect(page.locator("[data-accounts]")).to_contain_text("Agribank · 3600205012345")
    phone.screenshot("payments-7-seller-accounts")
    phone.page.context.clear_cookies()
    phone.goto("/seller/login/")
    page.fill("input[name=username]", official.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type='submit']").click()
    page.locator("[data-official-payments]").click()
    expect(page.locator("[data-accounts-to-verify]")).to_contain_text("Hộ Giàng A Páo")
    phone.screenshot("payments-8-official-queue")
    page.locator("[data-accounts-to-verify] button.btn-primary").click()
    expect(page.locator("[data-accounts-to-verify]")).to_contain_text("Không có tài khoản nào đang chờ")
