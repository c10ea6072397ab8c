from django.contrib import admin

from .models import (
    AuditLogEntry,
    Commune,
    EthnicGroup,
    ExternalShopLink,
    OcopCertificate,
    OfficialProfile,
    Seller,
)


@admin.register(EthnicGroup)
class EthnicGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "zone", "is_em_area"]
    list_filter = ["kind", "zone", "is_em_area"]
    list_editable = ["zone", "is_em_area"]
    search_fields = ["name", "code"]


class CertificateInline(admin.TabularInline):
    model = OcopCertificate
    extra = 0
    autocomplete_fields = ["products"]


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["name", "entity_type", "commune", "status"]
    list_filter = ["status", "entity_type", "commune"]
    search_fields = ["name", "rep_name", "phone"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CertificateInline]


@admin.register(ExternalShopLink)
class ExternalShopLinkAdmin(admin.ModelAdmin):
    """Officials confirm links on their own pages (audit-logged); here operators look and fix typos."""

    list_display = ["seller", "platform", "url", "added_at", "confirmed_at", "rejected_at", "removed_at"]
    list_filter = ["platform", ("confirmed_at", admin.EmptyFieldListFilter), "seller__commune"]
    search_fields = ["seller__name", "url"]
    raw_id_fields = ["seller"]
    readonly_fields = ["added_at", "confirmed_by", "confirmed_at", "rejected_at", "removed_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # indicator I1 for past dates needs the row; the seller "removes" by removed_at


@admin.register(OfficialProfile)
class OfficialProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "commune", "position"]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "seller"]
    readonly_fields = ["created_at", "actor", "action", "seller", "detail"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
