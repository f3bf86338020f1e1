"""The matching pages of a program's console, as its admin: start a run, read it, open a
pair's explanation, lock, swap, re-run and publish; members are refused, outsiders 404."""

import re

import pytest
from django.test import override_settings
from django.utils.html import escape

from alongside.matching.models import MatchingRun, RunPair
from alongside.matching.tests.conftest import import_rows
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person
from conftest import page_client

pytestmark = pytest.mark.django_db

FORM = {
    **{
        f"weight_{n}": "1" for n in ("skills", "text", "timezone", "language", "seniority", "picks")
    },
    "floor": "0",
}


def matching(program):
    return f"/programs/{program.public_id}/matching/"


def run_page(run):
    return f"/programs/{run.program.public_id}/matching/{run.public_id}/"


def started(client, program, **form):
    response = client.post(matching(program), {**FORM, **form})
    assert response.status_code == 302, response.content[:2000]
    run = MatchingRun.objects.latest("created_at")
    assert response["Location"] == run_page(run)
    return run


def test_the_programs_page_links_to_matching(program_admin, cohort):
    page = page_client(program_admin).get(f"/programs/{cohort.public_id}/").content.decode()
    assert f'href="{matching(cohort)}"' in page


def test_the_admin_starts_a_run_and_reads_its_pairs_and_totals(program_admin, cohort):
    client = page_client(program_admin)
    assert "No run yet" in client.get(matching(cohort)).content.decode()
    run = started(client, cohort, weight_timezone="0", fairness="on")
    assert (run.fairness, run.weights["timezone"], run.status) == (True, 0.0, "done")
    page = client.get(run_page(run)).content.decode()
    assert "Matched</dt><dd>4 mentees" in page
    assert "both speak Spanish" in page  # Omar and Sofia's explanation
    assert "Publish 4 pairs" in page
    listed = client.get(matching(cohort)).content.decode()
    assert run_page(run) in listed


def test_a_bad_form_says_what_to_fix(program_admin, cohort):
    response = page_client(program_admin).post(matching(cohort), {**FORM, "floor": "2"})
    assert response.status_code == 400
    assert "less than or equal to 1" in response.content.decode()
    assert not MatchingRun.objects.exists()


def test_all_weights_zero_is_refused_beside_the_form(program_admin, cohort):
    zero = {k: "0" for k in FORM if k.startswith("weight_")}
    response = page_client(program_admin).post(matching(cohort), {**FORM, **zero})
    assert response.status_code == 400
    assert "at least one factor a weight above 0" in response.content.decode()


def test_a_pairs_page_explains_it_factor_by_factor_and_offers_others(program_admin, cohort, mentee):
    client = page_client(program_admin)
    run = started(client, cohort)
    page = client.get(f"{run_page(run)}pairs/{mentee.public_id}/").content.decode()
    assert "Why this pair" in page
    assert "Skills wanted vs offered" in page
    assert "Lock this pair" in page
    pair = RunPair.objects.get(run=run, mentee=mentee)
    assert escape(pair.explanation) in page


def test_the_admin_locks_a_pair_and_a_rerun_keeps_it(program_admin, cohort):
    client = page_client(program_admin)
    run = started(client, cohort)
    omar = Person.objects.get(email="omar@example.org")
    response = client.post(f"{run_page(run)}pairs/{omar.public_id}/lock/")
    assert response.status_code == 302
    assert RunPair.objects.get(run=run, mentee=omar).locked
    response = client.post(f"{run_page(run)}rerun/")
    new = MatchingRun.objects.latest("created_at")
    assert response["Location"] == run_page(new)
    assert new.rerun_of == run
    kept = RunPair.objects.get(run=new, mentee=omar)
    assert kept.locked and kept.mentor.email == "sofia@example.org"
    assert "re-run of" in client.get(run_page(new)).content.decode()


def test_the_admin_swaps_a_mentor_from_the_pairs_page(program_admin, cohort, mentee):
    client = page_client(program_admin)
    run = started(client, cohort)
    import_rows(
        cohort,
        program_admin,
        ["juan@example.org,Juan Gil,mentor,3,,public speaking,Talks,,UTC,,6,"],
    )
    juan = Person.objects.get(email="juan@example.org")
    page = client.get(f"{run_page(run)}pairs/{mentee.public_id}/").content.decode()
    assert "Choose Juan Gil" in page
    response = client.post(
        f"{run_page(run)}pairs/{mentee.public_id}/swap/", {"mentor": str(juan.public_id)}
    )
    assert response.status_code == 302
    pair = RunPair.objects.get(run=run, mentee=mentee)
    assert (pair.mentor, pair.locked, pair.swapped) == (juan, True, True)


def test_a_swap_the_run_has_no_place_for_comes_back_with_the_reason(program_admin, cohort, mentee):
    client = page_client(program_admin)
    run = started(client, cohort)
    sofia = Person.objects.get(email="sofia@example.org")
    response = client.post(
        f"{run_page(run)}pairs/{mentee.public_id}/swap/",
        {"mentor": str(sofia.public_id)},
        follow=True,
    )
    assert "Sofia Ruiz has no place left in this run" in response.content.decode()


def test_the_admin_publishes_and_the_pairs_are_proposed(program_admin, cohort):
    client = page_client(program_admin)
    run = started(client, cohort)
    response = client.post(f"{run_page(run)}publish/", follow=True)
    assert "Published" in response.content.decode()
    assert Mentorship.objects.filter(program=cohort, status="proposed").count() == 4
    again = client.post(f"{run_page(run)}publish/", follow=True).content.decode()
    assert "only a finished run that was not published yet can be published" in again


@override_settings(MATCHING_INLINE_MENTEES=1)
def test_a_queued_run_shows_its_progress_and_a_refresh(program_admin, cohort):
    client = page_client(program_admin)
    run = started(client, cohort)
    assert run.status == "queued"
    page = client.get(run_page(run)).content.decode()
    assert "Waiting for the worker" in page
    assert "Refresh" in page and 'role="status"' in page
    from conftest import deliver_mail

    deliver_mail()
    page = client.get(run_page(run)).content.decode()
    assert "Refresh" not in page and "Matched</dt><dd>4 mentees" in page


@pytest.mark.parametrize(("who", "status"), [("mentee", 403), ("mentor", 403), ("outsider", 404)])
def test_members_are_refused_and_outsiders_see_nothing(program_admin, cohort, request, who, status):
    run = started(page_client(program_admin), cohort)
    client = page_client(request.getfixturevalue(who))
    assert client.get(matching(cohort)).status_code == status
    assert client.get(run_page(run)).status_code == status
    assert client.post(f"{run_page(run)}publish/").status_code == status
    assert run.pairs.filter(mentorship__isnull=False).count() == 0


def test_the_pairs_and_the_unmatched_each_have_their_own_pages(program_admin, cohort, monkeypatch):
    from alongside.matching import views

    monkeypatch.setattr(views, "PAIRS_PER_PAGE", 1)
    import_rows(
        cohort,
        program_admin,
        [f"nia{i}@example.org,Nia {i},mentee,,design,,Ship,,UTC,English,1," for i in range(2)],
    )
    client = page_client(program_admin)
    run = started(client, cohort)
    html = client.get(f"{run_page(run)}?page=2&upage=2").content.decode()
    navs = [
        " ".join(nav.split()) for nav in re.findall(r"<nav class=.pagination.*?</nav>", html, re.S)
    ]
    assert navs == [
        '<nav class="pagination" aria-label="Pages of pairs">'
        ' <a href="?page=1#pairs" rel="prev">Previous</a> <span>Page 2 of 4</span>'
        ' <a href="?page=3#pairs" rel="next">Next</a> </nav>',
        '<nav class="pagination" aria-label="Pages of unmatched mentees">'
        ' <a href="?upage=1#unmatched" rel="prev">Previous</a> <span>Page 2 of 2</span> </nav>',
    ]
