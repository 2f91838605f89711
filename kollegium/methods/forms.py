"""Forms of the method bank. Validation beyond the fields lives in the services."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from kollegium.core.forms import (
    StyledForm,
    StyledModelForm,
    competence_areas_field,
)
from kollegium.methods.models import (
    Kind,
    Licence,
    Method,
    Pilot,
    Stage,
    Visibility,
)
from kollegium.network.models import CompetenceArea, Garden, Person


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LinksField(forms.CharField):
    """One link a line: the address, then (after a space) an optional title."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value) -> list[tuple[str, str]]:
        links = []
        validate = URLValidator(schemes=["http", "https"])
        for line in (value or "").splitlines():
            url, _space, title = line.strip().partition(" ")
            if not url:
                continue
            try:
                validate(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(url)s” is not a web address (https://…)."),
                    code="invalid_link",
                    params={"url": url[:100]},
                ) from None
            links.append((url, title.strip()[:200]))
        return links

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{url} {title}".strip() for url, title in value)
        return value


class MethodForm(StyledModelForm):
    areas = competence_areas_field()
    contributors = forms.ModelMultipleChoiceField(
        label=_("Contributors"),
        queryset=Person.objects.filter(user__is_active=True)
        .select_related("user", "garden")
        .order_by("user__name"),
        required=False,
        help_text=_("Staff who work on the method. They hear about new comments."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    links = LinksField(
        label=_("Links"),
        required=False,
        help_text=_("One a line: the address, then a title if you like."),
    )

    class Meta:
        model = Method
        fields = ["title", "kind", "summary", "body", "areas", "contributors"]
        fields += ["visibility", "licence"]
        labels = {
            "title": _("Title"),
            "kind": _("Kind"),
            "summary": _("Summary"),
            "body": _("Description"),
            "visibility": _("Who may see it"),
            "licence": _("Licence"),
        }
        help_texts = {
            "summary": _("Two or three sentences: what the method is for and who it helps."),
            "body": _("How to do it, step by step. Markdown: **bold**, lists with -, # headings."),
            "licence": _("Needed when the method is public. CC BY 4.0 lets anyone reuse it."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributors"].label_from_instance = lambda p: f"{p.name} ({p.garden.name})"
        self.fields["licence"].choices = [("", _("No licence")), *Licence.choices]
        if self.instance.pk:
            self.initial["links"] = [(link.url, link.title) for link in self.instance.links.all()]

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.PUBLIC and not data.get("licence"):
            self.add_error("licence", _("A public method needs a licence."))
        return data


class OperatorMethodForm(MethodForm):
    """The operator has no garden: they say which garden owns the new method."""

    owner = forms.ModelChoiceField(
        label=_("Owner garden"), queryset=Garden.objects.order_by("name")
    )


class MethodFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    garden = forms.ModelChoiceField(
        label=_("Garden"),
        queryset=Garden.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All gardens"),
    )
    area = forms.ModelChoiceField(
        label=_("Competence area"),
        queryset=CompetenceArea.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All areas"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )


class MethodListFilterForm(MethodFilterForm):
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )


class LibraryFilterForm(MethodFilterForm):
    """The public library: no filter by garden."""

    garden = None


class MoveForm(StyledForm):
    to = forms.ChoiceField(label=_("Move to"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the method moves. Needed when it goes back to an earlier stage."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(value, Stage(value).label) for value in choices]


class AttachmentForm(StyledForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument or an image."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp"}
        ),
    )


class CommentForm(StyledForm):
    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PilotForm(StyledModelForm):
    class Meta:
        model = Pilot
        fields = ["starts_on", "ends_on", "participants", "context", "event_ref"]
        fields += ["rating", "worked", "to_change", "recommendation"]
        labels = {
            "starts_on": _("From"),
            "ends_on": _("To"),
            "participants": _("Companies or participants"),
            "context": _("Context"),
            "event_ref": _("Linked event (reference)"),
            "rating": _("Rating (1–5)"),
            "worked": _("What worked"),
            "to_change": _("What to change"),
            "recommendation": _("Recommendation"),
        }
        help_texts = {
            "context": _("Where and with whom the method was tried."),
            "rating": _(
                "Fill in rating and recommendation when the pilot is over: then it "
                "counts as completed."
            ),
        }
        widgets = {
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "context": forms.Textarea(attrs={"rows": 3}),
            "worked": forms.Textarea(attrs={"rows": 3}),
            "to_change": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = [
            ("", _("Not yet")),
            *self.fields["recommendation"].choices[1:],
        ]


class OperatorPilotForm(PilotForm):
    garden = forms.ModelChoiceField(label=_("Garden"), queryset=Garden.objects.order_by("name"))


class AdoptionForm(StyledForm):
    adopted_on = forms.DateField(label=_("In use since"), widget=_date_widget())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class OperatorAdoptionForm(AdoptionForm):
    garden = forms.ModelChoiceField(label=_("Garden"), queryset=Garden.objects.order_by("name"))


class PackageImportForm(StyledForm):
    package = forms.FileField(
        label=_("Method package (.zip)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )


class OperatorPackageImportForm(PackageImportForm):
    garden = forms.ModelChoiceField(
        label=_("Into garden"), queryset=Garden.objects.order_by("name")
    )
