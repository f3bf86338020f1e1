"""Matching runs over the API: run, read, review, re-run and publish, as each persona."""

import pytest
from django.core import mail
from django.test import override_settings

from alongside.matching.models import MatchingRun, RunPair, RunUnmatched
from alongside.matching.tests.conftest import import_rows
from alongside.mentorships.models import Mentorship
from alongside.people.models import Person

pytestmark = pytest.mark.django_db


JUAN_SPEAKS = "juan@example.org,Juan Gil,mentor,3,,public speaking,Talks,,America/New_York,,6,"


def runs(program):
    return f"/programs/{program.public_id}/matching/runs"


def start(api, program, body=None):
    response = api.post(runs(program), body or {})
    assert response.status_code == 201, response.content
    return response.json()


def pairs_of(api, program, run_id, **query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    response = api.get(f"{runs(program)}/{run_id}/pairs?{qs}")
    assert response.status_code == 200, response.content
    return response.json()


def by_mentee(items):
    return {Person.objects.get(public_id=i["mentee_id"]).email: i for i in items}


# --- Running --------------------------------------------------------------------------


def test_the_admin_runs_matching_and_gets_the_saved_run(api_as, program_admin, cohort):
    body = start(api_as(program_admin), cohort)
    assert body["status"] == "done"
    assert body["progress"] == 100
    assert body["totals"]["matched"] == 4  # Ada, Lena, Omar, Kim; 4 places in all
    assert body["totals"]["unmatched"] == 0
    assert 0 < body["totals"]["min_score"] <= body["totals"]["mean_score"] <= 1
    assert body["weights"] == dict.fromkeys(
        ["language", "skills", "text", "timezone", "seniority", "picks"], 1.0
    )
    assert set(body["timings"]) >= {"load_seconds", "solve_seconds", "save_seconds", "cpu_seconds"}
    run = MatchingRun.objects.get(public_id=body["id"])
    assert run.pairs.count() == 4


def test_each_pair_has_its_score_by_factor_and_in_words(api_as, program_admin, cohort):
    api = api_as(program_admin)
    run = start(api, cohort)
    page = pairs_of(api, cohort, run["id"])
    assert page["count"] == 4
    pairs = by_mentee(page["items"])
    omar = pairs["omar@example.org"]
    assert Person.objects.get(public_id=omar["mentor_id"]).email == "sofia@example.org"
    assert omar["factors"]["skills"] == 1.0
    assert "both speak Spanish" in omar["explanation"]
    assert "2 of 2 wanted skills (sales, hiring)" in omar["explanation"]
    assert pairs["ada@example.org"]["mentor"]["name"] == "Grace Mentor"
    scores = [p["score"] for p in page["items"]]
    assert scores == sorted(scores, reverse=True)


def test_pairs_are_paginated(api_as, program_admin, cohort):
    api = api_as(program_admin)
    run = start(api, cohort)
    first = pairs_of(api, cohort, run["id"], limit=3, offset=0)
    rest = pairs_of(api, cohort, run["id"], limit=3, offset=3)
    assert (first["count"], len(first["items"]), len(rest["items"])) == (4, 3, 1)


def add_zoe(cohort, program_admin):
    """Zoe, a mentee of the cohort whom no mentor's places reach."""
    import_rows(
        cohort,
        program_admin,
        ["zoe@example.org,Zoe Quinn,mentee,,finance,,Learn finance,,UTC,English,1,ops"],
    )


def test_a_mentee_beyond_every_places_is_unmatched_with_the_reason(api_as, program_admin, cohort):
    add_zoe(cohort, program_admin)
    api = api_as(program_admin)
    run = start(api, cohort)
    assert run["totals"] == {**run["totals"], "matched": 4, "unmatched": 1}
    unmatched = api.get(f"{runs(cohort)}/{run['id']}/unmatched").json()
    assert unmatched["count"] == 1
    assert unmatched["items"][0]["reason"] == "all fitting mentors are at capacity"


def test_a_floor_leaves_weak_pairs_unmatched_with_the_reason(api_as, program_admin, cohort):
    api = api_as(program_admin)
    run = start(api, cohort, {"floor": 0.99})
    assert run["totals"]["matched"] == 0
    reasons = [
        u["reason"] for u in api.get(f"{runs(cohort)}/{run['id']}/unmatched").json()["items"]
    ]
    assert len(reasons) == 4
    assert all(
        r.startswith("best score ") and r.endswith("is below the floor 0.99") for r in reasons
    )


def test_the_program_rules_hold_in_a_run(api_as, program_admin, cohort):
    cohort.require_shared_language = True
    cohort.save()
    api = api_as(program_admin)
    run = start(api, cohort)
    assert run["rules"]["require_shared_language"] is True
    for pair in pairs_of(api, cohort, run["id"])["items"]:
        assert "no shared language" not in pair["explanation"]


def test_mentors_capacity_counts_their_pairs_already_proposed_in_the_program(
    api_as, program_admin, cohort, mentor
):
    from alongside.mentorships.services import mentorship_propose

    lena = Person.objects.get(email="lena@example.org")
    mentorship_propose(program=cohort, mentor=mentor, mentee=lena, proposer=program_admin)
    run = start(api_as(program_admin), cohort)
    # Lena is paired already; Grace's one place is taken by her.
    assert not RunPair.objects.filter(run__public_id=run["id"], mentee=lena).exists()
    assert not RunPair.objects.filter(run__public_id=run["id"], mentor=mentor).exists()
    assert run["timings"]["already_paired"] == 1


def test_a_pair_that_was_paired_before_is_never_matched_again(
    api_as, program_admin, cohort, mentee, mentor
):
    from alongside.mentorships.services import mentorship_decline, mentorship_propose

    proposed = mentorship_propose(program=cohort, mentor=mentor, mentee=mentee, proposer=None)
    mentorship_decline(mentorship=proposed, actor=mentee, reason="Not now")
    run = start(api_as(program_admin), cohort)
    assert not RunPair.objects.filter(
        run__public_id=run["id"], mentee=mentee, mentor=mentor
    ).exists()


def test_locked_pairs_stay(api_as, program_admin, cohort, mentee):
    kim = Person.objects.get(email="kim@example.org")
    sofia = Person.objects.get(email="sofia@example.org")
    api = api_as(program_admin)
    run = start(
        api,
        cohort,
        {"locked": [{"mentee_id": str(kim.public_id), "mentor_id": str(sofia.public_id)}]},
    )
    pairs = by_mentee(pairs_of(api, cohort, run["id"])["items"])
    assert pairs["kim@example.org"]["mentor"]["name"] == "Sofia Ruiz"
    assert pairs["kim@example.org"]["locked"] is True
    assert pairs["kim@example.org"]["explanation"].startswith("locked by the admin")
    assert run["locked"] == 1


def test_fairness_mode_lowest_pair_is_at_least_the_plain_modes(api_as, program_admin, cohort):
    api = api_as(program_admin)
    plain = start(api, cohort)
    fair = start(api, cohort, {"fairness": True})
    assert fair["fairness"] is True
    assert fair["totals"]["min_score"] >= plain["totals"]["min_score"] - 1e-9


@override_settings(MATCHING_INLINE_MENTEES=2)
def test_a_large_run_is_queued_for_the_worker_and_finished_there(api_as, program_admin, cohort):
    api = api_as(program_admin)
    client = api.client
    response = client.post(
        "/api/v1" + runs(cohort), data="{}", content_type="application/json", headers=api.headers
    )
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    run_id = response.json()["id"]
    from conftest import deliver_mail

    deliver_mail()  # the worker runs the queued task
    body = api.get(f"{runs(cohort)}/{run_id}").json()
    assert (body["status"], body["progress"], body["totals"]["matched"]) == ("done", 100, 4)


def test_a_run_is_claimed_once_whatever_the_number_of_workers(program_admin, cohort):
    from alongside.matching.services import run_execute

    run = MatchingRun.objects.create(program=cohort, created_by=program_admin, weights={})
    assert run_execute(run_id=run.pk) is not None
    assert run_execute(run_id=run.pk) is None
    assert RunPair.objects.filter(run=run).count() == 4


def test_the_list_of_runs_is_the_newest_first(api_as, program_admin, cohort):
    api = api_as(program_admin)
    first = start(api, cohort)
    second = start(api, cohort, {"fairness": True})
    listed = api.get(runs(cohort)).json()
    assert listed["count"] == 2
    assert [r["id"] for r in listed["items"]] == [second["id"], first["id"]]


def test_staff_may_run_any_program(api_as, staff, cohort):
    assert start(api_as(staff), cohort)["status"] == "done"


# --- Who may ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 404), ("mentee", 403), ("mentor", 403), (None, 401)]
)
def test_only_the_programs_admins_run_and_read_its_runs(
    api_as, program_admin, cohort, request, who, status
):
    person = request.getfixturevalue(who) if who else None
    run = start(api_as(program_admin), cohort)
    api = api_as(person)
    assert api.post(runs(cohort), {}).status_code == status
    assert api.get(runs(cohort)).status_code == status
    assert api.get(f"{runs(cohort)}/{run['id']}").status_code == status
    assert api.get(f"{runs(cohort)}/{run['id']}/pairs").status_code == status
    assert api.post(f"{runs(cohort)}/{run['id']}/publish", {}).status_code == status
    assert MatchingRun.objects.count() == 1


def test_a_run_of_another_program_is_a_404(api_as, program_admin, cohort):
    from alongside.programs.models import Program

    other = Program.objects.create(slug="other", name="Other", enrollment="invite")
    other.admins.add(program_admin)
    run = start(api_as(program_admin), cohort)
    assert api_as(program_admin).get(f"{runs(other)}/{run['id']}").status_code == 404


# --- Hostile input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"weights": {"charm": 2}}, "weights", "Unknown factor 'charm'"),
        ({"weights": {"skills": -1}}, "weights", "from 0 to 100"),
        ({"weights": {"skills": 1000}}, "weights", "from 0 to 100"),
        ({"weights": {"skills": "lots"}}, "weights.skills", "number"),
        (
            {
                "weights": dict.fromkeys(
                    ["language", "skills", "text", "timezone", "seniority", "picks"], 0
                )
            },
            "weights",
            "above 0",
        ),
        ({"floor": 1.5}, "floor", "less than or equal to 1"),
        ({"floor": -0.1}, "floor", "greater than or equal to 0"),
        ({"fairness": "yes"}, "fairness", "boolean"),
        ({"colour": "blue"}, "colour", "not accepted"),
        ({"locked": [{"mentee_id": "nope", "mentor_id": "nope"}]}, "locked.0.mentee_id", "UUID"),
        ({"locked": "all"}, "locked", "list"),
    ],
)
def test_bad_parameters_are_a_422_that_says_what_to_fix(
    api_as, program_admin, cohort, body, field, says
):
    response = api_as(program_admin).post(runs(cohort), body)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["field"] == field and says in e["message"] for e in errors), errors
    assert MatchingRun.objects.count() == 0


def test_a_nan_weight_is_refused(api_as, program_admin, cohort):
    response = api_as(program_admin).post(runs(cohort), raw='{"weights": {"skills": NaN}}')
    assert response.status_code == 422, response.content


def test_a_lock_naming_someone_not_enrolled_is_a_422(
    api_as, program_admin, cohort, outsider, mentor
):
    response = api_as(program_admin).post(
        runs(cohort),
        {"locked": [{"mentee_id": str(outsider.public_id), "mentor_id": str(mentor.public_id)}]},
    )
    assert response.status_code == 422
    assert "Eve Outsider is not enrolled as a mentee" in response.json()["detail"]


def test_a_mentee_locked_twice_is_a_422(api_as, program_admin, cohort, mentee, mentor):
    ravi = Person.objects.get(email="ravi@example.org")
    locks = [
        {"mentee_id": str(mentee.public_id), "mentor_id": str(mentor.public_id)},
        {"mentee_id": str(mentee.public_id), "mentor_id": str(ravi.public_id)},
    ]
    response = api_as(program_admin).post(runs(cohort), {"locked": locks})
    assert response.status_code == 422
    assert "locked to more than one mentor" in response.json()["detail"]


def test_more_locks_than_a_mentors_places_fail_the_run_with_the_reason(
    api_as, program_admin, cohort, mentee, mentor
):
    lena = Person.objects.get(email="lena@example.org")
    locks = [
        {"mentee_id": str(p.public_id), "mentor_id": str(mentor.public_id)} for p in (mentee, lena)
    ]
    body = start(api_as(program_admin), cohort, {"locked": locks})
    assert body["status"] == "failed"
    assert "locked mentees but room for 1" in body["error"]


@pytest.mark.parametrize("run_id", ["nope", "00000000-0000-4000-8000-000000000000", "' or 1=1"])
def test_a_malformed_or_unknown_run_id_is_a_404(api_as, program_admin, cohort, run_id):
    assert api_as(program_admin).get(f"{runs(cohort)}/{run_id}").status_code == 404


# --- Review -----------------------------------------------------------------------------


def test_the_admin_locks_and_unlocks_a_pair(api_as, program_admin, cohort, mentee):
    api = api_as(program_admin)
    run = start(api, cohort)
    base = f"{runs(cohort)}/{run['id']}/pairs/{mentee.public_id}"
    assert api.post(base + "/lock", {}).json()["locked"] is True
    assert pairs_of(api, cohort, run["id"], locked="true")["count"] == 1
    assert api.post(base + "/unlock", {}).json()["locked"] is False
    assert pairs_of(api, cohort, run["id"], locked="true")["count"] == 0


def test_locking_a_mentee_without_a_pair_is_a_404(api_as, program_admin, cohort, outsider):
    api = api_as(program_admin)
    run = start(api, cohort)
    path = f"{runs(cohort)}/{run['id']}/pairs/{outsider.public_id}/lock"
    assert api.post(path, {}).status_code == 404


def test_a_rerun_keeps_the_locked_pairs(api_as, program_admin, cohort):
    api = api_as(program_admin)
    kim = Person.objects.get(email="kim@example.org")
    sofia = Person.objects.get(email="sofia@example.org")
    run = start(api, cohort)
    # Kim to Sofia by hand, which a run would not choose; a re-run keeps it.
    swapped = api.post(
        f"{runs(cohort)}/{run['id']}/pairs/{kim.public_id}/swap",
        {"mentor_id": str(sofia.public_id)},
    )
    # Sofia's one place is Omar's in the run: the swap says so.
    assert swapped.status_code == 409, swapped.content
    assert "Sofia Ruiz has no place left in this run" in swapped.json()["detail"]
    omar = Person.objects.get(email="omar@example.org")
    api.post(f"{runs(cohort)}/{run['id']}/pairs/{omar.public_id}/lock", {})
    again = api.post(f"{runs(cohort)}/{run['id']}/rerun", {})
    assert again.status_code == 201, again.content
    new = again.json()
    assert new["rerun_of"] == run["id"]
    assert new["locked"] == 1
    pairs = by_mentee(pairs_of(api, cohort, new["id"])["items"])
    assert pairs["omar@example.org"]["locked"] is True
    assert pairs["omar@example.org"]["mentor"]["name"] == "Sofia Ruiz"


def test_a_rerun_may_change_the_weights(api_as, program_admin, cohort):
    api = api_as(program_admin)
    run = start(api, cohort)
    new = api.post(f"{runs(cohort)}/{run['id']}/rerun", {"weights": {"timezone": 0}}).json()
    assert new["weights"]["timezone"] == 0
    assert new["fairness"] == run["fairness"]
    for pair in pairs_of(api, cohort, new["id"])["items"]:
        assert "timezone" not in pair["factors"]


def test_a_swap_is_rescored_explained_and_locked(api_as, program_admin, cohort, mentee):
    api = api_as(program_admin)
    run = start(api, cohort)
    import_rows(
        cohort,
        program_admin,
        [JUAN_SPEAKS],
    )
    juan = Person.objects.get(email="juan@example.org")
    response = api.post(
        f"{runs(cohort)}/{run['id']}/pairs/{mentee.public_id}/swap",
        {"mentor_id": str(juan.public_id)},
    )
    assert response.status_code == 200, response.content
    pair = response.json()
    assert pair["mentor"]["name"] == "Juan Gil"
    assert (pair["locked"], pair["swapped"]) == (True, True)
    assert pair["explanation"].startswith("chosen by the admin; ")
    assert "1 of 1 wanted skill (public speaking)" in pair["explanation"]
    assert pair["factors"]["skills"] == 1.0
    body = api.get(f"{runs(cohort)}/{run['id']}").json()
    assert body["totals"]["matched"] == 4
    assert RunPair.objects.filter(run__public_id=run["id"], mentee=mentee).count() == 1


def test_a_swap_gives_an_unmatched_mentee_a_mentor(api_as, program_admin, cohort):
    add_zoe(cohort, program_admin)
    api = api_as(program_admin)
    run = start(api, cohort)
    import_rows(
        cohort,
        program_admin,
        ["juan@example.org,Juan Gil,mentor,3,,finance,Finance,,UTC,English,6,ops"],
    )
    (left,) = api.get(f"{runs(cohort)}/{run['id']}/unmatched").json()["items"]
    juan = Person.objects.get(email="juan@example.org")
    response = api.post(
        f"{runs(cohort)}/{run['id']}/pairs/{left['mentee_id']}/swap",
        {"mentor_id": str(juan.public_id)},
    )
    assert response.status_code == 200, response.content
    body = api.get(f"{runs(cohort)}/{run['id']}").json()
    assert (body["totals"]["matched"], body["totals"]["unmatched"]) == (5, 0)
    assert not RunUnmatched.objects.filter(run__public_id=run["id"]).exists()


def test_a_swap_to_someone_not_a_mentor_is_a_422(api_as, program_admin, cohort, mentee, outsider):
    api = api_as(program_admin)
    run = start(api, cohort)
    response = api.post(
        f"{runs(cohort)}/{run['id']}/pairs/{mentee.public_id}/swap",
        {"mentor_id": str(outsider.public_id)},
    )
    assert response.status_code == 422
    assert "not enrolled as a mentor" in response.json()["detail"]


def test_a_swap_against_the_programs_rules_is_a_409(api_as, program_admin, cohort):
    cohort.require_shared_language = True
    cohort.save()
    api = api_as(program_admin)
    run = start(api, cohort)
    kim = Person.objects.get(email="kim@example.org")  # speaks English
    # Free a place for Kim at Ravi's or Sofia's; Sofia speaks English too, so use a
    # Spanish-only mentor.
    import_rows(
        cohort,
        program_admin,
        ["juan@example.org,Juan Gil,mentor,3,,design,Design,,Europe/Madrid,Spanish,8,ops"],
    )
    juan = Person.objects.get(email="juan@example.org")
    response = api.post(
        f"{runs(cohort)}/{run['id']}/pairs/{kim.public_id}/swap", {"mentor_id": str(juan.public_id)}
    )
    assert response.status_code == 409, response.content
    assert "share no language" in response.json()["detail"]


# --- Publishing -------------------------------------------------------------------------


def test_publishing_proposes_each_pair_and_tells_both(
    api_as, program_admin, cohort, mentee, mentor
):
    api = api_as(program_admin)
    run = start(api, cohort)
    mail.outbox.clear()
    response = api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "published" and body["published_at"]
    made = Mentorship.objects.filter(program=cohort, status="proposed")
    assert made.count() == 4
    ada = made.get(mentee=mentee)
    assert ada.mentor == mentor
    told = sorted(m.to[0] for m in mail.outbox if "please confirm" in m.subject)
    assert told.count(mentee.email) == 1 and told.count(mentor.email) == 1
    assert len(told) == 8
    pair = by_mentee(pairs_of(api, cohort, run["id"])["items"])["ada@example.org"]
    assert pair["mentorship_id"] == str(ada.public_id)


def test_a_run_is_published_once(api_as, program_admin, cohort):
    api = api_as(program_admin)
    run = start(api, cohort)
    api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    again = api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    assert again.status_code == 409
    assert again.json()["code"] == "run_published"
    assert Mentorship.objects.filter(program=cohort).count() == 4


def test_a_published_run_cannot_be_changed(api_as, program_admin, cohort, mentee):
    api = api_as(program_admin)
    run = start(api, cohort)
    api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    response = api.post(f"{runs(cohort)}/{run['id']}/pairs/{mentee.public_id}/lock", {})
    assert response.status_code == 409


def test_a_pair_the_rules_refuse_by_publishing_time_is_left_out_with_the_reason(
    api_as, program_admin, cohort, mentee
):
    from alongside.programs.models import Enrollment

    api = api_as(program_admin)
    run = start(api, cohort)
    Enrollment.objects.filter(program=cohort, person=mentee).update(status="left")
    api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    pair = by_mentee(pairs_of(api, cohort, run["id"])["items"])["ada@example.org"]
    assert pair["mentorship_id"] is None
    assert "not enrolled as a mentee" in pair["not_published"]
    assert Mentorship.objects.filter(program=cohort).count() == 3


def test_both_confirm_and_the_pair_is_active_and_both_are_told(
    api_as, program_admin, cohort, mentee, mentor
):
    api = api_as(program_admin)
    run = start(api, cohort)
    api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    m = Mentorship.objects.get(program=cohort, mentee=mentee)
    mail.outbox.clear()
    first = api_as(mentee).post(f"/mentorships/{m.public_id}/confirm", {})
    assert first.json()["status"] == "proposed"
    second = api_as(mentor).post(f"/mentorships/{m.public_id}/confirm", {})
    assert second.status_code == 200, second.content
    assert second.json()["status"] == "active"
    begun = sorted(x.to[0] for x in mail.outbox if "has begun" in x.subject)
    assert begun == sorted([mentee.email, mentor.email])


def test_an_imported_mentor_confirms_within_the_programs_capacity(api_as, program_admin, cohort):
    """An imported mentor's profile says 0 mentees; the program's capacity is what counts."""
    api = api_as(program_admin)
    run = start(api, cohort)
    api.post(f"{runs(cohort)}/{run['id']}/publish", {})
    ravi = Person.objects.get(email="ravi@example.org")
    assert ravi.mentor_capacity == 0
    for m in Mentorship.objects.filter(program=cohort, mentor=ravi):
        m.mentee.set_password("pw-long-enough-1")
        from alongside.mentorships.services import mentorship_confirm

        mentorship_confirm(mentorship=m, actor=m.mentee)
        assert mentorship_confirm(mentorship=m, actor=ravi).status == "active"


def test_running_and_publishing_are_in_the_programs_audit_log(api_as, program_admin, cohort):
    from alongside.people.models import AuditAction, AuditEvent

    api = api_as(program_admin)
    run = start(api, cohort, {"fairness": True})
    assert api.post(f"{runs(cohort)}/{run['id']}/publish", {}).status_code == 200
    events = AuditEvent.objects.filter(program_pk=cohort.pk, actor=program_admin)
    ran = events.get(action=AuditAction.MATCHING_RUN)
    assert ran.detail == {"run": run["id"], "fairness": True, "locked": 0}
    published = events.get(action=AuditAction.MATCHING_PUBLISHED)
    assert published.detail == {"run": run["id"], "pairs": 4}
    seen = api.get(f"/programs/{cohort.public_id}/audit").json()
    assert {"matching_run", "matching_published"} <= {e["action"] for e in seen["items"]}
