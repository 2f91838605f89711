from django.contrib import admin

from kollegium.referrals.models import Message, Referral


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ("company", "from_person", "to_person", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("need", "company", "from_person", "to_person")
    inlines = [MessageInline]
