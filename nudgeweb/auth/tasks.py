"""Account tasks."""
from nudgeweb.auth import operations
from nudgeweb.extensions import db, huey


@huey.task()
def email_password_reset(email):
    """Queued for every request, known address or not: the page answers after the same work either way."""
    operations.request_password_reset(email)
    db.session.commit()
