"""A real consumer (`flask worker`) in a process of its own, on the test's database and queue, and its crash."""
import os
import signal
import subprocess
import sys
import time
import uuid

from huey.storage import RedisStorage

from config import ROOT
from nudgeweb.extensions import huey
from nudgeweb.models import db


def wait_until(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.remove()
        if predicate():
            return True
        time.sleep(0.05)
    return False


def start_worker(app, tmp_path, workers, **settings):
    """`flask worker --workers N` with the test app's database, queue and secrets, and ``settings`` (environment
    variables). On Redis its connections carry a name of their own, for crash() to look for."""
    client_name = f"test-worker-{uuid.uuid4().hex[:12]}"
    queue_url = app.config["HUEY_URL"]
    if queue_url.startswith("redis"):
        queue_url += ("&" if "?" in queue_url else "?") + f"client_name={client_name}"
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "HUEY_URL": queue_url,
           "HUEY_NAME": app.config["HUEY_NAME"], "SECRET_KEY": app.config["SECRET_KEY"], "INSTANCE_PATH": str(tmp_path),
           "BASE_URL": app.config["BASE_URL"], **settings}
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker", "--workers", str(workers)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    worker.redis_client_name = client_name
    return worker


def crash(worker):
    """SIGKILL the consumer and its forked worker processes at once, as a machine losing power would.
    Killing the consumer alone leaves its worker process running on, sending from the same queue.

    Then wait until Redis has dropped their connections, before the test recovers at once (a real crash is
    swept a minute later): a pop a dead worker left waiting may be what took the recovery's task off the queue
    in the rare failures of test_campaign_crash (not proven)."""
    try:
        os.killpg(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.wait(10)
    if isinstance(huey.storage, RedisStorage):
        assert wait_until(lambda: not any(client["name"] == worker.redis_client_name
                                          for client in huey.storage.conn.client_list()), timeout=10)

