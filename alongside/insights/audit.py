"""The one door through which the console's admin actions reach the audit log.

Until the site-wide audit log lands, the events are rows of insights.AdminAction; switching
means changing this function alone."""

from alongside.insights.models import AdminAction
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person
from alongside.programs.models import Program


def record_admin_action(
    *,
    actor: Person | None,
    program: Program,
    action: str,
    mentorship: Mentorship | None = None,
    detail: str = "",
) -> AdminAction:
    return AdminAction.objects.create(
        actor=actor, program=program, action=action, mentorship=mentorship, detail=detail[:200]
    )
