"""Pairing inside a program: the rows of the program rules."""

from dataclasses import dataclass

from .rows import CONFLICT, FORBIDDEN, HIDDEN, MENTOR_ONLY, OK, UNAUTH, Row

# Pairing inside a program, as each persona: the mentee and the mentor are enrolled in their
# roles, the admin runs the program without being enrolled, the outsider was never invited.
# For a request, the owner (the mentee) asks the mentor, the other (the mentor) offers to
# mentor the mentee, the admin and the outsider ask the mentor. For an answer, the owner is
# the mentor who was asked.


@dataclass(frozen=True)
class ProgramRow:
    call: str  # "request" or "accept"
    enrollment: str  # the program's enrollment mode
    matching: str  # the program's matching mode
    row: Row


PROGRAM_RULES: dict[str, ProgramRow] = {
    "request in the Community program": ProgramRow(
        "request", "open", "mentee_choice", Row(UNAUTH, OK, OK, OK, OK)
    ),
    "request in an open program where admins match": ProgramRow(
        "request", "open", "admin", Row(UNAUTH, CONFLICT, CONFLICT, CONFLICT, CONFLICT)
    ),
    "request in an invite-only program where mentees choose": ProgramRow(
        "request", "invite", "mentee_choice", Row(UNAUTH, HIDDEN, OK, CONFLICT, OK)
    ),
    "request in an import-only program where both match": ProgramRow(
        "request", "import", "both", Row(UNAUTH, HIDDEN, OK, CONFLICT, OK)
    ),
    "request in an invite-only program where admins match": ProgramRow(
        "request", "invite", "admin", Row(UNAUTH, HIDDEN, CONFLICT, CONFLICT, CONFLICT)
    ),
    "accept in an invite-only program where mentees choose": ProgramRow(
        "accept", "invite", "mentee_choice", MENTOR_ONLY.but(state="requested")
    ),
    # A request left from before the program was admin-matched is not accepted.
    "accept in an invite-only program where admins match": ProgramRow(
        "accept",
        "invite",
        "admin",
        Row(UNAUTH, HIDDEN, FORBIDDEN, HIDDEN, CONFLICT, owner_is="mentor", state="requested"),
    ),
}
