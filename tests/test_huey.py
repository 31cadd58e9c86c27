"""Huey: tasks run inside the app, in immediate mode for unit tests and through a real consumer."""
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from nudgeweb.extensions import db, huey
from nudgeweb.imports.operations import start_import
from nudgeweb.models import Contact
from nudgeweb.tasks import heartbeat
from nudgeweb.unit_of_work import unit_of_work


def test_immediate_mode_runs_tasks_at_once(client):
    result = heartbeat()
    assert result.get().endswith("Z")
    assert client.get("/healthz").get_json()["worker_last_seen"] == result.get()


def test_real_consumer_runs_a_scheduled_task(huey_consumer, client):
    started = time.monotonic()
    result = heartbeat.schedule(delay=1)
    assert result.get(blocking=True, timeout=15).endswith("Z")
    assert time.monotonic() - started >= 0.9  # it waited for its time
    health = client.get("/healthz").get_json()
    assert health == {"database": "ok", "worker_last_seen": result.get(preserve=True)}


def test_the_worker_command_imports_in_worker_processes(app, owner, organization):
    """`flask worker` as `make run` starts it: forked worker processes, each with connections of its own."""
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], HUEY_URL=app.config["HUEY_URL"],
               HUEY_NAME=app.config["HUEY_NAME"], INSTANCE_PATH=app.instance_path, SECRET_KEY="test-secret-key",
               HUEY_WORKER_TYPE="process", HUEY_IMMEDIATE="false", LOG_LEVEL="WARNING")
    rows = "\n".join(f"worker{i}@example.com,Person {i}" for i in range(1200))
    huey.immediate = False
    huey.flush()
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        with unit_of_work(organization.id):  # its chunks are queued when this commits
            record = start_import(organization, owner.user, f"Email,Name\n{rows}\n".encode(), "people.csv")
        deadline = time.monotonic() + 60
        while record.status == "processing" and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
            db.session.refresh(record)
    finally:
        errors = stop_process_group(worker)
        huey.flush()
        huey.immediate = True
    assert (record.status, record.created_count) == ("completed", 1200), errors[-2000:]
    stored = db.session.scalar(select(func.count()).where(Contact.organization_id == organization.id))
    assert stored == 1200


def stop_process_group(worker):
    """Stop a consumer and its forked workers (they outlive a killed parent); its stderr as text."""
    os.killpg(worker.pid, signal.SIGINT)
    try:
        _, errors = worker.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        _, errors = worker.communicate()
    return errors.decode(errors="replace")
