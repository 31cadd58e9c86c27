"""Extension instances, created bare here and bound to the app in create_app()."""
import json
import os

import orjson
from flask import has_app_context
from flask_limiter import Limiter as FlaskLimiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from htmx_flask import Htmx
from huey import Huey
from huey.storage import RedisStorage, SqliteStorage
from sqlalchemy import MetaData

from nudgeweb.api_request import is_api_request
from nudgeweb.instance_files import private_sqlite_file

# Named constraints, so that Alembic can alter them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class SqliteQueue(SqliteStorage):
    """Huey's SQLite storage, synchronous=NORMAL as the app's database is: in WAL mode a commit
    survives a crash of any process without an fsync each (Huey's default syncs every enqueue and
    every dequeue, which cost more than the task's own work)."""

    def _create_connection(self):
        connection = super()._create_connection()
        connection.execute("pragma synchronous=NORMAL")
        return connection


class FlaskHuey(Huey):
    """Huey whose storage comes from the app's HUEY_URL and whose tasks run in its app context.

    Tasks are declared at import time with ``@huey.task()``; the storage is only known once
    the configuration is, so init_app() swaps it in.
    """

    def __init__(self):
        super().__init__("nudge", immediate=True)
        self.app = None
        self._app_pid = None
        self.on_startup()(self._forget_inherited_connections)

    def init_app(self, app):
        self.app = app
        self._app_pid = os.getpid()
        self.name = app.config["HUEY_NAME"]
        url = app.config["HUEY_URL"]
        if url.startswith(("redis://", "rediss://", "unix://")):
            self.storage_class, self.storage_kwargs = RedisStorage, {"url": url}
        else:
            path = url.removeprefix("sqlite:///")  # sqlite:////abs/path or sqlite:///relative
            private_sqlite_file(path)
            self.storage_class, self.storage_kwargs = SqliteQueue, {"filename": path}
        self._immediate = app.config["HUEY_IMMEDIATE"]
        self.storage = self.create_storage()
        app.extensions["huey"] = self

    def _forget_inherited_connections(self):
        """In a worker process forked from the consumer, open database connections of its own:
        two processes on one connection corrupt each other's conversation with the server."""
        if self.app is not None and os.getpid() != self._app_pid:
            with self.app.app_context():
                db.engine.dispose(close=False)

    def execute(self, task, timestamp=None):
        if has_app_context():  # immediate mode inside a request or a test
            return super().execute(task, timestamp)
        with self.app.app_context():
            return super().execute(task, timestamp)


class Limiter(FlaskLimiter):
    """Flask-Limiter, whose before_request hook leaves the JSON API alone: the API counts each
    credential itself (api/ratelimit.py), and limits decorated on API views are checked by their
    decorators, so for an API request the hook would only spend time finding nothing to do."""

    def _check_request_limit(self, callable_name=None, in_middleware=True):
        if in_middleware and is_api_request():
            return
        super()._check_request_limit(callable_name, in_middleware)


def read_json(text):
    """JSON columns as the database gives them, read by orjson (a page of contacts has a
    custom_fields object in every row); what orjson refuses (NaN, integers past 64 bits,
    which json.dumps wrote) falls back to json."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION), engine_options={"json_deserializer": read_json})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
htmx = Htmx()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)
huey = FlaskHuey()
