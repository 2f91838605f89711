from django.contrib import admin

from kollegium.companies.models import (
    Company,
    CompanyGarden,
    Contact,
    LetterDelivery,
    Need,
    RegisterEntry,
    RegisterImport,
)


class CompanyGardenInline(admin.TabularInline):
    model = CompanyGarden
    extra = 0
    autocomplete_fields = ["garden"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    raw_id_fields = ["letter_consent_by"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "org_number", "municipality", "nace", "employees"]
    search_fields = ["name", "org_number"]
    list_filter = ["gardens"]
    inlines = [CompanyGardenInline, ContactInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "company", "status", "shared_with_network", "created_at"]
    list_filter = ["status", "shared_with_network"]
    search_fields = ["text", "company__name", "company__org_number"]
    list_select_related = ["company"]
    raw_id_fields = ["company", "recorded_by"]
    filter_horizontal = ["areas"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    list_display = ["org_number", "name", "org_form", "municipality", "nace"]
    search_fields = ["org_number", "name"]


@admin.register(RegisterImport)
class RegisterImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "started_at", "finished_at", "status"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False


@admin.register(LetterDelivery)
class LetterDeliveryAdmin(admin.ModelAdmin):
    """The programme letters sent: a record, written only by kollegium.programme.services."""

    list_display = ["email", "company", "kind", "month", "sent_at"]
    list_filter = ["kind", "month"]
    search_fields = ["email", "company__name", "company__org_number"]
    list_select_related = ["company"]
    readonly_fields = [f.name for f in LetterDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
