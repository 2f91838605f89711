"""The operator's view of the method bank. Stage moves belong to the application (the gates
and the history live in its service), so the stage is read-only here."""

from django.contrib import admin

from kollegium.methods.models import Adoption, Attachment, Comment, Method, Pilot, StageMove


class PilotInline(admin.TabularInline):
    model = Pilot
    extra = 0
    fields = ["garden", "starts_on", "ends_on", "rating", "recommendation", "evaluated_on"]


class AdoptionInline(admin.TabularInline):
    model = Adoption
    extra = 0
    fields = ["garden", "adopted_on", "note"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["name", "size", "content_type", "uploaded_at"]
    readonly_fields = fields


class StageMoveInline(admin.TabularInline):
    model = StageMove
    extra = 0
    fields = ["at", "from_stage", "to_stage", "actor_name", "note"]
    readonly_fields = fields
    can_delete = False


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ["title", "ref", "owner", "kind", "stage", "visibility", "imported_at"]
    list_filter = ["stage", "kind", "visibility", "owner"]
    search_fields = ["title", "ref", "summary"]
    list_select_related = ["owner"]
    readonly_fields = ["uid", "stage", "stage_changed_at", "shared_at", "origin_uid", "imported_at"]
    filter_horizontal = ["areas", "contributors"]
    inlines = [AttachmentInline, PilotInline, AdoptionInline, StageMoveInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "method", "author", "created_at"]
    search_fields = ["text", "method__title"]
    list_select_related = ["method", "author__user"]
