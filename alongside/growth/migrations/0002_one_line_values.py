"""Fold stored single-line values into one line.

Before titles, names and places had to be one line, `PATCH /meetings/{id}` saved
"Poison\\nline"; such a row broke the .ics, the cancel email and the reminder sweep. The
writes now refuse such values; this folds the rows written before (line breaks and
controls become spaces, text-direction overrides go). It lives in growth, the highest
app with migrations, because it touches the apps below it; it reads only the rows that
need it, except people, whose lists of skills are read in chunks.
"""

from typing import Any

from django.db import migrations

from alongside.lib.text import fold_one_line, one_line_problem

# app label, model, single-line text columns
COLUMNS = [
    ("programs", "Program", ["name"]),
    ("people", "ApiToken", ["name"]),
    ("notifications", "Notification", ["title"]),
    ("mentorships", "Celebration", ["title"]),
    ("goals", "Goal", ["title"]),
    ("goals", "Milestone", ["title"]),
    ("meetings", "Meeting", ["title", "place"]),
    ("meetings", "AgendaItem", ["text"]),
    ("meetings", "ActionItem", ["text"]),
    ("growth", "SkillRating", ["skill"]),
    ("growth", "Resource", ["title", "url"]),
    ("growth", "TimelineItem", ["summary"]),
]
# No NUL: PostgreSQL cannot hold it, and a pattern holding one would not even be sent.
PATTERN = "[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
LISTS = ("skills", "interests", "languages")


def _bad(value: str) -> bool:
    return one_line_problem(value, field="x") is not None


def fold(apps: Any, schema_editor: Any) -> None:
    for app, model_name, fields in COLUMNS:
        model = apps.get_model(app, model_name)
        for field in fields:
            for pk, value in model.objects.filter(**{f"{field}__regex": PATTERN}).values_list(
                "pk", field
            ):
                model.objects.filter(pk=pk).update(**{field: fold_one_line(value)})
    person_model = apps.get_model("people", "Person")
    people = person_model.objects.only("pk", "name", "headline", *LISTS)
    for person in people.iterator(chunk_size=2000):
        lists = {f: [str(v) for v in getattr(person, f) or []] for f in LISTS}
        if not any(_bad(v) for v in [person.name, person.headline, *sum(lists.values(), [])]):
            continue
        name, headline = fold_one_line(person.name), fold_one_line(person.headline)
        lists = {f: [fold_one_line(v) for v in values] for f, values in lists.items()}
        # The derived search columns, as Person.save() computes them (the historical model
        # has no save() of ours).
        search_text = " | ".join([name, headline, *lists["skills"], *lists["interests"]]).lower()
        skills_text = "|" + "|".join(s.lower() for s in lists["skills"]) + "|"
        person_model.objects.filter(pk=person.pk).update(
            name=name,
            headline=headline,
            search_text=search_text,
            skills_text=skills_text,
            **lists,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("growth", "0001_initial"),
        ("people", "0002_tokens_expire_and_rate_counters"),
        ("programs", "0002_community"),
        ("notifications", "0001_initial"),
        ("mentorships", "0004_pair_key"),
        ("goals", "0001_initial"),
        ("meetings", "0002_prompts"),
    ]

    operations = [migrations.RunPython(fold, migrations.RunPython.noop)]
