"""The unit of work: one transaction, one organization, and what to do once it has committed.

Every web request, Huey task, CLI command and test runs inside one. It owns three things:

- **The transaction.** Operations change rows and ``db.session.flush()``; they never commit. A web
  request commits once when its answer is a success (status below 400) and rolls back otherwise; a
  task or a command commits when its body returns and rolls back when it raises. A long job commits
  as it goes with ``checkpoint()``; so does a write that must stay even though the answer is an error
  (an OAuth code used up by a failed exchange).
- **The organization.** ``enter_organization(id)`` puts one in force (the login or the API credential
  does it for a request, ``organization_task`` for a task). A query on an organization's rows
  (an ``OrgScoped`` model) is filtered to it; with none in force the query raises
  ``OrganizationScopeError``, unless the code reads across organizations and says so in words:
  ``with across_organizations():`` around it, or ``.execution_options(all_organizations=True)``.
- **What happens after the commit.** ``after_commit(fn, *args)`` runs ``fn`` once the transaction has
  committed (queue a Huey task, tell another area through a signal) and never if it rolls back.

How each place uses it::

    # a route: thin; the request's unit of work commits after a successful answer
    contact = operations.create_contact(current_organization(), form.data)
    return redirect(url_for("contacts.show", contact_id=contact.id))

    # an operation: change, flush, and ask for what must follow the commit
    db.session.add(request); db.session.flush()
    schedule_first_step(request, eta)  # one Huey task per batch of requests due together

    # a task: its organization is in force and its work commits at the end
    @organization_task()
    def send_messages(organization_id, message_ids): ...

    # a command or a test
    with unit_of_work(organization.id):
        operations.create_contact(organization, data)
"""
import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps

from flask import g
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria

from nudgeweb.extensions import db, huey
from nudgeweb.models.base import OrgScoped

ALL_ORGANIZATIONS = "all_organizations"  # execution option: this statement reads across organizations
ACROSS_ORGANIZATIONS = {ALL_ORGANIZATIONS: True}  # .execution_options(**ACROSS_ORGANIZATIONS)


class OrganizationScopeError(RuntimeError):
    """A query on an organization's rows with no organization in force."""


@dataclass
class UnitOfWork:
    organization_id: uuid.UUID | None = None
    across_organizations: bool = False
    pending: list = field(default_factory=list)  # (fn, args, kwargs) to run after the commit
    last_writes: dict = field(default_factory=dict)  # {key: fn} to run once, just before the commit
    groups: dict = field(default_factory=dict)  # {key: [item, ...]} handed together to one fn after the commit
    remembered: dict = field(default_factory=dict)  # {key: value} read once in this transaction

    def commit(self):
        last_writes, self.last_writes = self.last_writes, {}
        for write in last_writes.values():
            write()
        if db.session.registry.has():  # (a request that never used the session, a cached read, has nothing to commit)
            db.session.commit()
        pending, self.pending, self.groups, self.remembered = self.pending, [], {}, {}
        for fn, args, kwargs in pending:
            fn(*args, **kwargs)

    def rollback(self):
        self.pending, self.last_writes, self.groups, self.remembered = [], {}, {}, {}
        if db.session.registry.has():
            db.session.rollback()


_current = contextvars.ContextVar("unit_of_work", default=None)


def current():
    return _current.get()


@contextmanager
def unit_of_work(organization_id=None, across=False):
    """Run a block as one unit of work: commit at the end, or roll back if it raises."""
    work = UnitOfWork(_as_uuid(organization_id), across)
    token = _current.set(work)
    try:
        yield work
        work.commit()
    except BaseException:
        work.rollback()
        raise
    finally:
        _current.reset(token)


def checkpoint():
    """Commit what the unit of work has done so far, and run what waited for it (a long job's progress)."""
    _required().commit()


def rollback():
    """Undo what the unit of work has done since its last commit (a failed chunk), and what waited for it."""
    _required().rollback()


class RunAgain(Exception):
    """A write found that a concurrent transaction got there first (the email of a contact being added,
    added by another request a moment before). Nothing of the work was written: roll it back and run it
    again (``run_again_once``), when it will find what the other one wrote."""


def run_again_once(work, *args, **kwargs):
    """``work(*args, **kwargs)``; if it raises RunAgain, undo what the unit of work did since its last
    commit and run it once more. Wrap the whole of what the request does in this transaction."""
    try:
        return work(*args, **kwargs)
    except RunAgain:
        rollback()
        return work(*args, **kwargs)


def after_commit(fn, *args, **kwargs):
    """Run ``fn(*args, **kwargs)`` once the current transaction commits; never if it rolls back."""
    _required().pending.append((fn, args, kwargs))


def after_commit_together(key, fn, item):
    """Collect ``item`` under ``key``; once the transaction commits, ``fn(items)`` runs once with
    every item collected under that key (one task for a batch of rows, not one per row)."""
    work = _required()
    items = work.groups.get(key)
    if items is None:
        items = work.groups[key] = []
        work.pending.append((fn, (items,), {}))
    items.append(item)


def once_per_transaction(key, read):
    """``read()``, called once per transaction however often asked (a check that every message of a
    batch makes); outside a unit of work, every time."""
    work = _current.get()
    if work is None:
        return read()
    if key not in work.remembered:
        work.remembered[key] = read()
    return work.remembered[key]


def remembered(key):
    """What once_per_transaction read under ``key`` in this transaction, or None."""
    work = _current.get()
    return work.remembered.get(key) if work is not None else None


def before_commit(key, write):
    """Run ``write()`` as the transaction's last statement, once per ``key`` however often asked (a
    counter bumped once per transaction holds its row lock only for the commit). Returns the ``write``
    that will run (the first one given for ``key``), so that later callers can add to it."""
    return _required().last_writes.setdefault(key, write)


def enter_organization(organization_id):
    _required().organization_id = _as_uuid(organization_id)


def in_unit_of_work():
    return _current.get() is not None


def current_organization_id():
    work = _current.get()
    return work.organization_id if work is not None else None


@contextmanager
def across_organizations():
    """The block reads across organizations on purpose (a recovery sweep, an operator's command,
    finding whose a token is); say why where you use it."""
    work = _current.get()
    if work is None:
        with unit_of_work(across=True):
            yield
        return
    before, work.across_organizations = work.across_organizations, True
    try:
        yield
    finally:
        work.across_organizations = before


ORGANIZATION_TASKS = []  # every organization_task, for the test that runs each in another's organization


def organization_task(**task_options):
    """A Huey task whose first argument is an organization id: the body runs in that organization's
    unit of work, and commits when it returns."""
    def decorator(fn):
        @wraps(fn)
        def in_its_organization(organization_id, *args, **kwargs):
            with unit_of_work(organization_id):
                return fn(_as_uuid(organization_id), *args, **kwargs)

        task = huey.task(**task_options)(in_its_organization)
        ORGANIZATION_TASKS.append(task)
        return task

    return decorator


def housekeeping_task(schedule):
    """A periodic Huey task that sweeps every organization's rows (recovery, deleting what expired)."""
    def decorator(fn):
        @wraps(fn)
        def across_all():
            with unit_of_work(across=True):
                return fn()

        return huey.periodic_task(schedule)(across_all)

    return decorator


# -- the web request ----------------------------------------------------------------------------

def init_app(app):
    """Every request runs in a unit of work; every query on the app's session is scoped by it."""
    event.listen(db.session, "do_orm_execute", _scope_to_current_organization)
    app.before_request(_begin_request)
    app.after_request(_finish_request)
    app.teardown_request(_end_request)


def _begin_request():
    work = UnitOfWork()
    g.unit_of_work_token = _current.set(work)


def _finish_request(response):
    work = _current.get()
    if work is not None and "unit_of_work_token" in g:
        if response.status_code < 400:
            work.commit()
        else:
            work.rollback()
    return response


def _end_request(_error=None):
    token = g.pop("unit_of_work_token", None)
    if token is not None:
        _current.get().rollback()  # (nothing is left after a commit; an unhandled error leaves it here)
        _current.reset(token)


# -- the scope on every query ---------------------------------------------------------------------

def _scope_to_current_organization(state: ORMExecuteState):
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get(ALL_ORGANIZATIONS) or not _touches_organization_rows(state):
        return
    work = _current.get()
    if work is not None and work.across_organizations:
        return
    if work is not None and work.organization_id is not None:
        organization_id = work.organization_id
        state.statement = state.statement.options(with_loader_criteria(
            OrgScoped, lambda cls: cls.organization_id == organization_id, include_aliases=True,
        ))
    else:
        names = ", ".join(sorted(m.class_.__name__ for m in state.all_mappers if issubclass(m.class_, OrgScoped)))
        raise OrganizationScopeError(f"A query on {names} with no organization in force")


def _touches_organization_rows(state):
    return any(issubclass(mapper.class_, OrgScoped) for mapper in state.all_mappers)


def _as_uuid(value):
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def _required():
    work = _current.get()
    if work is None:
        raise RuntimeError("No unit of work: run this inside a request, a task, or `with unit_of_work(...)`")
    return work
