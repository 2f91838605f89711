from django.contrib import admin

from kollegium.companies.models import Company, CompanyGarden, Contact, Need


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
