"""The lifecycle: which moves are allowed and what each gate asks. The one place for both.

A method moves forward one stage at a time, or back to any earlier stage with a note. Gates
guard some forward moves and, when they refuse, list everything that is missing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.methods.models import STAGE_ORDER, Method, Recommendation, Stage, StageMove
from kollegium.methods.models import Visibility as V
from kollegium.methods.services.versions import actor_name, ensure_current_version
from kollegium.network import permissions
from kollegium.notifications.services import record_activity


@dataclass(frozen=True)
class GateMiss:
    """One thing a gate misses: a stable code for programs, a message for people."""

    code: str
    message: str


class StageMoveRefused(Exception):
    """A move the lifecycle does not allow (code ``invalid_transition``) or a gate refuses."""

    code = "invalid_transition"

    def __init__(self, message: str, missing: list[GateMiss] | None = None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


class GateNotMet(StageMoveRefused):
    code = "gate_not_met"


def _index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


def allowed_moves(method: Method) -> list[str]:
    """The stages a method may move to: the next one, and every earlier one (with a note)."""
    here = _index(method.stage)
    forward = STAGE_ORDER[here + 1 : here + 2]
    return [*forward, *reversed(STAGE_ORDER[:here])]


def _into_pilot(method: Method) -> list[GateMiss]:
    misses = []
    if not method.summary.strip():
        misses.append(GateMiss("summary", _("A summary of the method.")))
    if not method.body.strip() and not method.attachments.exists():
        misses.append(
            GateMiss("body_or_attachment", _("A description of the method, or an attached file."))
        )
    return misses


def _out_of_pilot(method: Method) -> list[GateMiss]:
    if method.pilots.filter(evaluated_on__isnull=False).exists():
        return []
    return [GateMiss("completed_pilot", _("At least one completed pilot with an evaluation."))]


def _into_implementation(method: Method) -> list[GateMiss]:
    adopt = method.pilots.filter(evaluated_on__isnull=False, recommendation=Recommendation.ADOPT)
    if adopt.exists():
        return []
    return [GateMiss("pilot_recommends_adoption", _("A pilot that recommends adoption."))]


def _into_shared(method: Method) -> list[GateMiss]:
    if method.visibility == V.GARDEN:
        return [
            GateMiss(
                "visibility", _("Visibility for the network or the public (now: own garden only).")
            )
        ]
    if method.visibility == V.PUBLIC and not method.licence:
        return [GateMiss("licence", _("A licence, since the method is public."))]
    return []


def gate_misses(method: Method, to: str) -> list[GateMiss]:
    """What the method misses to move forward into ``to`` (empty when the gate lets it pass)."""
    if _index(to) <= _index(method.stage):
        return []
    misses = []
    if to == Stage.PILOT:
        misses += _into_pilot(method)
    if method.stage == Stage.PILOT:
        misses += _out_of_pilot(method)
    if to == Stage.IMPLEMENTATION:
        misses += _into_implementation(method)
    if to == Stage.SHARED:
        misses += _into_shared(method)
    return misses


def _check_move(method: Method, to: str, note: str) -> None:
    if to not in STAGE_ORDER:
        raise ValidationError({"to": _("Unknown stage.")})
    label = Stage(to).label
    if to == method.stage:
        raise StageMoveRefused(
            _("The method is already in the stage “%(stage)s”.") % {"stage": label}
        )
    if to not in allowed_moves(method):
        raise StageMoveRefused(
            _("A method moves forward one stage at a time: from “%(here)s” the next is “%(next)s”.")
            % {"here": method.get_stage_display(), "next": Stage(allowed_moves(method)[0]).label}
        )
    if _index(to) < _index(method.stage) and not note.strip():
        raise ValidationError({"note": _("Say why the method moves back to an earlier stage.")})
    misses = gate_misses(method, to)
    if misses:
        raise GateNotMet(
            _("The method cannot move to “%(stage)s” yet. It needs: %(missing)s")
            % {"stage": label, "missing": " ".join(m.message for m in misses)},
            misses,
        )


@transaction.atomic
def method_move_stage(*, actor, method: Method, to: str, note: str = "") -> Method:
    """Move a method to another stage of the lifecycle, through its gates, and record who moved
    it, when, from where, to where and why.

    Raises PermissionDenied, ValidationError (unknown stage; a back move without a note),
    StageMoveRefused (not the next stage) or GateNotMet listing what the gate misses.
    """
    if not permissions.can_move_method(actor, method):
        raise PermissionDenied
    # Locked and re-read: two people moving the same method at once move it once.
    method = Method.objects.select_for_update().select_related("owner").get(pk=method.pk)
    note = (note or "").strip()
    _check_move(method, to, note)
    now = timezone.now()
    move = StageMove.objects.create(
        method=method,
        from_stage=method.stage,
        to_stage=to,
        note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=actor_name(actor),
        at=now,
    )
    method.stage = to
    method.stage_changed_at = now
    if to == Stage.SHARED and method.shared_at is None:
        method.shared_at = now
    method.save(update_fields=["stage", "stage_changed_at", "shared_at", "updated_at"])
    if method.is_past_development:
        ensure_current_version(method, actor)
    audit(
        actor=actor,
        action="method.stage_moved",
        obj=method,
        ref=method.ref,
        from_stage=move.from_stage,
        to_stage=to,
        note=note,
    )
    # The network's activity feed: a method kept in its garden is news for that garden only.
    record_activity(
        kind="method_shared" if to == Stage.SHARED else "method_stage",
        text=method.title,
        url=reverse("methods:detail", args=[method.ref]),
        actor=actor,
        gardens=[method.owner_id] if method.visibility == V.GARDEN else None,
        params={"stage": to},
    )
    return method
