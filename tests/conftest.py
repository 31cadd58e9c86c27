"""Fixtures: an app on a throw-away database, clients logged in per role, a second
organization, a real Huey consumer, a live server and a real Chromium.

The suite runs on SQLite by default. With NUDGE_TEST_DATABASE_URL (a PostgreSQL server) and
NUDGE_TEST_REDIS_URL set, it runs on PostgreSQL with Huey and rate limits on Redis; `make test`
does both where the servers answer.
"""
import contextlib
import contextvars
import os
import threading
import uuid

import factory.random
import pytest
from flask import has_app_context
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from config import TestConfig
from nudgeweb import create_app, unit_of_work
from nudgeweb.extensions import db, huey
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

PG_URL = os.environ.get("NUDGE_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("NUDGE_TEST_REDIS_URL")
RUN_ID = uuid.uuid4().hex[:8]


def pytest_report_header(config):
    if PG_URL:
        return f"backend: PostgreSQL ({PG_URL}), Huey and rate limits on Redis ({REDIS_URL})"
    return "backend: SQLite, Huey on SQLite, rate limits in memory"


SLOW_FIXTURES = {"page": "browser", "phone_page": "browser", "browser": "browser", "live_server": "browser",
                 "huey_consumer": "consumer"}


def pytest_collection_modifyitems(items):
    """A test that drives Chromium or a real consumer is marked so (and ``slow``): `pytest -m "not slow"`
    is the quick local run; `make test` runs everything."""
    for item in items:
        kinds = {SLOW_FIXTURES[name] for name in getattr(item, "fixturenames", ()) if name in SLOW_FIXTURES}
        kinds |= {mark.name for mark in item.iter_markers() if mark.name in ("browser", "consumer")}
        for kind in kinds:
            item.add_marker(kind)
        if kinds:
            item.add_marker("slow")


def _worker():
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A database of this test run's own: a file on SQLite, a fresh database on PostgreSQL."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db')}/nudge.db"
        return
    name = f"nudge_test_{RUN_ID}_{_worker()}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_test_config(instance_path, database_url, **overrides):
    settings = {"SQLALCHEMY_DATABASE_URI": database_url, "HUEY_NAME": f"nudge-test-{RUN_ID}-{_worker()}"}
    if REDIS_URL:
        settings.update(
            HUEY_URL=REDIS_URL,
            RATELIMIT_STORAGE_URI=REDIS_URL,
            # each app its own counters, as memory:// gives on SQLite: a worker's tests together would
            # pass the limits meant for one network (ten sign-ups a minute)
            RATELIMIT_KEY_PREFIX=f"nudge-test-{RUN_ID}-{_worker()}-{uuid.uuid4().hex[:8]}",
        )
    settings.update(overrides)
    return TestConfig(instance_path, **settings)


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    Flask reuses an app context that is already active (a test's ``app_ctx``) for requests,
    which would share ``g`` -- and Flask-Login's cached user -- between clients and requests.
    """

    def open(self, *args, **kwargs):
        commit_test_work()

        def without_app_context():
            _cv_app.set(None)
            unit_of_work._current.set(None)  # nor the test's unit of work: a streamed answer reads as in production
            return FlaskClient.open(self, *args, **kwargs)

        return contextvars.copy_context().run(without_app_context)


def commit_test_work():
    """The test's own unit of work (operations it called to set the scene) commits when it hands over to
    the app, as a request would commit before the next one reads."""
    if has_app_context():
        session = db.session()
        expire, session.expire_on_commit = session.expire_on_commit, False  # the test's objects stay as it has them
        try:
            unit_of_work.current().commit()
        finally:
            session.expire_on_commit = expire


_suite_app = None


@pytest.fixture(scope="session")
def app(tmp_path_factory, database_url):
    global _suite_app
    app = _suite_app = create_app(make_test_config(tmp_path_factory.mktemp("instance"), database_url))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _huey_serves_the_suite_app():
    """There is one Huey per process and create_app() binds it to the app it builds: after a test that
    builds an app of its own, the next tests' tasks must not go to that app's queue, unrun."""
    yield
    if _suite_app is not None and huey.app is not _suite_app:
        huey.init_app(_suite_app)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with nothing counted against a rate limit: a worker's earlier sign-ups must not refuse
    this test's (ten a minute from one address; a quicker suite fits more of them in a minute). On SQLite only:
    the counters are then this process's own memory (on Redis each app has its own key prefix)."""
    yield
    from limits.storage import MemoryStorage

    from nudgeweb.extensions import limiter

    if _suite_app is not None and isinstance(limiter.limiter.storage, MemoryStorage):  # (no app yet: nothing counted)
        limiter.limiter.storage.reset()
        api_counter = _suite_app.extensions.get("api_rate_counter")
        if hasattr(api_counter, "reset"):
            api_counter.reset()


@pytest.fixture(autouse=True)
def _same_fake_data_every_run(request):
    """Faker's names are seeded from the test's id: a test that a random name can break (a search
    for "eve" finding "Steve") then fails every time, on every machine, rather than once in CI."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _test_code_reads_across_organizations():
    """A test sets up and checks the rows of several organizations, so its own code reads across them;
    the requests, tasks and commands it runs each have their own unit of work, scoped as in production.
    (tests/test_unit_of_work.py shows that a query with no organization in force fails.)"""
    token = unit_of_work._current.set(unit_of_work.UnitOfWork(across_organizations=True))
    yield
    unit_of_work._current.reset(token)


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Every test starts from empty tables (cheaper than re-creating the schema)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = db.metadata.sorted_tables
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} CASCADE"))
            else:
                for table in reversed(tables):
                    conn.execute(table.delete())


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Log a test client in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, email, password=DEFAULT_PASSWORD, remember=False):
        data = {"email": email, "password": password}
        if remember:
            data["remember"] = "y"
        return self.client.post("/login", data=data)

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def owner(app_ctx):
    """The owner's membership of a business, 'Acme Plumbing'."""
    return MembershipFactory(role="owner", organization__name="Acme Plumbing")


@pytest.fixture
def organization(owner):
    return owner.organization


@pytest.fixture
def review_link(organization):
    """The business has added its "write a review" link (the API asks for reviews only then)."""
    from tests.reviews_support import give_review_link

    give_review_link(organization)


@pytest.fixture
def owner_client(app, owner):
    client = app.test_client()
    AuthActions(client).login(owner.user.email)
    return client


def member_client(app, organization, role):
    """A client logged in as a new member of ``organization`` with ``role``."""
    membership = MembershipFactory(role=role, organization=organization)
    client = app.test_client()
    AuthActions(client).login(membership.user.email)
    return client


@pytest.fixture
def other_owner(app_ctx):
    """The owner of a second, unrelated business, for isolation tests."""
    return MembershipFactory(role="owner", organization__name="Globex Bakery")


@pytest.fixture
def other_client(app, other_owner):
    client = app.test_client()
    AuthActions(client).login(other_owner.user.email)
    return client


@pytest.fixture
def allow_private_outbound(app):
    """Organizations' servers may be on this machine (127.0.0.1), as for an operator's local set-up."""
    app.config["ALLOW_PRIVATE_OUTBOUND"] = True
    yield
    app.config["ALLOW_PRIVATE_OUTBOUND"] = False


@pytest.fixture
def huey_queue(app):
    """Tasks go to the configured storage (SQLite file or Redis) and wait there for a consumer."""
    huey.immediate = False
    huey.flush()
    yield huey
    huey.flush()
    huey.immediate = True


@contextlib.contextmanager
def running_consumer():
    """A real Huey consumer on the queue, in threads, for the duration of the block."""
    commit_test_work()
    consumer = huey.create_consumer(workers=2, worker_type="thread", periodic=False,
                                    initial_delay=0.05, max_delay=0.2, check_worker_health=False)
    consumer.start()
    try:
        yield huey
    finally:
        consumer.stop(graceful=True)


@pytest.fixture
def huey_consumer(huey_queue):
    with running_consumer():
        yield huey_queue


@pytest.fixture(scope="session")
def live_server(app):
    """The app served over real HTTP on a free port, for the browser."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "test-artifacts")


@pytest.fixture(autouse=True)
def _csrf_checked_for_browsers(request):
    """A browser test posts what a person's browser posts, each form with its CSRF token: checked, as in
    production (the test client's tests switch it on where they test it)."""
    if not request.node.get_closest_marker("browser"):
        yield
        return
    config = request.getfixturevalue("app").config
    config["WTF_CSRF_ENABLED"] = True
    yield
    config["WTF_CSRF_ENABLED"] = False


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # as long as the pages' own default: a loaded machine is slow

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, live_server, email):
    """Log ``email`` in through the real login page and wait for the dashboard."""
    commit_test_work()
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")
    return page


def shown(response):
    """A page's HTML without the <wbr> hints that let a long address wrap (a reader never sees them)."""
    return response.get_data(as_text=True).replace("<wbr>", "")


# The text an input or a select shows (its value or placeholder, its chosen option) and the room it has for it.
SHOWN_TEXT = """el => {
  const style = getComputedStyle(el), context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const select = el.tagName === 'SELECT', text = select ? el.options[el.selectedIndex].text : (el.value || el.placeholder);
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (select ? 24 : 0);
  return {text, width: Math.ceil(context.measureText(text).width), room: Math.floor(room)};
}"""  # (24 px: a select's arrow)


def shows_in_full(locator):
    """Whether an input's placeholder or value, or a select's chosen option, fits its box (not cut off); and the sizes."""
    shown = locator.evaluate(SHOWN_TEXT)
    return shown["width"] <= shown["room"], shown


def screenshot(page, name):
    """Keep a picture of what the user saw, under test-artifacts/ (git-ignored)."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)
