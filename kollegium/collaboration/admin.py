"""The operator's view of projects, work sessions and actions (the application's pages are
where staff work; this is for repairs)."""

from django.contrib import admin

from kollegium.collaboration.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Invitation,
    Project,
    ProjectFile,
    ProjectLink,
    WorkSession,
)


class ProjectLinkInline(admin.TabularInline):
    model = ProjectLink
    extra = 0


class ProjectFileInline(admin.TabularInline):
    model = ProjectFile
    extra = 0
    fields = ["name", "size", "content_type", "uploaded_at"]
    readonly_fields = fields


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "leader", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["gardens"]
    raw_id_fields = ["leader", "created_by", "events", "methods"]
    inlines = [ProjectLinkInline, ProjectFileInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["owner"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ["person"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(WorkSession)
class WorkSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "starts_at", "status", "summary_sent_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["project", "organiser", "summary_sent_by"]
    inlines = [AgendaItemInline, DecisionInline, InvitationInline]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["what", "owner", "due_on", "status", "reminded_at"]
    list_filter = ["status"]
    search_fields = ["what"]
    raw_id_fields = ["session", "project", "owner", "method", "event", "created_by"]
