"""The growth numbers on a hand-made history: six months of check-ins, goals, milestones
and meetings, compared with what a person would count by hand."""

import datetime as dt

from django.utils import timezone as tz

from alongside.growth.selectors import growth_for


def test_first_latest_and_change_per_skill_since_the_start(history):
    g = growth_for(history)
    found = {s.skill: (s.first, s.latest, s.change, len(s.series)) for s in g.skills}
    assert found == {"Negotiation": (3, 4, 1, 3), "Public speaking": (1, 5, 4, 6)}


def test_the_series_is_in_date_order(history):
    g = growth_for(history)
    speaking = next(s for s in g.skills if s.skill == "Public speaking")
    assert [level for _, level in speaking.series] == [1, 2, 2, 3, 4, 5]
    dates = [d for d, _ in speaking.series]
    assert dates == sorted(dates)


def test_the_last_six_months_window_drops_older_ratings(history):
    g = growth_for(history, since=tz.localdate() - dt.timedelta(days=90))
    found = {s.skill: (s.first, s.latest, s.change) for s in g.skills}
    assert found == {"Public speaking": (3, 5, 2), "Negotiation": (4, 4, 0)}
    assert g.then.wins == "Ran the retro"
    assert g.now.wins == "Spoke at the meetup"


def test_then_and_now_put_the_earliest_words_beside_the_latest(history):
    g = growth_for(history)
    assert (g.then.wins, g.then.feeling) == ("Joined the team", 2)
    assert (g.now.wins, g.now.feeling) == ("Spoke at the meetup", 5)


def test_goals_milestones_and_meetings_are_counted_by_month(history):
    g = growth_for(history)
    assert g.totals == {
        "checkins": 6,
        "goals_achieved": 1,
        "milestones_completed": 3,
        "meetings_held": 6,
    }
    assert sum(n for _, n in g.milestones_completed) == 3
    assert sum(n for _, n in g.meetings_held) == 6  # the cancelled one is not held
    assert sum(n for _, n in g.goals_achieved) == 1
    assert len(g.meetings_held) in (6, 7)  # every month of the period, even empty ones
    assert [m for m, _ in g.meetings_held] == sorted(m for m, _ in g.meetings_held)


def test_the_api_answers_the_same_numbers(history, mentor, api_as):
    body = api_as(mentor).get(f"/mentorships/{history.public_id}/growth").json()
    speaking = next(s for s in body["skills"] if s["skill"] == "Public speaking")
    assert (speaking["first"], speaking["latest"], speaking["change"]) == (1, 5, 4)
    assert len(speaking["series"]) == 6
    assert body["then"]["wins"] == "Joined the team"
    since = str(tz.localdate() - dt.timedelta(days=90))
    body = api_as(mentor).get(f"/mentorships/{history.public_id}/growth?since={since}").json()
    assert next(s for s in body["skills"] if s["skill"] == "Public speaking")["first"] == 3


def test_the_demo_pair_has_six_months_of_growth_once(db):
    from alongside.demo import load_demo
    from alongside.mentorships.models import Mentorship, TimelineItem

    load_demo()
    load_demo()
    (pair,) = Mentorship.objects.filter(mentee__email="ada@demo.alongside.test")
    g = growth_for(pair)
    speaking = next(s for s in g.skills if s.skill == "Public speaking")
    assert (speaking.first, speaking.latest) == (1, 4)
    assert g.totals["meetings_held"] >= 12
    assert (tz.now() - pair.started_at).days >= 180
    assert TimelineItem.objects.filter(mentorship=pair).count() > 20
    assert not TimelineItem.objects.filter(mentorship=pair, at__gt=tz.now()).exists()
