"""Notification pages: the bell, the list, settings; the activity feed fragment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.notifications import feed, selectors, services
from kollegium.notifications.forms import SettingsForm
from kollegium.notifications.models import Notification

PAGE_SIZE = 50
FEED_SIZE = 15


def _me(request):
    person = permissions.person_of(request.user)
    if person is None:  # the operator has no notifications
        raise PermissionDenied
    return person


def bell(request):
    """The bell's count, polled by htmx from the header. Open to anyone (a visitor's count is
    nought): a session that ran out must not swap the login page into the header."""
    person = permissions.person_of(request.user)
    count = selectors.unread_count(person) if person is not None else 0
    return render(request, "notifications/_bell.html", {"count": count})


@staff_required
def notification_list(request):
    person = _me(request)
    page = Paginator(selectors.notifications_for(person), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"page": page})


@staff_required
def notification_open(request, pk: int):
    """Follow a notification's link, marking it read."""
    person = _me(request)
    notification = get_object_or_404(Notification, pk=pk, recipient=person)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    url = notification.url
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = "notifications:list"
    return redirect(url)


@staff_required
@require_POST
def mark_read(request):
    """Mark one (``pk``) or all notifications read."""
    person = _me(request)
    pk = request.POST.get("pk", "")
    pks = [int(pk)] if pk.isdigit() else None
    services.mark_read(person=person, pks=pks)
    if request.htmx:
        return bell(request)
    return redirect("notifications:list")


@staff_required
def notification_settings(request):
    person = _me(request)
    form = SettingsForm(request.POST or None, current=selectors.settings_for(person))
    if request.method == "POST" and form.is_valid():
        services.save_settings(actor=request.user, person=person, choices=form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@staff_required
def activity(request):
    """The network's latest activity: a fragment for the home page (htmx), or a page."""
    items = feed.render_items(selectors.visible_activity(request.user)[:FEED_SIZE])
    template = "notifications/_feed.html" if request.htmx else "notifications/activity.html"
    return render(request, template, {"items": items})
