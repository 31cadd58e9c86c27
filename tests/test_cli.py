import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import Membership, Organization, User


def test_users_create_makes_the_organization_and_prints_the_id(runner, app_ctx):
    result = runner.invoke(args=["users", "create", "Pat@Example.com", "--password", "long-enough",
                                 "--organization", "Pat's Pizza", "--role", "admin"])
    assert result.exit_code == 0, result.output
    user_id = uuid.UUID(result.output.strip().splitlines()[-1])
    user = db.session.get(User, user_id)
    assert user.email == "pat@example.com"
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user_id))
    assert membership.role == "admin" and membership.organization.name == "Pat's Pizza"


def test_users_create_joins_an_existing_organization(runner, app_ctx, organization):
    result = runner.invoke(args=["users", "create", "new@example.com", "--password", "long-enough",
                                 "--organization", organization.name, "--role", "viewer"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(Organization)).all() == [organization]


def test_users_create_refuses_bad_input(runner, app_ctx):
    short = runner.invoke(args=["users", "create", "a@example.com", "--password", "short", "--organization", "X"])
    assert short.exit_code != 0 and "at least 10" in short.output
    role = runner.invoke(args=["users", "create", "a@example.com", "--password", "long-enough",
                               "--organization", "X", "--role", "king"])
    assert role.exit_code != 0
    assert db.session.scalars(select(User)).all() == []


def test_seed_demo_prints_a_login_that_works(runner, client, app_ctx):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    email = result.output.split("email:")[1].split()[0]
    password = result.output.split("password:")[1].split()[0]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    assert b"Bluebird Bakery" in client.get("/").data
    again = runner.invoke(args=["seed-demo"])  # running it twice resets, never duplicates
    assert again.exit_code == 0, again.output
    assert len(db.session.scalars(select(Organization)).all()) == 1


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])  # Ctrl-C, and a process manager's stop
def test_serve_answers_on_its_port_and_stopping_it_stops_the_worker_too(app, tmp_path, stop):
    """`make run`'s command: the web server answers, and stopping it leaves no worker process behind."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, INSTANCE_PATH=str(tmp_path), SECRET_KEY="serve-test", LOG_LEVEL="WARNING",
               DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], HUEY_URL=f"sqlite:///{tmp_path}/huey.db")
    server = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        status = None
        for _ in range(100):
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2).status
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200
        server.send_signal(stop)
        server.wait(timeout=30)
        assert worker_processes(tmp_path) == []
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        for pid in worker_processes(tmp_path):
            os.kill(pid, signal.SIGKILL)


def worker_processes(instance_path):
    """Pids of processes started with this INSTANCE_PATH in their environment."""
    pids = []
    for entry in os.listdir("/proc"):
        try:
            environ = open(f"/proc/{entry}/environ", "rb").read()
        except OSError:
            continue
        if entry.isdigit() and f"INSTANCE_PATH={instance_path}".encode() in environ.split(b"\0"):
            pids.append(int(entry))
    return pids


def test_users_reset_link_prints_a_link_that_works_once(app, runner, app_ctx):
    from tests.factories import MembershipFactory

    user = MembershipFactory().user
    printed = runner.invoke(args=["users", "reset-link", user.email.upper()])
    assert printed.exit_code == 0
    path = printed.stdout.strip().removeprefix(app.config["BASE_URL"])
    assert path.startswith("/reset-password/")
    client = app.test_client()
    assert client.post(path, data={"password": "violet tractor sings", "confirm": "violet tractor sings"}).status_code == 303
    assert client.get(path).status_code == 410
    assert runner.invoke(args=["users", "reset-link", "nobody@example.com"]).exit_code != 0


def test_users_verify_link_lets_an_owner_verify_on_an_install_without_mail(app, runner, app_ctx, monkeypatch):
    """No MAIL_URL: the verification email stays on the machine, and the banner says how to get the link."""
    from tests.conftest import AuthActions
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role="owner", user__email_verified_at=None)
    client = app.test_client()
    AuthActions(client).login(membership.user.email)
    banner = client.get("/").get_data(as_text=True)
    assert f"users verify-link {membership.user.email}" in banner
    monkeypatch.delenv("BASE_URL", raising=False)
    printed = runner.invoke(args=["users", "verify-link", membership.user.email])
    assert printed.exit_code == 0
    # a shell without BASE_URL or PORT built the link for port 5000 while Nudge ran on another: it says so
    assert f"The link is for {app.config['BASE_URL']}: if Nudge runs elsewhere, set BASE_URL or PORT" in printed.stderr
    path = printed.stdout.strip().removeprefix(app.config["BASE_URL"])
    assert path.startswith("/verify-email/") and client.get(path).status_code == 303
    assert 'id="verify-email-banner"' not in client.get("/").get_data(as_text=True)
    assert runner.invoke(args=["users", "verify-link", "nobody@example.com"]).exit_code != 0
