"""Every write to the method bank, one function per use case (keyword-only, atomic, audited)."""

from kollegium.methods.services.attachments import attachment_add, attachment_delete
from kollegium.methods.services.comments import comment_add
from kollegium.methods.services.methods import method_create, method_update
from kollegium.methods.services.pilots import adoption_record, adoption_remove, pilot_save
from kollegium.methods.services.stages import (
    GateMiss,
    GateNotMet,
    StageMoveRefused,
    allowed_moves,
    gate_misses,
    method_move_stage,
)

__all__ = [
    "GateMiss",
    "GateNotMet",
    "StageMoveRefused",
    "adoption_record",
    "adoption_remove",
    "allowed_moves",
    "attachment_add",
    "attachment_delete",
    "comment_add",
    "gate_misses",
    "method_create",
    "method_move_stage",
    "method_update",
    "pilot_save",
]
