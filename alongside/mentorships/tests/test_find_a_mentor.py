from alongside.mentorships.services import mentorship_accept, mentorship_request
from alongside.programs.selectors import community_program
from conftest import make_person, page_client


def test_mentors_matching_my_interests_come_first(mentee, api_as):
    # The mentee has skill Python and wants Public speaking.
    make_person(
        "a@example.org",
        "Aaron Unrelated",
        skills=["Gardening"],
        open_to_mentor=True,
        mentor_capacity=1,
    )
    make_person(
        "b@example.org",
        "Bea Speaker",
        skills=["Public speaking"],
        open_to_mentor=True,
        mentor_capacity=1,
    )
    make_person(
        "c@example.org",
        "Cal Both",
        skills=["Public speaking", "Python"],
        open_to_mentor=True,
        mentor_capacity=1,
    )
    make_person("d@example.org", "Dee Not Mentoring", skills=["Public speaking"])
    items = api_as(mentee).get("/people?open_to_mentor=true").json()["items"]
    assert [p["name"] for p in items] == ["Cal Both", "Bea Speaker", "Aaron Unrelated"]
    assert all(p["has_capacity"] for p in items)


def test_mentors_with_room_come_before_equally_matched_full_ones(mentee, api_as):
    full = make_person(
        "f@example.org",
        "Ann Full",
        skills=["Public speaking"],
        open_to_mentor=True,
        mentor_capacity=1,
    )
    make_person(
        "r@example.org",
        "Zed Room",
        skills=["Public speaking"],
        open_to_mentor=True,
        mentor_capacity=1,
    )
    other = make_person("o@example.org", "Other Mentee")
    m = mentorship_request(requester=other, mentor=full, program=community_program())
    mentorship_accept(mentorship=m, actor=full)
    items = api_as(mentee).get("/people?open_to_mentor=true").json()["items"]
    assert [(p["name"], p["has_capacity"]) for p in items] == [
        ("Zed Room", True),
        ("Ann Full", False),
    ]


def test_searching_mentors_narrows_by_words(mentee, mentor, api_as):
    make_person(
        "t@example.org", "Tom Stats", skills=["Statistics"], open_to_mentor=True, mentor_capacity=1
    )
    body = api_as(mentee).get("/people?open_to_mentor=true&q=statis").json()
    assert [p["name"] for p in body["items"]] == ["Tom Stats"]
    assert body["count"] == 1


def test_i_am_not_listed_as_my_own_mentor(mentor, api_as):
    items = api_as(mentor).get("/people?open_to_mentor=true").json()["items"]
    assert str(mentor.public_id) not in [p["id"] for p in items]


def test_the_find_page_shows_room_and_last_activity(mentee, mentor):
    html = page_client(mentee).get("/people/?mentors=1").content.decode()
    assert "Grace Mentor" in html
    assert "Open to mentoring" in html


def test_the_find_page_query_count_stays_flat(mentee, django_assert_max_num_queries):
    for i in range(15):
        make_person(
            f"x{i}@example.org",
            f"Mentor {i}",
            skills=["Python"],
            open_to_mentor=True,
            mentor_capacity=2,
        )
    client = page_client(mentee)
    with django_assert_max_num_queries(8):
        assert client.get("/people/?mentors=1").status_code == 200


def test_the_find_page_says_who_has_room(mentee, mentor):
    full = make_person(
        "full@example.org", "Full Mentor", skills=["Python"], open_to_mentor=True, mentor_capacity=1
    )
    other = make_person("o@example.org", "Other Mentee")
    m = mentorship_request(requester=other, mentor=full, program=community_program())
    mentorship_accept(mentorship=m, actor=full)
    html = page_client(mentee).get("/people/?mentors=1").content.decode()
    grace = html.split("Grace Mentor")[1].split("</li>\n")[0]
    full_card = html.split("Full Mentor")[1].split("</li>\n")[0]
    assert "has room for a mentee" in grace
    assert "full at the moment" in full_card
