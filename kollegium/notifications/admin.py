from django.contrib import admin

from kollegium.notifications.models import Activity, Notification, NotificationSetting


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "text", "delivery", "created_at", "read_at")
    list_filter = ("kind", "delivery")
    raw_id_fields = ("recipient", "actor")


@admin.register(NotificationSetting)
class NotificationSettingAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "delivery")
    raw_id_fields = ("person",)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("kind", "text", "actor_name", "all_staff", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("actor",)
