"""The network's public face: no sign-in, only what is meant to be public."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from kollegium.core import codes
from kollegium.methods.selectors import public_spread
from kollegium.network import selectors
from kollegium.network.models import CompetenceArea, Garden


def network_page(request):
    gardens = Garden.objects.annotate(people_count=Count("people")).order_by("name")
    areas = CompetenceArea.objects.order_by("name")
    garden_count, spread_methods = public_spread()
    return render(
        request,
        "network/public_network.html",
        {
            "gardens": gardens,
            "areas": areas,
            "people": selectors.public_people()[:100],
            "garden_count": garden_count,
            "spread_methods": spread_methods,
        },
    )


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
