from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kollegium.network.models import (
    Competence,
    CompetenceArea,
    Garden,
    NetworkSettings,
    Person,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff", "is_superuser", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]
    filter_horizontal = ["groups"]
    list_filter = ["is_active", "is_staff", "is_superuser"]


class CompetenceInline(admin.TabularInline):
    model = Competence
    extra = 0
    autocomplete_fields = ["area"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "garden", "role", "title", "show_public"]
    list_filter = ["garden", "role", "show_public"]
    search_fields = ["user__name", "user__email", "keywords"]
    list_select_related = ["user", "garden"]
    raw_id_fields = ["user"]
    inlines = [CompetenceInline]


@admin.register(Garden)
class GardenAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "municipality", "org_number"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CompetenceArea)
class CompetenceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(NetworkSettings)
