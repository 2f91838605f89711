"""Actions: my open actions (or everyone's), editing one, marking one done."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.collaboration import access, selectors, services
from kollegium.collaboration.forms import ActionEditForm
from kollegium.collaboration.models import ActionStatus
from kollegium.collaboration.views.common import call
from kollegium.network import permissions
from kollegium.network.decorators import staff_required

PAGE_SIZE = 50


@staff_required
def action_list(request):
    """My actions by default; ``?who=all`` for everyone's; ``?status=`` open, done, cancelled."""
    me = permissions.person_of(request.user)
    everyone = request.GET.get("who") == "all" or me is None
    status = request.GET.get("status", ActionStatus.OPEN)
    if status not in ActionStatus.values and status != "any":
        status = ActionStatus.OPEN
    rows = selectors.actions(
        owner=None if everyone else me, status="" if status == "any" else status
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "everyone": everyone,
        "status": status,
        "statuses": ActionStatus.choices,
    }
    return render(request, "collaboration/action_list.html", context)


def _back(request, action) -> str:
    back = request.POST.get("next") or request.GET.get("next") or ""
    # Only a page of this site, never another host.
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return action.get_absolute_url()


@staff_required
def action_edit(request, pk: int):
    action = access.get_action_for_edit(request.user, pk)
    fields = ("what", "owner", "due_on", "status", "method", "event")
    initial = {k: getattr(action, k) for k in fields}
    form = ActionEditForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = call(
            form, services.action_update, actor=request.user, action=action, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The action has been saved."))
            return redirect(_back(request, saved))
    context = {
        "form": form,
        "title": action.what,
        "action": action,
        "cancel_url": (action.session or action.project).get_absolute_url(),
    }
    return render(request, "collaboration/form.html", context)


@staff_required
@require_POST
def action_done(request, pk: int):
    """Mark an action done (from the home page or a list)."""
    action = access.get_action_for_edit(request.user, pk)
    services.action_update(actor=request.user, action=action, status=ActionStatus.DONE)
    messages.success(request, _("“%(what)s” is done.") % {"what": action.what})
    return redirect(_back(request, action))
