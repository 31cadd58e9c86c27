"""Nudge: the application factory reads like a table of contents."""
import logging
import secrets
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from config import ROOT, Config
from nudgeweb import extensions, hosts, security_headers, sqlite_writer, unit_of_work
from nudgeweb.extensions import csrf, db, huey, limiter, login_manager, migrate
from nudgeweb.instance_files import private_file, private_folder, private_sqlite_file


def create_app(config=None):
    config = config or Config()
    app = Flask(
        __name__,
        instance_path=config.INSTANCE_PATH,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config)
    hosts.configure(app)
    private_folder(app.instance_path)
    # Flask-SQLAlchemy reads a relative SQLite path from the instance folder.
    private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"], relative_to=app.instance_path)
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or instance_secret_key(app.instance_path)
    logging.basicConfig(level=app.config["LOG_LEVEL"])
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_context(app)
    register_commands(app)
    return app


def instance_secret_key(instance_path):
    """The SECRET_KEY made on first start and kept in the instance folder (never in the repo)."""
    path = Path(instance_path) / "secret_key"
    private_file(path)
    if not path.read_text().strip():
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def register_extensions(app):
    import nudgeweb.analytics.counters  # noqa: F401  (the hourly counts kept as rows are flushed)
    import nudgeweb.connections  # noqa: F401  (a pooled connection is pinged when it may have died)
    import nudgeweb.contacts.version  # noqa: F401  (each organization's contacts version kept on commit)
    import nudgeweb.models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
    import nudgeweb.tasks  # noqa: F401  (every Huey task registered)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    extensions.htmx.init_app(app)  # not `htmx`: that name is the nudgeweb.htmx module once imported
    limiter.init_app(app)
    security_headers.init_app(app)
    huey.init_app(app)
    unit_of_work.init_app(app)  # first before_request: every request runs in one

    from nudgeweb.oauth.server import init_app as init_oauth_server

    init_oauth_server(app)


def register_blueprints(app):
    from nudgeweb.analytics.routes import bp as analytics_bp
    from nudgeweb.api import register as register_api
    from nudgeweb.auth.access import load_membership
    from nudgeweb.auth.routes import bp as auth_bp
    from nudgeweb.automations.routes import bp as automations_bp
    from nudgeweb.campaigns.list_routes import bp as lists_bp
    from nudgeweb.campaigns.public_routes import bp as list_confirmation_bp
    from nudgeweb.campaigns.routes import bp as campaigns_bp
    from nudgeweb.contacts.events import connect as connect_contact_events
    from nudgeweb.contacts.routes import bp as contacts_bp
    from nudgeweb.contacts.settings_routes import bp as contacts_settings_bp
    from nudgeweb.delivery.public_routes import bp as tracking_bp
    from nudgeweb.delivery.routes import bp as delivery_bp
    from nudgeweb.health import bp as health_bp
    from nudgeweb.imports.routes import bp as imports_bp
    from nudgeweb.main.routes import bp as main_bp
    from nudgeweb.main.routes import register_coming_soon_pages
    from nudgeweb.message_templates.routes import bp as templates_bp
    from nudgeweb.nudges.public import bp as employee_page_bp
    from nudgeweb.nudges.receivers import connect as connect_nudge_receivers
    from nudgeweb.nudges.routes import bp as employees_bp
    from nudgeweb.oauth.routes import bp as oauth_bp
    from nudgeweb.oauth.settings import bp as oauth_settings_bp
    from nudgeweb.reviews.public import bp as review_page_bp
    from nudgeweb.reviews.receivers import connect as connect_review_receivers
    from nudgeweb.reviews.routes import bp as reviews_bp
    from nudgeweb.settings.routes import bp as settings_bp
    from nudgeweb.webhooks.routes import bp as webhooks_bp

    for blueprint in (auth_bp, main_bp, settings_bp, health_bp, oauth_bp, oauth_settings_bp, reviews_bp,
                      review_page_bp, contacts_bp, contacts_settings_bp, imports_bp, webhooks_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(delivery_bp)
    app.register_blueprint(templates_bp)
    app.register_blueprint(analytics_bp)
    app.register_blueprint(tracking_bp)
    app.register_blueprint(employee_page_bp)
    app.register_blueprint(employees_bp)
    app.register_blueprint(list_confirmation_bp)
    app.register_blueprint(lists_bp)
    app.register_blueprint(campaigns_bp)
    app.register_blueprint(automations_bp)
    connect_review_receivers()
    connect_contact_events()
    connect_nudge_receivers()
    register_coming_soon_pages(app)
    register_api(app)
    app.before_request(load_membership)


def register_errorhandlers(app):
    from nudgeweb.errors import register

    register(app)


def register_template_context(app):
    from nudgeweb.templating import register

    register(app)


def register_commands(app):
    from nudgeweb.cli import register

    register(app)


@login_manager.user_loader
def load_user(session_id):
    from nudgeweb.auth.operations import user_for_session_id

    return user_for_session_id(session_id)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets the web server and the Huey consumer read and write the same file."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA wal_autocheckpoint={sqlite_writer.checkpoint_pages()}")
        cursor.close()


@event.listens_for(Engine, "savepoint")
def _sqlite_savepoint_inside_a_transaction(connection, _name):
    """pysqlite opens a transaction only before a write: a SAVEPOINT that came first would be a transaction
    of its own, committed by its RELEASE, so the unit of work's rollback could not undo it."""
    driver_connection = connection.connection.dbapi_connection
    if isinstance(driver_connection, sqlite3.Connection) and not driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")
