from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders every form with Designsystemet's field markup (core/forms/*.html)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


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
