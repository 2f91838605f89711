from django.contrib import admin

from kollegium.core.models import AuditEntry, Code, CodeList


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor__email"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CodeList)
class CodeListAdmin(admin.ModelAdmin):
    list_display = ["standard", "kind", "valid_from"]
    list_filter = ["kind"]


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "standard"]
    list_filter = ["standard"]
    search_fields = ["code", "name"]
