"""Reads of companies and needs that views and the API share."""

from django.db.models import QuerySet

from kollegium.companies.models import CompanyGarden, Need, NeedStatus
from kollegium.network.models import Garden


def open_needs_for_garden(garden: Garden) -> QuerySet[Need]:
    """Open and in-progress needs of the companies a garden serves, newest first."""
    served = CompanyGarden.objects.filter(garden=garden).values("company_id")
    return (
        Need.objects.filter(company_id__in=served, status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS])
        .select_related("company", "recorded_by__user")
        .prefetch_related("areas")
        .order_by("-created_at", "-id")
    )
