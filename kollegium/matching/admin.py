from django.contrib import admin

from kollegium.matching.models import SearchDocument, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are written by the index (kollegium.matching.indexing)."""

    list_display = ["kind", "key", "title", "audience", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["key", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
