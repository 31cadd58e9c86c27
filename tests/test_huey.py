"""Huey: tasks run inside the app, in immediate mode for unit tests and through a real consumer."""
import time

from nudgeweb.tasks import heartbeat


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
