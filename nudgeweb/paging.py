"""The page number of a paged page (contacts, outbox, review requests), whatever the query string held."""

# Far past the end of any list at its page size, and far from where OFFSET overflows 64 bits.
MAX_PAGE_NUMBER = 100_000


def page_number(value):
    """``value`` as a page number from 1 to MAX_PAGE_NUMBER; 1 when it is no whole number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)
