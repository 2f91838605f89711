"""Forms of the collaboration pages: projects, work sessions, agenda, decisions, actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kollegium.collaboration import selectors
from kollegium.collaboration.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Answer,
    Project,
    SessionStatus,
    WorkSession,
)
from kollegium.core.forms import FIELDSET_TEMPLATE, CheckboxGroup, RadioGroup, StyledForm
from kollegium.methods.forms import LinksField
from kollegium.methods.selectors import visible_methods
from kollegium.network.models import Garden, Person

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datetime_widget():
    # The browser's own date-time picker; the value is Norwegian local time.
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.garden.name})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.garden.name})"


def _staff():
    return (
        Person.objects.filter(user__is_active=True)
        .select_related("user", "garden")
        .order_by("user__name", "pk")
    )


def _field(model, name: str, **kwargs):
    """The form field of model.<name>, with the model's label, limits and choices."""
    return model._meta.get_field(name).formfield(**kwargs)


def _gardens_field(**kwargs):
    return forms.ModelMultipleChoiceField(
        label=_("Participating gardens"),
        queryset=Garden.objects.order_by("name"),
        widget=CheckboxGroup,
        template_name=FIELDSET_TEMPLATE,
        **kwargs,
    )


class ProjectForm(StyledForm):
    name = _field(Project, "name")
    description = _field(Project, "description", widget=forms.Textarea(attrs={"rows": 4}))
    goals = _field(Project, "goals", widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = _field(Project, "starts_on", widget=_date_widget())
    ends_on = _field(Project, "ends_on", widget=_date_widget())
    funding_note = _field(Project, "funding_note", widget=forms.Textarea(attrs={"rows": 2}))
    status = _field(Project, "status")
    links = LinksField(
        label=_("Links"),
        required=False,
        help_text=_("One a line: the address, then a title if you like."),
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Events"),
        queryset=selectors.linkable_events(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    methods = forms.ModelMultipleChoiceField(
        label=_("Methods"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only methods the editor may see can be linked.
        self.fields["methods"].queryset = visible_methods(user).order_by("title", "pk")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data


class ProjectCreateForm(ProjectForm):
    gardens = _gardens_field()
    leader = PersonChoiceField(
        label=_("Project leader"),
        queryset=_staff(),
        required=False,
        help_text=_("You, unless you choose someone else."),
    )


class MembersForm(StyledForm):
    gardens = _gardens_field()
    leader = PersonChoiceField(label=_("Project leader"), queryset=_staff())


class FileForm(StyledForm):
    file = forms.FileField(label=_("File"))


class SessionForm(StyledForm):
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.order_by("name"),
        required=False,
        help_text=_("Leave empty for a session outside any project."),
    )
    title = _field(WorkSession, "title")
    purpose = _field(WorkSession, "purpose", widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=_datetime_widget())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=_datetime_widget())
    place = _field(WorkSession, "place")
    online_url = _field(WorkSession, "online_url")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return data


class SessionEditForm(SessionForm):
    status = forms.ChoiceField(label=_("Status"), choices=SessionStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Moving a session between projects is not offered: its actions follow the project.
        del self.fields["project"]


class InviteForm(StyledForm):
    gardens = forms.ModelMultipleChoiceField(
        label=_("All staff of these gardens"),
        queryset=Garden.objects.order_by("name"),
        required=False,
        widget=CheckboxGroup,
        template_name=FIELDSET_TEMPLATE,
    )
    people = PeopleChoiceField(
        label=_("And these people"),
        queryset=_staff(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def invitees(self) -> list[Person]:
        chosen = list(self.cleaned_data.get("people") or [])
        gardens = self.cleaned_data.get("gardens")
        if gardens:
            chosen += list(_staff().filter(garden__in=gardens))
        return chosen

    def clean(self):
        data = super().clean()
        if not data.get("gardens") and not data.get("people"):
            raise forms.ValidationError(_("Choose whom to invite."))
        return data


class AnswerForm(StyledForm):
    answer = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=[
            (Answer.COMING, Answer.COMING.label),
            (Answer.NOT_COMING, Answer.NOT_COMING.label),
        ],
        widget=RadioGroup,
        template_name=FIELDSET_TEMPLATE,
    )


class AgendaItemForm(StyledForm):
    title = _field(AgendaItem, "title")
    owner = PersonChoiceField(label=_("Responsible"), queryset=_staff(), required=False)
    minutes_allotted = forms.IntegerField(
        label=_("Minutes allotted"), min_value=1, max_value=600, required=False
    )
    minutes = _field(AgendaItem, "minutes", widget=forms.Textarea(attrs={"rows": 5}))


class DecisionForm(StyledForm):
    text = forms.CharField(
        label=_("Decision"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None:
            self.fields["agenda_item"].queryset = session.agenda.order_by("position", "pk")


class ActionForm(StyledForm):
    what = _field(ActionItem, "what")
    owner = PersonChoiceField(label=_("Responsible"), queryset=_staff())
    due_on = forms.DateField(label=_("Due"), required=False, widget=_date_widget())
    method = forms.ModelChoiceField(
        label=_("Produced the method"), queryset=Person.objects.none(), required=False
    )
    event = forms.ModelChoiceField(
        label=_("Produced the event"), queryset=selectors.linkable_events(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = visible_methods(user).order_by("title", "pk")


class ActionEditForm(ActionForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
