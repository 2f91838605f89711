"""The method bank's data: methods and their lifecycle, discussion, pilots and adoption."""

from kollegium.methods.models.discussion import Comment
from kollegium.methods.models.methods import (
    STAGE_ORDER,
    Attachment,
    Kind,
    Licence,
    Method,
    MethodLink,
    MethodVersion,
    Stage,
    StageMove,
    Visibility,
)
from kollegium.methods.models.pilots import Adoption, Pilot, Recommendation

__all__ = [
    "STAGE_ORDER",
    "Adoption",
    "Attachment",
    "Comment",
    "Kind",
    "Licence",
    "Method",
    "MethodLink",
    "MethodVersion",
    "Pilot",
    "Recommendation",
    "Stage",
    "StageMove",
    "Visibility",
]
