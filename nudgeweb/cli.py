"""Commands for operators: ``flask --app app <command>``."""
import logging
import os
import signal
import subprocess
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from werkzeug.serving import run_simple

from nudgeweb.auth.operations import AccountError, add_user_to_organization
from nudgeweb.models import ROLES
from nudgeweb.unit_of_work import unit_of_work

users = AppGroup("users", help="Manage user accounts.")


@users.command("create")
@click.argument("email")
@click.option("--password", required=True, help="At least 10 characters, not a common password.")
@click.option("--organization", "organization_name", required=True, help="Created if it does not exist.")
@click.option("--role", type=click.Choice(ROLES), default="owner", show_default=True)
@click.option("--name", default=None, help="The user's name (defaults to the part of the email before @).")
def create_user(email, password, organization_name, role, name):
    """Create a user in an organization and print the user's id."""
    try:
        with unit_of_work():  # a new organization is put in force by add_user_to_organization
            membership = add_user_to_organization(email, password, organization_name, role, name)
    except AccountError as error:
        raise click.ClickException(str(error))
    click.echo(str(membership.user_id))


@users.command("reset-link")
@click.argument("email")
def reset_link(email):
    """Print a password-reset link for EMAIL (works once, for an hour): for an install that sends no email."""
    from nudgeweb.auth.links import password_reset_link

    click.echo(password_reset_link(_user_or_fail(email)))
    _say_where_links_lead()


@users.command("verify-link")
@click.argument("email")
def verify_link(email):
    """Print the link that verifies EMAIL's address (for three days): for an install that sends no email."""
    from nudgeweb.auth.links import verification_link

    click.echo(verification_link(_user_or_fail(email)))
    _say_where_links_lead()


def _say_where_links_lead():
    """A link's address comes from BASE_URL, else PORT: a shell without them gets port 5000's (on stderr)."""
    if "BASE_URL" not in os.environ:
        click.echo(f"(The link is for {current_app.config['BASE_URL']}: if Nudge runs elsewhere, set BASE_URL or PORT "
                   "here as when it was started, or put them in .env.)", err=True)


def _user_or_fail(email):
    from nudgeweb.auth.operations import find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No account has the address {email}.")
    return user


@click.command("seed-demo")
def seed_demo_command():
    """Load a demo business with realistic data and print its owner's login."""
    from nudgeweb.demo import seed_demo

    with unit_of_work():  # the demo organization is put in force by seed_demo
        login = seed_demo()
    click.echo("Demo business ready. Log in with:")
    click.echo(f"  email:    {login['email']}")
    click.echo(f"  password: {login['password']}")


@click.command("worker")
@click.option("--workers", type=int, default=None, help="Workers (default HUEY_WORKERS).")
@click.option("--worker-type", type=click.Choice(("process", "thread")), default=None,
              help="Processes use every core for imports and sends (default HUEY_WORKER_TYPE).")
def worker_command(workers, worker_type):
    """Run the Huey consumer: sends, imports and everything scheduled."""
    from huey.consumer_options import ConsumerConfig

    from nudgeweb import sqlite_writer
    from nudgeweb.extensions import huey

    sqlite_writer.checkpoint_in_this_process()
    config = ConsumerConfig(
        workers=workers or current_app.config["HUEY_WORKERS"],
        worker_type=worker_type or current_app.config["HUEY_WORKER_TYPE"],
        periodic=True,
        max_delay=1.0,  # an idle worker polls the queue every second, not Huey's default ten
    )
    huey_log = logging.getLogger("huey")
    config.setup_logger(huey_log)  # Huey's format (time, worker pid) for its own lines only
    huey_log.propagate = False  # the app's root handler would print each line again
    huey_log.setLevel(current_app.config["LOG_LEVEL"])  # not Huey's default INFO
    huey.create_consumer(**config.values).run()


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"))
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")))
@click.option("--no-worker", is_flag=True, help="Do not start a Huey consumer beside the web server.")
def serve_command(host, port, no_worker):
    """Run the web server and a Huey consumer together; Ctrl-C stops both."""
    worker = None
    if not no_worker:
        # A session of its own, so that stopping it reaches its forked worker processes too.
        worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker"], start_new_session=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a process manager: clean up as for Ctrl-C
    click.echo(f"\n  Nudge is running at http://{host}:{port}/")
    click.echo("  Sign up there, or load the demo business with: make demo\n")
    try:
        # Not app.run(): Flask ignores it inside a `flask` command.
        run_simple(host, port, current_app._get_current_object(), threaded=True, use_reloader=False)
    finally:
        if worker is not None:
            os.killpg(worker.pid, signal.SIGINT)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)


def register(app):
    from nudgeweb.analytics.cli import analytics
    from nudgeweb.api.cli import api_keys, api_rate_limit
    from nudgeweb.oauth.cli import oauth_clients

    app.cli.add_command(users)
    app.cli.add_command(analytics)
    app.cli.add_command(api_keys)
    app.cli.add_command(api_rate_limit)
    app.cli.add_command(oauth_clients)
    for command in (seed_demo_command, worker_command, serve_command):
        app.cli.add_command(command)
