"""Review (pgtimeline): counted_page must answer as Paginator.get_page does, whatever the
page number: a number past the last page is the last page, never a database error."""

import pytest
from django.core.paginator import Paginator

from alongside.growth import services
from alongside.lib.pagination import counted_page
from alongside.mentorships.timeline import timeline_for
from conftest import page_client

# Far past the end: Paginator.get_page answers the last page without a query for it;
# counted_page sends OFFSET (n - 1) * 25 to the database, beyond a 64-bit integer here.
HUGE = ["99999999999999999999", str(2**63 // 25 + 2)]


@pytest.mark.parametrize("number", ["0", "-1", "abc", "", None, "3", *HUGE])
def test_counted_page_is_get_page_for_any_number(pair, mentee, number):
    for n in range(30):
        services.appreciation_send(mentorship=pair, author=mentee, message=f"Thanks {n}")
    expected = Paginator(timeline_for(pair), 25).get_page(number)
    got = counted_page(timeline_for(pair), number, 25)
    assert got.number == expected.number
    assert [i.pk for i in got.object_list] == [i.pk for i in expected.object_list]
    assert got.paginator.count == expected.paginator.count


@pytest.mark.parametrize("number", HUGE)
def test_the_timeline_page_far_past_the_end_is_the_last_page(pair, mentor, number):
    response = page_client(mentor).get(f"/mentorships/{pair.public_id}/timeline/?page={number}")
    assert response.status_code == 200
