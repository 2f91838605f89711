"""The extra sign-up questions of an event: add, change, remove, or replace them all.

Questions keep their rows (and ids) when changed, so answers already given, stored by B's
registrations under the question's id, stay linked to their question.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.programme.models import Event, Question, QuestionKind
from kollegium.programme.services.events import QUESTION_FIELDS, apply_fields, check_manage


def clean_choices(kind: str, choices) -> list[str]:
    """Trimmed, unique, non-empty choices; a choice question needs two, text none."""
    cleaned = [" ".join(str(c).split()) for c in choices or []]
    cleaned = [c for c in dict.fromkeys(cleaned) if c]
    if kind == QuestionKind.CHOICE and len(cleaned) < 2:
        raise ValidationError({"choices": _("Give at least two choices.")})
    return cleaned if kind == QuestionKind.CHOICE else []


@transaction.atomic
def question_save(*, actor, event: Event, question: Question | None = None, **data) -> Question:
    """Add (question=None, placed last) or change an extra sign-up question of an event."""
    check_manage(actor, event)
    created = question is None
    if created:
        last = event.questions.order_by("-position").first()
        question = Question(event=event, position=last.position + 1 if last else 0)
    else:
        question = Question.objects.select_for_update().get(pk=question.pk, event=event)
    if "kind" in data or "choices" in data:
        kind = data.get("kind", question.kind)
        data["choices"] = clean_choices(kind, data.get("choices", question.choices))
    changed = apply_fields(question, data, QUESTION_FIELDS)
    if changed or created:
        question.full_clean()
        question.save()
        action = "question.created" if created else "question.updated"
        audit(actor=actor, action=action, obj=question, event=event.ref, fields=changed)
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    """Remove a question; answers already given stay with their registrations."""
    event = question.event
    check_manage(actor, event)
    audit(actor=actor, action="question.deleted", obj=question, event=event.ref)
    question.delete()


@transaction.atomic
def questions_replace(*, actor, event: Event, questions: list[dict]) -> list[Question]:
    """Make the event's questions exactly ``questions``, in order. The n-th existing question
    is updated in place (its id stays), extra ones are added, missing ones removed."""
    check_manage(actor, event)
    current = list(
        Question.objects.select_for_update().filter(event=event).order_by("position", "pk")
    )
    result, changed = [], False
    for position, item in enumerate(questions):
        question = current[position] if position < len(current) else Question(event=event)
        data = {"kind": QuestionKind.TEXT, "required": False, **item, "position": position}
        data["choices"] = clean_choices(data["kind"], data.get("choices"))
        fields = apply_fields(question, data, QUESTION_FIELDS)
        if fields or question.pk is None:
            question.full_clean()
            question.save()
            changed = True
        result.append(question)
    for question in current[len(questions) :]:
        question.delete()
        changed = True
    if changed:
        audit(actor=actor, action="event.questions_replaced", obj=event, count=len(result))
    return result
