"""The network's public face: no sign-in, only what is meant to be public."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from kollegium.core import codes, freshness
from kollegium.methods.models import Adoption, Method
from kollegium.methods.selectors import public_spread
from kollegium.network import selectors
from kollegium.network.models import Competence, CompetenceArea, Garden, Person, User

# What the public network page shows: gardens (with head counts), areas, the people who opted
# in (with their competences) and the publicly shared methods with their adoptions.
NETWORK_PAGE_TABLES = [
    Garden,
    CompetenceArea,
    Person,
    User,
    Competence,
    Method,
    Method.areas.through,
    Adoption,
]


def network_page(request):
    """The same for every visitor: kept until a garden, person, area or public method changes.
    The network's name, description and contact (its settings) stay outside the fragment."""

    def context() -> dict:
        garden_count, spread_methods = public_spread()
        return {
            "gardens": Garden.objects.annotate(people_count=Count("people")).order_by("name"),
            "areas": CompetenceArea.objects.order_by("name"),
            "people": selectors.public_people()[:100],
            "garden_count": garden_count,
            "spread_methods": spread_methods,
        }

    content = freshness.template_fragment(
        "network.public_network.content",
        NETWORK_PAGE_TABLES,
        "network/_public_network_content.html",
        context,
        request,
    )
    return render(request, "network/public_network.html", {"content": content})


def garden_page(request, slug: str):
    garden = get_object_or_404(Garden, slug=slug)
    return render(
        request,
        "network/public_garden.html",
        {
            "garden": garden,
            "municipality_name": codes.municipality_name(garden.municipality),
            "people": selectors.public_people(garden),
        },
    )
