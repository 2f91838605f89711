"""Template filters of the method bank."""

from django import template

from kollegium.core.markdown import render_markdown
from kollegium.methods.models import STAGE_ORDER

register = template.Library()

# Designsystemet colours for the stages, from first idea to shared.
STAGE_COLORS = {
    "collection": "neutral",
    "systematisation": "neutral",
    "development": "info",
    "pilot": "warning",
    "refinement": "warning",
    "implementation": "accent",
    "shared": "success",
}


@register.filter
def markdown(text: str):
    """Markdown written by users, as sanitised HTML (see kollegium.core.markdown)."""
    return render_markdown(text)


@register.filter
def stage_color(stage: str) -> str:
    return STAGE_COLORS.get(stage, "neutral")


@register.filter
def stage_number(stage: str) -> int:
    """1 for collection … 7 for shared."""
    return STAGE_ORDER.index(stage) + 1 if stage in STAGE_ORDER else 0
