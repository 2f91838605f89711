"""Forms of the programme's event pages: the public filters and the staff editors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kollegium.core.fast_select import FastSelect
from kollegium.core.forms import (
    FIELDSET_TEMPLATE,
    CheckboxGroup,
    StyledForm,
    competence_areas_field,
)
from kollegium.network.models import CompetenceArea, Garden, Person
from kollegium.programme.models import Event, Format, Question, QuestionKind
from kollegium.programme.selectors.events import ALL, ON_SITE, ONLINE, PAST, UPCOMING

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    # The browser's own date-time picker; the value is Norwegian local time.
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def _model_field(name: str, **kwargs):
    """The form field of Event.<name>, with the model's label, limits and choices."""
    return Event._meta.get_field(name).formfield(**kwargs)


class ProgrammeFilterForm(StyledForm):
    garden = forms.ModelChoiceField(
        label=_("Garden"),
        queryset=Garden.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All gardens"),
        widget=FastSelect,
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Format.choices]
    )
    area = forms.ModelChoiceField(
        label=_("Competence area"),
        queryset=CompetenceArea.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All areas"),
        widget=FastSelect,
    )
    attendance = forms.ChoiceField(
        label=_("Online or on site"),
        required=False,
        choices=[("", _("Both")), (ONLINE, _("Online")), (ON_SITE, _("On site"))],
    )
    period = forms.ChoiceField(label=_("Period"), required=False, widget=FastSelect)

    def __init__(self, *args, semesters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (UPCOMING, _("Upcoming")),
            (PAST, _("Past")),
            (ALL, _("All")),
            *((s.slug, s.label) for s in reversed(semesters)),
        ]


class EventForm(StyledForm):
    """Create or edit an event. Reserved places apply to each host garden alike."""

    title = _model_field("title")
    format = _model_field("format")
    description = _model_field(
        "description",
        help_text=_("Markdown: *italic*, **bold**, lists with -, links as [text](https://…)."),
    )
    starts_at = _model_field("starts_at", widget=_datetime_widget())
    ends_at = _model_field("ends_at", widget=_datetime_widget())
    venue = _model_field("venue")
    address = _model_field("address")
    online_url = _model_field("online_url")
    hosts = forms.ModelMultipleChoiceField(
        label=_("Host gardens"),
        queryset=Garden.objects.order_by("name"),
        widget=CheckboxGroup,
        template_name=FIELDSET_TEMPLATE,
    )
    areas = competence_areas_field()
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers from the network"),
        queryset=Person.objects.filter(user__is_active=True)
        .select_related("user", "garden")
        .order_by("user__name"),
        required=False,
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    external_speakers = _model_field("external_speakers")
    capacity = _model_field("capacity", help_text=_("Leave empty for no limit."))
    reserved_places = forms.IntegerField(
        label=_("Places reserved for each host garden's companies"),
        min_value=0,
        required=False,
        help_text=_(
            "Used by co-hosted events; unused reserved places open to all at the date below."
        ),
    )
    reserved_until = forms.DateTimeField(
        label=_("Reserved until"), required=False, widget=_datetime_widget()
    )
    registration_opens = _model_field(
        "registration_opens", widget=_datetime_widget(), help_text=_("Empty: open at once.")
    )
    registration_closes = _model_field(
        "registration_closes",
        widget=_datetime_widget(),
        help_text=_("Empty: open until the event starts."),
    )
    has_waitlist = _model_field("has_waitlist")
    waitlist_mode = _model_field("waitlist_mode")
    offer_hours = _model_field("offer_hours")
    network_priority = _model_field("network_priority")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].label_from_instance = lambda p: f"{p.name} ({p.garden.name})"

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        links = list(event.host_links.all())
        first = links[0] if links else None
        initial = {name: getattr(event, name) for name in cls.base_fields if hasattr(event, name)}
        initial.update(
            hosts=[link.garden for link in links],
            areas=list(event.areas.all()),
            speakers=list(event.speakers.all()),
            reserved_places=first.reserved_places if first else 0,
            reserved_until=first.reserved_until if first else None,
        )
        return initial

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if data.get("reserved_places") and not data.get("reserved_until"):
            self.add_error("reserved_until", _("Say until when the places are reserved."))
        return data

    def service_data(self) -> dict:
        """cleaned_data as the event services take it (hosts with their reservations)."""
        from kollegium.programme.services.events import HostInput

        data = dict(self.cleaned_data)
        places = data.pop("reserved_places") or 0
        until = data.pop("reserved_until") if places else None
        data.pop("reserved_until", None)
        data["hosts"] = [HostInput(g, places, until) for g in data["hosts"]]
        data["areas"] = list(data["areas"])
        data["speakers"] = list(data["speakers"])
        return data


class EventCopyForm(StyledForm):
    starts_at = forms.DateTimeField(
        label=_("The copy starts"),
        widget=_datetime_widget(),
        help_text=_(
            "It keeps the length, hosts, areas, speakers and questions; it starts as a draft."
        ),
    )


class EventCancelForm(StyledForm):
    reason = forms.CharField(
        label=_("Message to those signed up (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuestionForm(StyledForm):
    label = Question._meta.get_field("label").formfield()
    kind = Question._meta.get_field("kind").formfield()
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice: one option per line."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def __init__(self, *args, question: Question | None = None, **kwargs):
        if question is not None:
            kwargs.setdefault(
                "initial",
                {
                    "label": question.label,
                    "kind": question.kind,
                    "choices": "\n".join(question.choices),
                    "required": question.required,
                },
            )
        super().__init__(*args, **kwargs)

    def clean_choices(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        return [line for line in lines if line]

    def clean(self):
        data = super().clean()
        if data.get("kind") == QuestionKind.CHOICE and len(data.get("choices") or []) < 2:
            self.add_error("choices", _("Give at least two choices."))
        return data
