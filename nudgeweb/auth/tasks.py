"""Account tasks."""
from nudgeweb.auth import operations
from nudgeweb.extensions import huey
from nudgeweb.unit_of_work import unit_of_work


@huey.task()
def email_password_reset(email):
    """Queued for every request, known address or not: the page answers after the same work either way.
    Its organization is the user's, once the address has named them."""
    with unit_of_work():
        operations.request_password_reset(email)
