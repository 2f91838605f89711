from django import forms

from kollegium.core.forms import FIELDSET_TEMPLATE, RadioGroup, StyledForm
from kollegium.notifications.models import Delivery, Kind


class SettingsForm(StyledForm):
    """One choice (at once, daily digest, off) per kind of notification."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=RadioGroup,
                template_name=FIELDSET_TEMPLATE,
            )
