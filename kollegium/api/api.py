"""The REST API under /api/v1/: one NinjaAPI, one router per app (from ``<app>/api.py``)."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from kollegium.api import errors
from kollegium.api.auth import session_auth, token_auth
from kollegium.collaboration.api import router as collaboration_router
from kollegium.companies.api import router as companies_router
from kollegium.core import freshness
from kollegium.indicators.api import router as indicators_router
from kollegium.matching.api import router as matching_router
from kollegium.methods.api import router as methods_router
from kollegium.network.api import router as network_router
from kollegium.notifications.api import router as notifications_router
from kollegium.programme.api_day import router as day_router
from kollegium.programme.api_events import router as events_router
from kollegium.programme.api_signup import router as signup_router
from kollegium.referrals.api import router as referrals_router
from kollegium.surveys.api import router as surveys_router


def _structured_405(view):
    """ninja answers a wrong method with plain text; give it the error shape. Also keeps the
    answers of cached operations (core/freshness.py)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with freshness.api_reads_checked(request):
            response = view(request, *args, **kwargs)
        freshness.store_api_response(request, response)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = errors.error_json(405)
            response["Allow"] = allowed
        return response

    return wrapper


@csrf_exempt
def unknown_path(request, *args, **kwargs):
    return errors.error_json(404)


class KollegiumAPI(NinjaAPI):
    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = _structured_405(pattern.callback)
        # Last, so paths no router knows also answer in the error shape.
        patterns.append(re_path(r"^.*$", unknown_path, name="unknown-path"))
        return patterns, app_name, namespace


api = KollegiumAPI(
    title="Kollegium API",
    version="1",
    description="The working platform of a network of Norwegian business gardens. See docs/api.md.",
    urls_namespace="api",
    auth=[token_auth, session_auth],
)
errors.install(api)

api.add_router("", network_router)
api.add_router("", companies_router)
api.add_router("", methods_router)
api.add_router("", indicators_router)
api.add_router("", events_router)
api.add_router("", signup_router)
api.add_router("", day_router)
api.add_router("", matching_router)
api.add_router("", collaboration_router)
api.add_router("", referrals_router)
api.add_router("", notifications_router)
api.add_router("", surveys_router)
