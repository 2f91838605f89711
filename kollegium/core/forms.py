from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from kollegium.network.models import CompetenceArea


class FormRenderer(TemplatesSetting):
    """Renders every form with Designsystemet's field markup (core/forms/*.html)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


# A field whose widget is a group of inputs renders as a fieldset with a legend.
FIELDSET_TEMPLATE = "core/forms/fieldset.html"


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes in Designsystemet's markup (input, then its label, in a ds-field)."""

    template_name = "core/forms/checkbox_group.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "ds-input", **(attrs or {})}, choices)


class RadioGroup(forms.RadioSelect):
    """Radio buttons in the same markup as CheckboxGroup."""

    template_name = "core/forms/checkbox_group.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "ds-input", **(attrs or {})}, choices)


def competence_areas_field() -> forms.ModelMultipleChoiceField:
    """The network's competence areas as a group of checkboxes (needs, events, methods)."""
    return forms.ModelMultipleChoiceField(
        label=_("Competence areas"),
        queryset=CompetenceArea.objects.order_by("name"),
        required=False,
        widget=CheckboxGroup,
        template_name=FIELDSET_TEMPLATE,
    )


class StyledFormMixin:
    """Adds Designsystemet classes to widgets; Django itself ties errors to their inputs."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "ds-input"
            if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            field.widget.attrs.setdefault("class", css)


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass
