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


def test_the_mentor_ranking_is_pinned_on_a_small_world(db, api_as):
    # The viewer's terms: "python", "public speaking" and "go|rust" (a term with a pipe,
    # which in the skills column spans two skills).
    viewer = make_person(
        "v@example.org", "Val Viewer", skills=["Python"], interests=["Public speaking", "Go|Rust"]
    )

    def mentor(name, capacity=2, **profile):
        return make_person(
            f"{name.lower().replace(' ', '.')}.{capacity}@example.org",
            name,
            open_to_mentor=True,
            mentor_capacity=capacity,
            **profile,
        )

    mentor("Zed Zero", skills=["Knitting"])
    first_sam = mentor("Sam Same", skills=["Gardening"])
    mentor("Pat Pythonista", skills=["Pythonista"])  # a word hit, not the skill: 1
    mentor("Cal Both", skills=["Public speaking", "Python"])  # two skills: 4
    full = mentor("Ann Full", capacity=1, skills=["Public speaking"])  # 2, no room
    mentor("Hal Headline", headline="I teach python to kids", skills=["Gardening"])  # 1
    mentor("Gus Pipes", skills=["Go", "Rust"])  # "|go|rust|" holds "|go|rust|": 2
    second_sam = mentor("Sam Same", capacity=3, skills=["Gardening"])  # same name: by id
    mentor("Bea Speaker", skills=["Public speaking"])  # 2
    mentor("Aaron Unrelated", skills=["Gardening"])
    other = make_person("o@example.org", "Other Mentee")
    m = mentorship_request(requester=other, mentor=full, program=community_program())
    mentorship_accept(mentorship=m, actor=full)
    expected = [
        "Cal Both",
        "Bea Speaker",
        "Gus Pipes",
        "Ann Full",
        "Hal Headline",
        "Pat Pythonista",
        "Aaron Unrelated",
        "Sam Same",
        "Sam Same",
        "Zed Zero",
    ]
    api = api_as(viewer)
    body = api.get("/people?open_to_mentor=true").json()
    assert [p["name"] for p in body["items"]] == expected
    assert body["count"] == len(expected)
    sams = [p["id"] for p in body["items"] if p["name"] == "Sam Same"]
    assert sams == [str(first_sam.public_id), str(second_sam.public_id)]
    assert [p["has_capacity"] for p in body["items"]][2:4] == [True, False]
    # Page by page, the same order, and the same count on every page.
    paged, counts = [], set()
    for offset in range(0, 12, 3):
        page = api.get(f"/people?open_to_mentor=true&limit=3&offset={offset}").json()
        paged += [p["name"] for p in page["items"]]
        counts.add(page["count"])
    assert paged == expected
    assert counts == {len(expected)}
    # The find page ranks them alike.
    html = page_client(viewer).get("/people/?mentors=1").content.decode()
    shown = sorted(set(expected), key=html.index)
    assert shown == list(dict.fromkeys(expected))


def test_the_ranking_takes_wildcards_in_my_terms_literally(db, api_as):
    # The terms are matched as plain text (LIKE escaped on SQLite, STRPOS on PostgreSQL):
    # "_" and "%" match themselves, not any character.
    viewer = make_person("v@example.org", "Val Viewer", interests=["C_sharp", "100%"])
    for name, skills in [
        ("Ada Literal", ["C_sharp"]),
        ("Bo Percent", ["100%"]),
        ("Cy Wild", ["Cxsharp", "1000"]),
    ]:
        make_person(
            f"{name.split()[0].lower()}@example.org",
            name,
            skills=skills,
            open_to_mentor=True,
            mentor_capacity=1,
        )
    items = api_as(viewer).get("/people?open_to_mentor=true").json()["items"]
    assert [p["name"] for p in items] == ["Ada Literal", "Bo Percent", "Cy Wild"]
