"""Pair events go through one door: no code writes the timeline, notifies of a pair event,
moves a pair's clock or makes a celebration by hand. The source is read, and a call
outside the door fails by file and line."""

import re
from pathlib import Path

import alongside

ROOT = Path(alongside.__file__).resolve().parent
DOOR = "mentorships/events.py"

# What may be called only from the door, and where else it may be (its own definition;
# the notifications app, the sweep's reminders in home/sweep.py, the unreachable-partner
# admin alert in mentorships/unreachable.py and a program admin's nudges, re-match offers
# and surveys in insights/services.py, which are not pair events).
GUARDED = {
    "the timeline": (
        re.compile(
            r"(?<!class )\bTimelineItem\s*\(|TimelineItem\.objects\.\w*create|timeline\.record\("
            r"|TimelineItem\.objects\.filter\(.*\)\.delete\("
        ),
        (),
    ),
    "a celebration": (re.compile(r"\bCelebration\.objects\.\w*create"), ()),
    "the pair's clock": (re.compile(r"\bpair_clock_update\s*\("), ("mentorships/clock.py",)),
    "forgetting a notification": (re.compile(r"(?<![\w.])forget_about\s*\("), ("notifications/",)),
    "a notification": (
        re.compile(r"(?<![\w.])(notify|remind)\s*\("),
        (
            "notifications/",
            "home/sweep.py",
            "mentorships/unreachable.py",
            "insights/services.py",
        ),
    ),
}


def violations(root: Path) -> list[str]:
    """`file:line: what` for each call outside the door, tests and migrations aside."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == DOOR or "/tests/" in f"/{name}" or "/migrations/" in f"/{name}":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            code = line.split("#", 1)[0]
            for what, (pattern, allowed) in GUARDED.items():
                if pattern.search(code) and not name.startswith(allowed or ("\0",)):
                    if what == "a notification" and re.search(r"def (notify|remind)\s*\(", code):
                        continue
                    found.append(f"{name}:{number}: {what} outside the door: {line.strip()}")
    return found


def test_no_call_to_the_timeline_notifications_or_clocks_outside_the_event_door():
    found = violations(ROOT)
    assert not found, "use mentorships.events.pair_event:\n" + "\n".join(found)


def test_the_check_names_the_file_and_line_of_a_call_outside_the_door(tmp_path):
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "services.py").write_text(
        "from x import notify\n\n"
        "def f(m):\n"
        "    pair_clock_update(m)  # moves the clock by hand\n"
        "    TimelineItem.objects.create(mentorship=m)\n"
        "    Celebration.objects.get_or_create(mentorship=m)\n"
        "    notify(person=m.mentor)\n"
        "    services.notify(person=m.mentor)  # another function of that name: fine\n"
    )
    (tmp_path / "goals" / "tests").mkdir()
    (tmp_path / "goals" / "tests" / "test_x.py").write_text("pair_clock_update(m)\n")
    assert [v.split(" outside")[0] for v in violations(tmp_path)] == [
        "goals/services.py:4: the pair's clock",
        "goals/services.py:5: the timeline",
        "goals/services.py:6: a celebration",
        "goals/services.py:7: a notification",
    ]
