"""``?limit=&offset=`` pagination answering ``{"count": N, "items": [...]}``."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0)

    class Output(Schema):
        count: int
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, **params):
        start = pagination.offset
        return {
            "count": queryset.count(),
            "items": queryset[start : start + pagination.limit],
        }
