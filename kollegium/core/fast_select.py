"""A <select> for long lists of choices (municipalities, industries, gardens) that writes its
options in Python, remembering them between requests.

Django renders every option through its own template include: a filter with 750 industries
and 357 municipalities took most of the company register's time at national scale. The markup
is the same as Django's ``Select`` (flat choices, one selected value).
"""

import threading

from django import forms
from django.utils.html import conditional_escape

# Distinct option lists remembered per process (a list and a language make one).
MEMORY = 64
_options: dict[tuple, str] = {}
_lock = threading.Lock()


def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    with _lock:
        found = _options.get(choices)
    if found is None:
        found = "".join(
            f'\n  <option value="{conditional_escape(value)}">{conditional_escape(label)}</option>'
            for value, label in choices
        )
        with _lock:
            if len(_options) >= MEMORY:
                _options.clear()
            _options[choices] = found
    return found


class FastSelect(forms.Select):
    """``forms.Select`` with the same markup, for flat choices (no option groups)."""

    template_name = "core/forms/fast_select.html"

    def get_context(self, name, value, attrs):
        # Widget's context (name, attrs, the value as a list of strings), not ChoiceWidget's,
        # which builds a dict per option for the template.
        context = forms.Widget.get_context(self, name, value, attrs)
        choices = tuple((str(value), str(label)) for value, label in self.choices)
        html = _options_html(choices)
        wanted = context["widget"]["value"]
        if wanted and wanted[0] is not None:
            option = f'<option value="{conditional_escape(str(wanted[0]))}">'
            html = html.replace(option, option[:-1] + " selected>", 1)
        context["widget"]["options_html"] = html
        return context
