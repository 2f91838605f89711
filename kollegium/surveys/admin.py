"""The operator's view of the surveys. Sending and answering belong to the application (its
services mail and audit), so the rows are read-only here."""

from django.contrib import admin

from kollegium.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound


@admin.register(SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["garden", "year", "sent_at", "reminded_at"]
    list_filter = ["garden", "year"]
    readonly_fields = ["sent_at", "reminded_at", "created_by", "created_at"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(admin.ModelAdmin):
    list_display = ["round", "company", "recipients", "sent_at", "reminded_at"]
    list_select_related = ["round__garden", "company"]
    readonly_fields = ["round", "company", "recipients", "sent_at", "reminded_at"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["round", "score", "answered_at"]
    list_select_related = ["round__garden"]
    readonly_fields = ["invitation", "round", "score", "did_well", "to_improve", "answered_at"]
