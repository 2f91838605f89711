"""Notifications and the activity feed: the writes other apps call.

``notify`` stores an in-app notification for one staff member and, per their setting for the
kind, queues an e-mail on commit (at once), leaves it for the daily digest, or neither (off).
``record_activity`` adds an item to the network's activity feed.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.network.models import Garden, Person
from kollegium.notifications.models import (
    DEFAULT_DELIVERY,
    Activity,
    Delivery,
    DigestLog,
    Kind,
    Notification,
    NotificationSetting,
)


def _user_of(actor):
    """Accept a User or a Person as the actor; anonymous or None gives None."""
    if actor is None:
        return None
    if isinstance(actor, Person):
        return actor.user
    return actor if getattr(actor, "is_authenticated", False) else None


def delivery_for(person: Person, kind: str) -> str:
    """The person's delivery choice for ``kind`` (one query, none when the person came from
    ``recipient_for``), or the default."""
    if hasattr(person, "notice_delivery"):
        chosen = person.notice_delivery
    else:
        chosen = (
            NotificationSetting.objects.filter(person=person, kind=kind)
            .values_list("delivery", flat=True)
            .first()
        )
    return chosen or DEFAULT_DELIVERY.get(kind, Delivery.IMMEDIATE)


def recipient_for(kind: str, people) -> Person | None:
    """The first active person of the ``people`` queryset, with their user and their delivery
    setting for ``kind`` loaded in one query (for hot paths such as sign-up)."""
    setting = NotificationSetting.objects.filter(person=OuterRef("pk"), kind=kind).values(
        "delivery"
    )[:1]
    return (
        people.filter(user__is_active=True)
        .select_related("user")
        .annotate(notice_delivery=Subquery(setting))
        .first()
    )


def absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def notify(
    *,
    recipient: Person,
    kind: str,
    text: str,
    url: str,
    actor=None,
    email_template: str | None = None,
    email_context: dict | None = None,
) -> None:
    """Notify one staff member; e-mail now, later in the digest, or not, per their setting.

    ``kind`` is one of Kind ("referral", "action", "method_comment", "session_invitation",
    "event_signup"); ``text`` a short sentence, ``url`` a site path. Nobody is notified of
    their own doing (actor == recipient). Call inside the caller's transaction: the e-mail
    leaves on commit. Costs two queries (a third if ``recipient.user`` is not loaded).
    ``email_template``/``email_context``: a richer e-mail of the caller's own for "at once".
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    user = _user_of(actor)
    if user is not None and user.pk == recipient.user_id:
        return
    delivery = delivery_for(recipient, kind)
    Notification.objects.create(
        recipient=recipient,
        kind=kind,
        text=text[:500],
        url=url[:500],
        actor=user,
        delivery=delivery,
    )
    if delivery == Delivery.IMMEDIATE:
        recipient_user = recipient.user  # select_related by most callers; else one query
        if recipient_user.is_active:
            queue_email(
                to=recipient_user.email,
                template=email_template or "notifications/email/notification",
                context=email_context
                or {
                    "name": recipient.name,
                    "text": text,
                    "link": absolute(url),
                    "settings_link": absolute("/notifications/settings/"),
                },
            )


def record_activity(
    *,
    kind: str,
    text: str,
    url: str,
    actor=None,
    gardens: Iterable[Garden | int] | None = None,
    params: dict | None = None,
) -> None:
    """Add an item to the activity feed.

    ``kind`` picks the sentence rendered at display time in the reader's language (see
    kollegium.notifications.feed.SENTENCES: "event_published", "method_stage",
    "method_shared", "session_minutes", "referral_completed"); ``text`` is the title of the
    thing (an event's, a method's, a session's) and ``params`` any further values the sentence
    uses (e.g. {"stage": "pilot"}). Unknown kinds show ``text`` as written.
    ``gardens=None``: every staff member sees it; otherwise staff of those gardens and the
    coordinator.
    """
    user = _user_of(actor)
    activity = Activity.objects.create(
        kind=kind,
        text=text[:500],
        url=url[:500],
        params=params or {},
        actor=user,
        actor_name=(user.name or user.email) if user is not None else "",
        all_staff=gardens is None,
    )
    if gardens is not None:
        activity.gardens.set([g if isinstance(g, int) else g.pk for g in gardens])


@transaction.atomic
def mark_read(*, person: Person, pks: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all unread ones when ``pks`` is None)."""
    rows = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if pks is not None:
        rows = rows.filter(pk__in=list(pks))
    return rows.update(read_at=timezone.now())


@transaction.atomic
def save_settings(*, actor, person: Person, choices: dict[str, str]) -> None:
    """Store the person's delivery choice per kind (unknown kinds or values are refused)."""
    for kind, delivery in choices.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValueError(f"invalid setting {kind}={delivery}")
        NotificationSetting.objects.update_or_create(
            person=person, kind=kind, defaults={"delivery": delivery}
        )
    audit(actor=actor, action="notifications.settings.update", obj=person, settings=choices)


DIGEST_MAX_ITEMS = 100


def send_digests(*, now=None) -> int:
    """E-mail each person their pending digest notifications, at most once per day.

    Idempotent per day (Europe/Oslo): a DigestLog row per person and day is written in the
    same transaction as the e-mail is queued, so running the command twice sends nothing more;
    notifications arriving after today's digest wait for tomorrow's. Returns e-mails queued.
    """
    now = now or timezone.now()
    day = timezone.localdate(now)
    pending = Notification.objects.filter(
        delivery=Delivery.DIGEST, digested_at__isnull=True, created_at__lte=now
    )
    done_today = DigestLog.objects.filter(day=day).values("person_id")
    people = (
        Person.objects.filter(pk__in=pending.values("recipient_id"), user__is_active=True)
        .exclude(pk__in=done_today)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for person in people:
        with transaction.atomic():
            _log, created = DigestLog.objects.get_or_create(person=person, day=day)
            if not created:  # a parallel run got here first
                continue
            rows = list(pending.filter(recipient=person).order_by("created_at", "pk"))
            if not rows:
                continue
            items = [{"text": n.text, "link": absolute(n.url)} for n in rows[:DIGEST_MAX_ITEMS]]
            queue_email(
                to=person.user.email,
                template="notifications/email/digest",
                context={
                    "name": person.name,
                    "count": len(rows),
                    "items": items,
                    "list_link": absolute("/notifications/"),
                    "settings_link": absolute("/notifications/settings/"),
                },
            )
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(digested_at=now)
            DigestLog.objects.filter(person=person, day=day).update(count=len(rows))
            sent += 1
    return sent
