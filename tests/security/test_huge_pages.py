"""Attack: a page number no list has (2**63 - 1, negative, thousands of digits) on every paged page.

Before the fix the offset overflowed the database's 64-bit integer: a 500. Now every page answers
a page of its list, and the links it offers stay within sane numbers.
"""
import re

import pytest

from nudgeweb.paging import MAX_PAGE_NUMBER
from nudgeweb.reviews import operations
from tests.factories import ContactFactory

PAGED_PAGES = ("/contacts", "/outbox", "/review-requests")
HOSTILE_NUMBERS = ("9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "0",
                   "9" * 5000, "1e9", "２")


@pytest.fixture
def lists_with_rows(organization):
    ContactFactory(organization=organization, email="ann@example.com")
    operations.create_review_request(organization, {"email": "bob@example.com"}, 0)


@pytest.mark.parametrize("path", PAGED_PAGES)
@pytest.mark.parametrize("number", HOSTILE_NUMBERS)
def test_a_hostile_page_number_gets_a_page_not_a_500(owner_client, lists_with_rows, path, number):
    for headers in ({}, {"HX-Request": "true"}):
        page = owner_client.get(f"{path}?page={number}", headers=headers)
        assert page.status_code == 200, (path, number, page.status_code)
        linked = [int(n) for n in re.findall(r"[?&;]page=(-?\d+)", page.get_data(as_text=True))]
        assert all(1 <= n <= MAX_PAGE_NUMBER + 1 for n in linked), linked


@pytest.mark.parametrize("path", PAGED_PAGES)
def test_the_largest_page_number_is_an_empty_page_of_the_list(owner_client, lists_with_rows, path):
    page = owner_client.get(f"{path}?page={MAX_PAGE_NUMBER}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "ann@example.com" not in html and "bob@example.com" not in html
    first = owner_client.get(f"{path}?page=-5").get_data(as_text=True)
    assert "example.com" in first  # a negative page is the first page
