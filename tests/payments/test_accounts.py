"""Sellers' e-payment accounts and indicator I2's selector."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from payments import selectors
from payments.models import EPaymentAccount
from payments.services import accounts
from sellers.models import AuditLogEntry, Seller

from .conftest import BIDV, VIETCOMBANK, bank_account, make_official, make_verified_seller

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hh=12, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=HCM)


def test_bank_account_holder_must_be_the_representative_without_accents(seller):
    account = accounts.add_bank_account(
        seller, bank_bin=VIETCOMBANK, account_number="００１１ 0012.34567", holder_name="giang a de"
    )
    assert account.account_number == "0011001234567"  # full-width digits and separators cleaned
    assert account.holder_name == "GIANG A DE" and account.bank_name == "Vietcombank"
    assert account.state == "unverified" and account.verify_reference.startswith("XM")
    with pytest.raises(ValidationError) as error:
        accounts.add_bank_account(seller, bank_bin=BIDV, account_number="12345678", holder_name="Lò Văn B")
    assert "holder_name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        accounts.add_bank_account(
            seller, bank_bin="999999", account_number="12345678", holder_name="Giàng A Dế"
        )
    assert "bank_bin" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        accounts.add_bank_account(seller, bank_bin=BIDV, account_number="12ab", holder_name="Giàng A Dế")
    assert "account_number" in error.value.message_dict
    with pytest.raises(ValidationError, match="đã thêm"):
        accounts.add_bank_account(
            seller, bank_bin=VIETCOMBANK, account_number="0011001234567", holder_name="GIANG A DE"
        )


def test_ewallet_needs_a_known_wallet_and_a_mobile_number(seller):
    wallet = accounts.add_ewallet(seller, wallet="momo", phone="+84 912 000 001")
    assert wallet.wallet_phone == "0912000001" and str(wallet) == "MoMo · 0912000001"
    with pytest.raises(ValidationError):
        accounts.add_ewallet(seller, wallet="paypal", phone="0912000001")
    with pytest.raises(ValidationError):
        accounts.add_ewallet(seller, wallet="zalopay", phone="12345")


def test_official_verifies_only_in_own_commune_and_not_own_files(seller, official):
    account = bank_account(seller)
    other = make_official("canbo.muongang", "Mường Ảng")
    with pytest.raises(PermissionDenied):
        accounts.verify_by_official(account, official=other)
    verified = accounts.verify_by_official(account, official=official)
    assert verified.state == "verified" and verified.verified_via == "official"
    assert AuditLogEntry.objects.filter(action="epayment.verify", seller=seller, actor=official).exists()
    with pytest.raises(ValidationError):
        accounts.verify_by_official(account, official=official)  # decided once

    helper_official = make_official("canbo.helper", "Tủa Chùa")
    Seller.objects.filter(pk=seller.pk).update(assisted_by=helper_official)
    second = accounts.add_ewallet(Seller.objects.get(pk=seller.pk), wallet="momo", phone="0912000001")
    with pytest.raises(PermissionDenied):
        accounts.verify_by_official(second, official=helper_official)


def test_selector_counts_from_verification_day_until_disabled(official):
    early = make_verified_seller("0912000011", official, name="Hộ A")
    late = make_verified_seller("0912000012", official, name="Hộ B")
    never = make_verified_seller("0912000013", official, name="Hộ C")
    gone = make_verified_seller("0912000014", official, name="Hộ D")

    a = bank_account(early, "111111111")
    EPaymentAccount.objects.filter(pk=a.pk).update(verified_at=at(2026, 3, 1, 23, 59))
    b = bank_account(late, "222222222")
    # Verified by a matched payment at 00:30 Vietnam time on 5 March (17:30 UTC on the 4th).
    EPaymentAccount.objects.filter(pk=b.pk).update(verified_at=at(2026, 3, 5, 0, 30), verified_via="payment")
    bank_account(never, "333333333")  # unverified
    d = bank_account(gone, "444444444")
    EPaymentAccount.objects.filter(pk=d.pk).update(verified_at=at(2026, 1, 1), disabled_at=at(2026, 3, 3, 8))

    def ids(day):
        return set(
            Seller.objects.filter(pk__in=selectors.verified_epayment_seller_ids(day)).values_list(
                "pk", flat=True
            )
        )

    assert ids(datetime.date(2026, 2, 28)) == {gone.pk}
    assert ids(datetime.date(2026, 3, 1)) == {early.pk, gone.pk}
    assert ids(datetime.date(2026, 3, 3)) == {early.pk}  # disabled during the 3rd: not at its end
    assert ids(datetime.date(2026, 3, 4)) == {early.pk}  # 17:30 UTC on the 4th is already the 5th
    assert ids(datetime.date(2026, 3, 5)) == {early.pk, late.pk}


def test_two_accounts_count_a_seller_once(seller, official):
    bank_account(seller, "111111111", verified_by=official)
    wallet = accounts.add_ewallet(seller, wallet="zalopay", phone="0912000001")
    accounts.verify_by_official(wallet, official=official)
    today = datetime.date.today() + datetime.timedelta(days=1)
    assert list(selectors.verified_epayment_seller_ids(today)) == [seller.pk]


def test_disabling_keeps_the_row(seller, official):
    account = bank_account(seller, verified_by=official)
    accounts.disable(account, seller=seller)
    account.refresh_from_db()
    assert account.state == "disabled" and account.verified_at is not None
    assert not selectors.has_verified_epayment_account(seller)


def test_verified_by_an_official_and_by_a_matched_payment_both_count_from_that_day(seller, official):
    from payments.services import transfers

    other = make_verified_seller("0912000015", official, name="Hộ E")
    by_official = accounts.verify_by_official(bank_account(seller, "111111111"), official=official)
    proving = bank_account(other, "222222222")
    transfers.record_notification(
        transfers.Notification("casso", "v-1", "222222222", 2000, f"XAC MINH {proving.verify_reference}")
    )
    proving.refresh_from_db()
    assert proving.verified_via == "payment" and by_official.verified_via == "official"
    today = proving.verified_at.astimezone(HCM).date()
    counted = set(selectors.verified_epayment_seller_ids(today))
    assert counted == {seller.pk, other.pk}
    assert set(selectors.verified_epayment_seller_ids(today - datetime.timedelta(days=1))) == set()
