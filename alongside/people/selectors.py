from django.db.models import Q, QuerySet

from alongside.people.models import Person

PAGE_MAX = 100


def people_search(
    *, q: str = "", skill: str = "", open_to_mentor: bool | None = None
) -> QuerySet[Person]:
    """Active people matching every word of `q` (name, headline, skills, interests)."""
    people = Person.objects.filter(is_active=True)
    for word in q.lower().split()[:8]:
        people = people.filter(search_text__contains=word)
    if skill.strip():
        people = people.filter(skills_text__contains=f"|{' '.join(skill.lower().split())}|")
    if open_to_mentor is not None:
        people = people.filter(open_to_mentor=open_to_mentor)
    return people.filter(~Q(name="")).order_by("name", "pk")
