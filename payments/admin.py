from django.contrib import admin

from .models import BankTransfer, CardPayment, EPaymentAccount, LedgerEntry, VietQRPayment


@admin.register(EPaymentAccount)
class EPaymentAccountAdmin(admin.ModelAdmin):
    list_display = ["seller", "kind", "bank_bin", "account_number", "wallet", "verified_at", "disabled_at"]
    list_filter = ["kind", "verified_via"]
    search_fields = ["seller__name", "account_number", "wallet_phone"]
    raw_id_fields = ["seller", "verified_by"]


@admin.register(VietQRPayment)
class VietQRPaymentAdmin(admin.ModelAdmin):
    list_display = ["reference", "part", "amount", "status", "expires_at", "paid_at"]
    list_filter = ["status"]
    search_fields = ["reference"]
    readonly_fields = [f.name for f in VietQRPayment._meta.fields]


@admin.register(BankTransfer)
class BankTransferAdmin(admin.ModelAdmin):
    list_display = ["provider", "transaction_id", "account_number", "amount", "outcome", "received_at"]
    list_filter = ["provider", "outcome"]
    readonly_fields = [f.name for f in BankTransfer._meta.fields]


@admin.register(CardPayment)
class CardPaymentAdmin(admin.ModelAdmin):
    list_display = ["payment_intent_id", "order", "amount", "status", "created_at"]
    readonly_fields = [f.name for f in CardPayment._meta.fields]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read only: entries are added by the services, never edited or deleted."""

    list_display = ["created_at", "seller", "kind", "method", "amount", "reference"]
    list_filter = ["kind", "method"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
