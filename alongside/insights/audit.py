"""The one door through which the console's admin actions reach the audit log
(alongside.people.audit): who, what, which program and pair, when; metadata only."""

from typing import Any

from alongside.mentorships.models import Mentorship
from alongside.people.audit import audit
from alongside.people.models import AuditAction, Person
from alongside.programs.models import Program

ACTIONS = {
    "pair_nudge": AuditAction.NUDGE_SENT,
    "pair_offer_rematch": AuditAction.REMATCH_OFFERED,
    "pair_end": AuditAction.PAIR_ENDED,
    "survey_send": AuditAction.SURVEY_SENT,
    "export": AuditAction.PROGRAM_EXPORTED,
}


def record_admin_action(
    *,
    actor: Person | None,
    program: Program,
    action: str,
    mentorship: Mentorship | None = None,
    **detail: Any,
) -> None:
    facts: dict[str, Any] = dict(detail)
    if mentorship is not None:
        facts["pair"] = str(mentorship.public_id)
    audit(ACTIONS[action], actor=actor, program=program, detail=facts)
