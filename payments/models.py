"""Money records: sellers' e-payment accounts, VietQR transfers, card payments, webhook events and
the sellers' ledger.

Money is VND in whole đồng (Decimal with no decimal places, never float). Nothing here is ever
deleted; the ledger is append-only (a database trigger refuses UPDATE and DELETE on it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .banks import bank_name

VND = {"max_digits": 14, "decimal_places": 0}


class EPaymentAccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(disabled_at__isnull=True)

    def verified(self):
        return self.active().filter(verified_at__isnull=False)

    def banks(self):
        return self.filter(kind=EPaymentAccount.Kind.BANK)

    def verified_as_of(self, end):
        """Verified at or before ``end`` (a datetime) and not disabled by then (indicator I2)."""
        return self.filter(verified_at__lte=end).filter(Q(disabled_at__isnull=True) | Q(disabled_at__gt=end))

    def for_commune_official(self, user):
        from sellers.models import Seller

        return self.filter(seller__in=Seller.objects.for_commune_official(user))


class EPaymentAccount(models.Model):
    """A seller's bank account (NAPAS bank + number + holder) or e-wallet (provider + phone).

    unverified → verified (by a commune official, or by the first matched incoming VietQR
    transfer) → disabled. ``verified_at`` and ``disabled_at`` are kept so indicator I2 can be
    computed for any past date.
    """

    class Kind(models.TextChoices):
        BANK = "bank", _("Tài khoản ngân hàng")
        EWALLET = "ewallet", _("Ví điện tử")

    class Wallet(models.TextChoices):
        MOMO = "momo", "MoMo"
        ZALOPAY = "zalopay", "ZaloPay"
        VIETTEL_MONEY = "viettel_money", "Viettel Money"
        VNPT_MONEY = "vnpt_money", "VNPT Money"

    class VerifiedVia(models.TextChoices):
        OFFICIAL = "official", _("cán bộ xác minh")
        PAYMENT = "payment", _("nhận chuyển khoản khớp đơn")

    seller = models.ForeignKey(
        "sellers.Seller",
        on_delete=models.PROTECT,
        related_name="epayment_accounts",
        verbose_name=_("người bán"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    bank_bin = models.CharField(_("mã BIN ngân hàng"), max_length=6, blank=True)
    account_number = models.CharField(_("số tài khoản"), max_length=19, blank=True)
    holder_name = models.CharField(_("tên chủ tài khoản"), max_length=80, blank=True)
    wallet = models.CharField(_("ví điện tử"), max_length=20, choices=Wallet.choices, blank=True)
    wallet_phone = models.CharField(_("số điện thoại ví"), max_length=10, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    verified_at = models.DateTimeField(_("ngày xác minh"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_via = models.CharField(max_length=10, choices=VerifiedVia.choices, blank=True)
    disabled_at = models.DateTimeField(_("ngày ngừng dùng"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến của cán bộ"), blank=True)
    # Content of a small proving transfer into a bank account: when a bank notification shows it
    # arriving at this account, the account is verified without waiting for an official.
    verify_reference = models.CharField(max_length=16, blank=True, db_index=True)

    objects = EPaymentAccountQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tài khoản thanh toán điện tử")
        verbose_name_plural = _("tài khoản thanh toán điện tử")
        constraints = [
            models.CheckConstraint(
                name="payments_account_fields_match_kind",
                condition=(
                    Q(kind="bank") & ~Q(bank_bin="") & ~Q(account_number="") & ~Q(holder_name="")
                    | Q(kind="ewallet") & ~Q(wallet="") & ~Q(wallet_phone="")
                ),
            ),
            models.UniqueConstraint(
                fields=["seller", "kind", "bank_bin", "account_number", "wallet", "wallet_phone"],
                condition=Q(disabled_at__isnull=True),
                name="payments_account_once_per_seller",
            ),
        ]
        indexes = [models.Index(fields=["account_number"]), models.Index(fields=["seller", "verified_at"])]

    def __str__(self):
        if self.kind == self.Kind.BANK:
            return f"{self.bank_name} · {self.account_number}"
        return f"{self.get_wallet_display()} · {self.wallet_phone}"

    @property
    def bank_name(self):
        return bank_name(self.bank_bin)

    @property
    def state(self):
        if self.disabled_at:
            return "disabled"
        return "verified" if self.verified_at else "unverified"

    @property
    def is_verified(self):
        return self.state == "verified"


class VietQRPayment(models.Model):
    """What the buyer must transfer for one seller part, to that seller's verified bank account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ chuyển khoản")
        PAID = "paid", _("Đã nhận tiền")
        EXPIRED = "expired", _("Hết hạn")

    part = models.OneToOneField("order.OrderPart", on_delete=models.PROTECT, related_name="vietqr_payment")
    account = models.ForeignKey(EPaymentAccount, on_delete=models.PROTECT, related_name="vietqr_payments")
    amount = models.DecimalField(_("số tiền"), **VND)
    reference = models.CharField(_("nội dung chuyển khoản"), max_length=16, unique=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    paid_at = models.DateTimeField(null=True, blank=True)
    # Confirmed by a bank notification (transfer set) or by hand (confirmed_by set, audited).
    transfer = models.OneToOneField(
        "BankTransfer", on_delete=models.PROTECT, null=True, blank=True, related_name="confirmed_payment"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bank_reference = models.CharField(_("mã giao dịch ngân hàng"), max_length=60, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thanh toán VietQR")
        verbose_name_plural = _("thanh toán VietQR")
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return self.reference


class BankTransferQuerySet(models.QuerySet):
    def needs_review(self):
        return self.exclude(outcome__in=[BankTransfer.Outcome.MATCHED, BankTransfer.Outcome.OUTGOING]).filter(
            resolved_at__isnull=True
        )


class BankTransfer(models.Model):
    """One incoming-transfer notification from SePay or Casso, kept as received.

    (provider, transaction_id) is unique: the same notification twice is processed once.
    Anything that does not match exactly waits in the review queue of the seller and the
    commune official; nothing is accepted silently.
    """

    class Provider(models.TextChoices):
        SEPAY = "sepay", "SePay"
        CASSO = "casso", "Casso"

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Khớp đơn hàng")
        WRONG_AMOUNT = "wrong_amount", _("Sai số tiền")
        UNKNOWN_REFERENCE = "unknown_reference", _("Không tìm thấy mã đơn")
        WRONG_ACCOUNT = "wrong_account", _("Chuyển nhầm tài khoản")
        NOT_PENDING = "not_pending", _("Đơn không còn chờ thanh toán")
        OUTGOING = "outgoing", _("Tiền ra (bỏ qua)")

    provider = models.CharField(max_length=10, choices=Provider.choices)
    transaction_id = models.CharField(_("mã giao dịch"), max_length=64)
    account_number = models.CharField(_("số tài khoản nhận"), max_length=32, blank=True)
    amount = models.DecimalField(_("số tiền"), **VND)
    content = models.TextField(_("nội dung"), blank=True)
    bank_reference = models.CharField(_("mã tham chiếu ngân hàng"), max_length=64, blank=True)
    transaction_at = models.DateTimeField(null=True, blank=True)
    raw = models.JSONField(default=dict)
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices)
    # What the notification points at: the payment its reference names, the account it reached,
    # and so the seller whose review queue shows it.
    payment = models.ForeignKey(
        VietQRPayment, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    account = models.ForeignKey(
        EPaymentAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, null=True, blank=True, related_name="bank_transfers"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(_("ghi chú xử lý"), blank=True)

    objects = BankTransferQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("chuyển khoản nhận được")
        verbose_name_plural = _("chuyển khoản nhận được")
        constraints = [
            models.UniqueConstraint(fields=["provider", "transaction_id"], name="payments_transfer_once")
        ]

    def __str__(self):
        return f"{self.get_provider_display()} {self.transaction_id}"


class CardPayment(models.Model):
    """A Stripe PaymentIntent for a whole order (the marketplace collects card payments)."""

    class Status(models.TextChoices):
        AUTHORIZED = "authorized", _("Đã giữ tiền")
        REQUIRES_ACTION = "requires_action", _("Chờ xác thực thẻ")
        SUCCEEDED = "succeeded", _("Đã thanh toán")
        FAILED = "failed", _("Thất bại")
        CANCELLED = "cancelled", _("Đã huỷ")

    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="card_payment")
    payment_intent_id = models.CharField(max_length=64, unique=True)
    amount = models.DecimalField(_("số tiền"), **VND)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices)
    card_last4 = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    succeeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thanh toán thẻ")
        verbose_name_plural = _("thanh toán thẻ")

    def __str__(self):
        return self.payment_intent_id


class CardRefund(models.Model):
    """A refund of (part of) one seller part of a card order, made through Stripe's API."""

    card_payment = models.ForeignKey(CardPayment, on_delete=models.PROTECT, related_name="refunds")
    part = models.ForeignKey("order.OrderPart", on_delete=models.PROTECT, related_name="card_refunds")
    amount = models.DecimalField(_("số tiền"), **VND)
    stripe_refund_id = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.stripe_refund_id


class WebhookEvent(models.Model):
    """A provider event already handled: the same event id again is acknowledged and ignored."""

    provider = models.CharField(max_length=10)
    event_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=60, blank=True)
    received_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="payments_event_once")]

    def __str__(self):
        return f"{self.provider} {self.event_id}"


class LedgerEntry(models.Model):
    """One immutable line of a seller's account with the marketplace.

    ``amount`` is in đồng and positive for what the kind says (a commission of 5,000 is +5,000);
    a correction is a new entry of the same kind with the opposite sign. The payable balance is
    card sales − commission − refunds − payouts (sales the seller collected itself, cash or
    bank transfer, are recorded for the seller's books and do not change what it is owed).
    """

    class Kind(models.TextChoices):
        SALE_MARKETPLACE = "sale_marketplace", _("Bán hàng – sàn thu hộ (thẻ)")
        SALE_SELLER = "sale_seller", _("Bán hàng – người bán tự thu")
        COMMISSION = "commission", _("Phí sàn")
        REFUND = "refund", _("Hoàn tiền")
        PAYOUT = "payout", _("Sàn chuyển tiền cho người bán")

    # Sign of each kind in the payable balance.
    BALANCE_SIGN = {
        Kind.SALE_MARKETPLACE: 1,
        Kind.SALE_SELLER: 0,
        Kind.COMMISSION: -1,
        Kind.REFUND: -1,
        Kind.PAYOUT: -1,
    }

    class Method(models.TextChoices):
        COD = "cod", _("Tiền mặt khi nhận hàng")
        VIETQR = "vietqr", _("Chuyển khoản VietQR")
        CARD = "card", _("Thẻ")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    method = models.CharField(_("hình thức"), max_length=10, choices=Method.choices, blank=True)
    amount = models.DecimalField(_("số tiền"), **VND)
    part = models.ForeignKey(
        "order.OrderPart", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    reference = models.CharField(_("tham chiếu"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bút toán")
        verbose_name_plural = _("sổ cái người bán")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="payments_ledger_amount_not_zero"),
            # A part is sold once (by one method) and charged commission once, however often
            # the notification that triggers them arrives.
            models.UniqueConstraint(
                fields=["part"],
                condition=Q(kind__in=["sale_marketplace", "sale_seller"], amount__gt=0),
                name="payments_ledger_one_sale_per_part",
            ),
            models.UniqueConstraint(
                fields=["part"],
                condition=Q(kind="commission", amount__gt=0),
                name="payments_ledger_one_commission_per_part",
            ),
        ]
        indexes = [models.Index(fields=["seller", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("ledger entries are never changed; add a correcting entry instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("ledger entries are never deleted; add a correcting entry instead")
