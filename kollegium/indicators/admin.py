from django.contrib import admin

from kollegium.indicators.models import KeyFigure


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ["company", "year", "revenue", "operating_result", "wage_costs", "employees"]
    list_filter = ["year"]
    search_fields = ["company__name", "company__org_number"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]
