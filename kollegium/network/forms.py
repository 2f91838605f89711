from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from kollegium.core.codes import municipality_choices
from kollegium.core.fast_select import FastSelect
from kollegium.core.forms import StyledForm, StyledFormMixin, StyledModelForm
from kollegium.network.models import CompetenceArea, Garden, Level, NetworkSettings, Person, Role


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class NetworkForm(StyledModelForm):
    class Meta:
        model = NetworkSettings
        fields = ["name", "description", "contact_email", "contact_phone"]


class AreaForm(StyledModelForm):
    class Meta:
        model = CompetenceArea
        fields = ["name", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GardenForm(StyledModelForm):
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    class Meta:
        model = Garden
        fields = ["name", "org_number", "municipality", "website", "description", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", "—"), *municipality_choices()]


class ProfileForm(StyledModelForm):
    name = forms.CharField(label=_("Name"), max_length=150)

    class Meta:
        model = Person
        fields = [
            "name",
            "title",
            "phone",
            "bio",
            "keywords",
            "capacity",
            "show_public",
            "photo",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"keywords": _("Separate with commas, e.g. SkatteFUNN, lean, export.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["name"] = self.instance.user.name
        # Left out of a post (older clients), the capacity stays as it was.
        self.fields["capacity"].required = False

    def clean_capacity(self):
        return self.cleaned_data.get("capacity") or self.instance.capacity


class CompetenceForm(StyledForm):
    area = forms.ModelChoiceField(
        label=_("Competence area"), queryset=CompetenceArea.objects.all(), required=False
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=Level.choices, coerce=int, initial=Level.SOLID
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class BaseCompetenceFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            area = form.cleaned_data.get("area")
            if area is None or form.cleaned_data.get("DELETE"):
                continue
            if area.pk in seen:
                raise forms.ValidationError(_("Each competence area can only be listed once."))
            seen.add(area.pk)


CompetenceFormSet = forms.formset_factory(
    CompetenceForm, formset=BaseCompetenceFormSet, extra=2, can_delete=True, max_num=30
)


class InviteForm(StyledForm):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Name"), max_length=150)
    title = forms.CharField(label=_("Title"), max_length=120, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.ADVISOR, Role.ADVISOR.label), (Role.LEADER, Role.LEADER.label)],
    )


class DirectoryFilterForm(StyledForm):
    q = forms.CharField(label=_("Name or keyword"), required=False)
    garden = forms.ModelChoiceField(
        label=_("Garden"),
        queryset=Garden.objects.all(),
        required=False,
        to_field_name="slug",
        widget=FastSelect,
    )
    area = forms.ModelChoiceField(
        label=_("Competence area"),
        queryset=CompetenceArea.objects.all(),
        required=False,
        to_field_name="slug",
        widget=FastSelect,
    )
    level = forms.TypedChoiceField(
        label=_("At least level"),
        choices=[("", "—"), *Level.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
