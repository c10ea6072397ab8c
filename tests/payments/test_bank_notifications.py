"""SePay and Casso notifications: authenticated, matched exactly, idempotent, else reviewed."""

import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse

from payments.bank_webhooks import casso_signature
from payments.models import BankTransfer, EPaymentAccount, LedgerEntry, VietQRPayment
from payments.services import transfers

from .conftest import bank_account, make_product, vietqr_order

pytestmark = pytest.mark.django_db
SEPAY_KEY = "sepay-test-key-123"
CASSO_KEY = "casso-test-key-456"


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.SEPAY_API_KEY = SEPAY_KEY
    settings.CASSO_WEBHOOK_KEY = CASSO_KEY


@pytest.fixture
def waiting(seller, official):
    account = bank_account(seller, "0011001234567", verified_by=official)
    product = make_product(seller, price=150000, stock=5)
    return vietqr_order("200001", seller, product, account)


def sepay_body(payment, **overrides):
    body = {
        "id": 92704,
        "gateway": "Vietcombank",
        "transactionDate": "2026-11-26 09:10:11",
        "accountNumber": payment.account.account_number,
        "code": None,
        "content": f"NGUYEN THI HOA chuyen tien {payment.reference} FT2533",
        "transferType": "in",
        "transferAmount": int(payment.amount),
        "accumulated": 19077000,
        "subAccount": None,
        "referenceCode": "MBVCB.3278907687",
        "description": "",
    }
    return {**body, **overrides}


def post_sepay(client, body, key=SEPAY_KEY):
    return client.post(
        reverse("payments:webhook", args=["sepay"]),
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Apikey {key}"},
    )


def casso_post(client, body, key=CASSO_KEY, timestamp=None):
    timestamp = str(timestamp or int(time.time() * 1000))
    signature = casso_signature(key, timestamp, body)
    return client.post(
        reverse("payments:webhook", args=["casso"]),
        data=json.dumps(body, ensure_ascii=False),
        content_type="application/json",
        headers={"X-Casso-Signature": f"t={timestamp},v1={signature}"},
    )


def casso_body(payment, **overrides):
    row = {
        "id": 5583921,
        "reference": "FT25043ABCD",
        "description": f"{payment.reference} thanh toan don hang Tủa Chùa",
        "amount": int(payment.amount),
        "runningBalance": 25000000,
        "transactionDateTime": "2026-11-26 09:10:11",
        "accountNumber": payment.account.account_number,
        "bankName": "Vietcombank",
        "bankAbbreviation": "VCB",
        "virtualAccountNumber": "",
        "virtualAccountName": "",
        "counterAccountName": "NGUYEN THI HOA",
        "counterAccountNumber": "190312345678",
        "counterAccountBankId": "970407",
        "counterAccountBankName": "Techcombank",
    }
    return {"error": 0, "data": {**row, **overrides}}


def assert_nothing_recorded(waiting):
    waiting.refresh_from_db()
    assert waiting.status == "pending" and BankTransfer.objects.count() == 0
    assert LedgerEntry.objects.count() == 0


def test_sepay_exact_transfer_pays_the_part_once(client, waiting):
    response = post_sepay(client, sepay_body(waiting))
    assert response.status_code == 200 and response.json() == {"success": True}
    waiting.refresh_from_db()
    part = waiting.part
    part.refresh_from_db()
    assert waiting.status == "paid" and waiting.bank_reference == "MBVCB.3278907687"
    assert (part.status, part.payment_state) == ("confirmed", "paid")
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.method, entry.amount) == ("sale_seller", "vietqr", waiting.amount)

    # SePay retries: the same transaction again is acknowledged and changes nothing.
    again = post_sepay(client, sepay_body(waiting))
    assert again.status_code == 200 and again.json() == {"success": True}
    assert BankTransfer.objects.count() == 1 and LedgerEntry.objects.count() == 1


@pytest.mark.parametrize("header", ["Apikey wrong-key", "Bearer " + SEPAY_KEY, "", "Apikey"])
def test_sepay_with_a_wrong_key_is_refused_and_changes_nothing(client, waiting, header):
    response = client.post(
        reverse("payments:webhook", args=["sepay"]),
        data=json.dumps(sepay_body(waiting)),
        content_type="application/json",
        headers={"Authorization": header} if header else {},
    )
    assert response.status_code == 401
    assert_nothing_recorded(waiting)


def test_sepay_not_configured_refuses_everything(client, waiting, settings):
    settings.SEPAY_API_KEY = ""
    assert post_sepay(client, sepay_body(waiting), key="").status_code == 401
    assert_nothing_recorded(waiting)


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"id": 1}',
        b'{"id": 1, "transferAmount": "12.5"}',
        b'{"id": 1, "transferAmount": 1e20}',
        b'{"id": 1, "transferAmount": "NaN"}',
        b'{"id": 1, "transferAmount": [1]}',
    ],
)
def test_sepay_malformed_bodies_are_400(client, waiting, body):
    response = client.post(
        reverse("payments:webhook", args=["sepay"]),
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Apikey {SEPAY_KEY}"},
    )
    assert response.status_code == 400
    assert_nothing_recorded(waiting)


def test_wrong_amount_goes_to_review_and_the_part_keeps_waiting(client, waiting):
    assert (
        post_sepay(client, sepay_body(waiting, transferAmount=int(waiting.amount) - 1000)).status_code == 200
    )
    transfer = BankTransfer.objects.get()
    assert transfer.outcome == "wrong_amount" and transfer.seller == waiting.account.seller
    waiting.refresh_from_db()
    assert waiting.status == "pending" and LedgerEntry.objects.count() == 0
    assert list(BankTransfer.objects.needs_review()) == [transfer]


def test_unknown_reference_and_wrong_account_go_to_review(client, waiting):
    post_sepay(client, sepay_body(waiting, id=1, content="chuyen tien mua che"))
    post_sepay(client, sepay_body(waiting, id=2, accountNumber="999988887777"))
    outcomes = dict(BankTransfer.objects.values_list("transaction_id", "outcome"))
    assert outcomes == {"1": "unknown_reference", "2": "wrong_account"}
    assert BankTransfer.objects.needs_review().count() == 2
    waiting.refresh_from_db()
    assert waiting.status == "pending"
    # The first reached the seller's account, so it is the seller's to review too.
    assert BankTransfer.objects.get(transaction_id="1").seller == waiting.account.seller


def test_outgoing_money_is_recorded_and_ignored(client, waiting):
    post_sepay(client, sepay_body(waiting, transferType="out"))
    assert BankTransfer.objects.get().outcome == "outgoing"
    assert BankTransfer.objects.needs_review().count() == 0
    waiting.refresh_from_db()
    assert waiting.status == "pending"


def test_casso_signed_notification_pays_the_part_once(client, waiting):
    body = casso_body(waiting)
    assert casso_post(client, body).status_code == 200
    assert casso_post(client, body).status_code == 200  # Casso retries
    waiting.refresh_from_db()
    assert waiting.status == "paid" and waiting.bank_reference == "FT25043ABCD"
    assert BankTransfer.objects.count() == 1 and LedgerEntry.objects.count() == 1


def test_casso_signature_is_over_the_recursively_sorted_compact_body(waiting):
    body = {"error": 0, "data": {"b": 1, "a": {"y": "Tủa Chùa", "x": [{"d": 1, "c": 2}]}}}
    expected = hmac.new(
        CASSO_KEY.encode(),
        b'123.{"data":{"a":{"x":[{"c":2,"d":1}],"y":"T\xe1\xbb\xa7a Ch\xc3\xb9a"},"b":1},"error":0}',
        hashlib.sha512,
    ).hexdigest()
    assert casso_signature(CASSO_KEY, "123", body) == expected


def test_casso_bad_or_stale_signature_is_refused_and_changes_nothing(client, waiting):
    body = casso_body(waiting)
    assert casso_post(client, body, key="another-key").status_code == 401
    stale = int((time.time() - 3600) * 1000)
    assert casso_post(client, body, timestamp=stale).status_code == 401
    future = int((time.time() + 3600) * 1000)
    assert casso_post(client, body, timestamp=future).status_code == 401
    # A body changed after signing (amount raised) fails the signature.
    timestamp = str(int(time.time() * 1000))
    signature = casso_signature(CASSO_KEY, timestamp, body)
    tampered = json.loads(json.dumps(body))
    tampered["data"]["amount"] += 1
    response = client.post(
        reverse("payments:webhook", args=["casso"]),
        data=json.dumps(tampered),
        content_type="application/json",
        headers={"X-Casso-Signature": f"t={timestamp},v1={signature}"},
    )
    assert response.status_code == 401
    no_header = client.post(
        reverse("payments:webhook", args=["casso"]), data=json.dumps(body), content_type="application/json"
    )
    assert no_header.status_code == 401
    assert_nothing_recorded(waiting)


def test_first_matched_transfer_verifies_an_unverified_account(seller):
    """A seller proves its account by a small transfer carrying the account's own reference."""
    account = bank_account(seller, "5555666677")
    assert account.state == "unverified"
    note = transfers.Notification(
        provider="sepay",
        transaction_id="777",
        account_number="5555666677",
        amount=2000,
        content=f"xac minh {account.verify_reference}",
    )
    transfers.record_notification(note)
    account.refresh_from_db()
    assert account.state == "verified" and account.verified_via == EPaymentAccount.VerifiedVia.PAYMENT
    assert BankTransfer.objects.get().outcome == "matched"


@pytest.mark.django_db(transaction=True)
def test_the_same_transaction_from_concurrent_deliveries_is_processed_once(seller, official):
    """Four threads deliver one notification at once: one payment, one ledger entry."""
    import threading

    from django.db import connection

    account = bank_account(seller, "0011001234567", verified_by=official)
    waiting = vietqr_order("200009", seller, make_product(seller, price=90000), account)
    note = transfers.Notification(
        provider="sepay",
        transaction_id="dup-1",
        account_number=account.account_number,
        amount=waiting.amount,
        content=waiting.reference,
    )
    barrier, created = threading.Barrier(4), []

    def deliver():
        barrier.wait()
        try:
            created.append(transfers.record_notification(note)[1])
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(created) == [False, False, False, True]
    assert VietQRPayment.objects.get().status == "paid"
    assert BankTransfer.objects.count() == 1 and LedgerEntry.objects.count() == 1
