from django.db import transaction
from django.utils import timezone as tz

from alongside.lib.errors import Conflict
from alongside.mentorships.models import Mentorship, Status
from alongside.notifications.services import notify
from alongside.people.models import Person


@transaction.atomic
def report_unreachable(*, mentorship: Mentorship, reporter: Person) -> int:
    """Alert the program's admins, once a day per reporter; answers how many were told."""
    if mentorship.status != Status.ACTIVE:
        raise Conflict("This mentorship is not active.", code=f"status_{mentorship.status}")
    today = tz.localdate()
    told = 0
    for admin in mentorship.program.admins.all():
        if notify(
            person=admin,
            kind="unreachable",
            key=f"unreachable:{mentorship.public_id}:{reporter.public_id}:{today}",
            title=f"A member of a pair in {mentorship.program.name} cannot reach their partner",
        ):
            told += 1
    Mentorship.objects.filter(pk=mentorship.pk, at_risk_since__isnull=True).update(
        at_risk_since=tz.now()
    )
    return told
