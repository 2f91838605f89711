from django.contrib import admin

from kollegium.companies.models import (
    Company,
    CompanyGarden,
    Contact,
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
