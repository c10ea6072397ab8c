from django.contrib import admin

from .models import AuditLogEntry, Commune, EthnicGroup, OcopCertificate, OfficialProfile, Seller


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
