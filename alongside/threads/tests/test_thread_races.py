"""Twenty messages sent at the same moment from both sides of a pair, through two gunicorn
servers on PostgreSQL: each is stored once, at its own place, and both members read the
thread in the same order."""

from alongside.tests.servers import RACES, api_call, at_once, bearer
from alongside.threads.models import Message, Thread

pytestmark = RACES


def test_twenty_messages_at_once_from_both_sides_are_each_stored_once_in_one_order(
    servers, pair, mentee, mentor
):
    tokens = {"ada": bearer(mentee), "grace": bearer(mentor)}
    path = f"/mentorships/{pair.public_id}/messages"
    sends = [("ada" if i % 2 else "grace", f"message {i:02d}") for i in range(20)]
    answers = at_once(servers, [(tokens[who], path, {"body": body}) for who, body in sends])

    assert [status for status, _ in answers] == [201] * 20, answers
    rows = list(Message.objects.filter(mentorship=pair).order_by("seq"))
    assert sorted(m.body for m in rows) == sorted(body for _, body in sends)  # each once
    assert [m.seq for m in rows] == list(range(1, 21))  # no place given twice, none skipped
    assert Thread.objects.get(mentorship=pair).last_seq == 20
    # Each answer names the place its message got, and those are the stored ones.
    assert sorted(a["seq"] for _, a in answers) == list(range(1, 21))
    orders = []
    for i, who in enumerate(("ada", "grace")):
        status, page = api_call(servers[i], tokens[who], "GET", path + "?limit=20")
        assert status == 200
        orders.append([m["body"] for m in page["items"]])
    assert orders[0] == orders[1] == [m.body for m in rows]
