from django.contrib import admin

from .models import BankTransfer, CardPayment, EPaymentAccount, LedgerEntry, VietQRPayment


class ViewOnlyAdmin(admin.ModelAdmin):
    """Money records are written only by payments' services (verification, matching, ledger),
    which check who may act and leave an audit trail: the Django admin may look, never add,
    change or delete (an "add" form of these models also could not be filled in validly)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EPaymentAccount)
class EPaymentAccountAdmin(ViewOnlyAdmin):
    list_display = ["seller", "kind", "bank_bin", "account_number", "wallet", "verified_at", "disabled_at"]
    list_filter = ["kind", "verified_via"]
    search_fields = ["seller__name", "account_number", "wallet_phone"]
    raw_id_fields = ["seller", "verified_by"]


@admin.register(VietQRPayment)
class VietQRPaymentAdmin(ViewOnlyAdmin):
    list_display = ["reference", "part", "amount", "status", "expires_at", "paid_at"]
    list_filter = ["status"]
    search_fields = ["reference"]
    readonly_fields = [f.name for f in VietQRPayment._meta.fields]


@admin.register(BankTransfer)
class BankTransferAdmin(ViewOnlyAdmin):
    list_display = ["provider", "transaction_id", "account_number", "amount", "outcome", "received_at"]
    list_filter = ["provider", "outcome"]
    readonly_fields = [f.name for f in BankTransfer._meta.fields]


@admin.register(CardPayment)
class CardPaymentAdmin(ViewOnlyAdmin):
    list_display = ["payment_intent_id", "order", "amount", "status", "created_at"]
    readonly_fields = [f.name for f in CardPayment._meta.fields]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ViewOnlyAdmin):
    """Entries are added by the services, never edited or deleted (a correction is a new entry)."""

    list_display = ["created_at", "seller", "kind", "method", "amount", "reference"]
    list_filter = ["kind", "method"]
