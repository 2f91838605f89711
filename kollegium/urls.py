from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from kollegium.api.api import api
from kollegium.core.views import healthz
from kollegium.methods.feeds import MethodFeed
from kollegium.network import auth
from kollegium.network.forms import StyledSetPasswordForm
from kollegium.network.views import home

auth_patterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="network/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="network/password_reset_confirm.html",
            form_class=StyledSetPasswordForm,
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="network/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("kollegium.network.public_urls")),
    path("accounts/", include(auth_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("home/", home, name="home"),
    path("", include("kollegium.network.urls")),
    path("companies/", include("kollegium.companies.urls")),
    path("programme/", include("kollegium.programme.urls")),
    path("ical/", include("kollegium.programme.urls_ical")),
    path("methods/", include("kollegium.methods.urls")),
    path("library/", include("kollegium.methods.library_urls")),
    path("feeds/methods.atom", MethodFeed(), name="methods_feed"),
    path("indicators/", include("kollegium.indicators.urls")),
    path("search/", include("kollegium.matching.urls")),
    path("collaboration/", include("kollegium.collaboration.urls")),
    path("referrals/", include("kollegium.referrals.urls")),
    path("notifications/", include("kollegium.notifications.urls")),
    path("surveys/", include("kollegium.surveys.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Local runs only. Method attachments are served by views that check visibility.
    urlpatterns += [
        path(f"media/{folder}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / folder})
        for folder in ("gardens", "people")
    ]
