from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders every form with Designsystemet's field markup (core/forms/*.html)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class StyledFormMixin:
    """Adds Designsystemet classes to widgets and ties error messages to their inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "ds-input"
            if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            field.widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass
