"""The contacts API at 100,000 contacts under gunicorn (2 workers), against a bare Flask endpoint.

Loads 100,000 contacts into one organization of a fresh database (SQLite by default;
BENCH_DATABASE_URL for PostgreSQL), then serves under the same gunicorn settings and the same
load generator (wrk when installed, else a Python one):
  1. a bare Flask app answering {"ok": true}, and
  2. GET /api/v1/contacts?filter[status]=subscribed&sort=-created_at&page[size]=25&page[cursor]=...
     (cursors of the first pages, taken in turn), in five turns each, one after the other;
  3. the same list at /api/v2 (seed 001's dialect: cursor paging by default, meta.total on every page),
     taking turns with 1. and 2., so that v2 and v1 are measured alike in the same run;
  4. then the v1 list with page[number] (pages 1-40 in turn, with total_records) at 16 clients.
Targets: the cursor list serves at least 25% of the bare endpoint's requests per second; /api/v2
serves at least 85% of /api/v1's (the same figures within noise); the page[number] list keeps p99
under 50 ms. Authentication and rate-limit bookkeeping run as in
production (the key's last_used_at is written at most once a minute).
"""
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402

COUNT = int(os.environ.get("BENCH_CONTACTS", "100000"))
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = 5  # the bare endpoint and the cursor list take turns, DURATION / ROUNDS seconds at a time
CLIENTS = 16
RATIO_TARGET = 0.25
V2_RATIO_TARGET = 0.85
P99_TARGET_MS = 50
LIST = "/api/v1/contacts?filter%5Bstatus%5D=subscribed&sort=-created_at&page%5Bsize%5D=25"

# The bare endpoint, served by gunicorn from this module (gunicorn --chdir bench api_contacts:bare).
bare = Flask("bare")


@bare.get("/ok")
def ok():
    return {"ok": True}


REDIS = "redis://127.0.0.1:6379/0"


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env):
    """A database with COUNT contacts, an owner and an API key; returns the key."""
    os.environ.update(env)
    from config import Config
    from nudgeweb import create_app
    from nudgeweb.api.keys import create_api_key
    from nudgeweb.extensions import db
    from nudgeweb.models import ApiSettings
    from nudgeweb.unit_of_work import unit_of_work
    from tests.factories import MembershipFactory

    sys.path.insert(0, str(ROOT / "bench"))
    from contacts_page import load_contacts

    app = create_app(Config())
    with app.app_context():
        db.drop_all()  # BENCH_DATABASE_URL's database may hold an earlier run's tables
        db.create_all()
        membership = MembershipFactory(role="owner", organization__name="Bench Co")
        started = time.perf_counter()
        load_contacts(membership.organization_id, COUNT)
        print(f"loaded {COUNT:,} contacts in {time.perf_counter() - started:.0f} s")
        # The bench measures the limiter's bookkeeping, not its refusals.
        with unit_of_work(membership.organization_id):
            db.session.add(ApiSettings(organization_id=membership.organization_id, rate_limit_per_minute=10_000_000))
            _, secret = create_api_key(membership, "bench", ["contacts:read"])
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("ANALYZE")  # the statistics autovacuum gathers after a bulk load
                connection.exec_driver_sql("CHECKPOINT")  # the load's pages written now, not while measuring
        db.engine.dispose()
    return secret


class Server:
    """gunicorn, 2 sync workers, on a free port."""

    def __init__(self, target, chdir, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--chdir", str(chdir),
             "--log-level", "warning", target],
            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait(self, path, headers=None):
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                request = urllib.request.Request(self.base + path, headers=headers or {})
                with urllib.request.urlopen(request, timeout=5) as response:
                    return json.loads(response.read())
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not answer: {self.process.stderr.read().decode()[-2000:]}")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def load(base, paths, headers, seconds=DURATION, clients=CLIENTS):
    """(requests per second, p50 ms, p99 ms, non-2xx) for GETs of ``paths`` in turn."""
    if shutil.which("wrk"):
        return _wrk(base, paths, headers, seconds, clients)
    return _python_load(base, paths, headers, seconds, clients)


def _wrk(base, paths, headers, seconds, clients):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lines = [f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items()]
    lines.append("paths = {" + ",".join(json.dumps(p) for p in paths) + "}")
    lines.append("counter = 0")
    lines.append("request = function() counter = counter + 1; "
                 "return wrk.format('GET', paths[(counter % #paths) + 1]) end")
    script.write("\n".join(lines))
    script.close()
    output = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--latency", "-s", script.name,
                             base], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    if os.environ.get("BENCH_VERBOSE"):
        print(output)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _python_load(base, paths, headers, seconds, clients):
    import http.client

    host, port = base.removeprefix("http://").split(":")
    latencies, errors, stop = [], [0], time.time() + seconds

    def client(offset):
        n = offset
        while time.time() < stop:
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            started = time.perf_counter()
            connection.request("GET", paths[n % len(paths)], headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            errors[0] += response.status >= 300
            connection.close()
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return (len(latencies) / seconds, statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1],
            errors[0])


def drained(server, path, headers, run):
    """``run``'s figures once ``server`` has answered what the load left queued: when wrk stops, the
    requests of its clients still in gunicorn's queue are served all the same, and would be counted
    against whatever is measured next on this server (the v2 list after the v1 list, every round)."""
    figures = run()
    server.wait(path, headers)  # (answered after the queue before it)
    return figures


def combined(runs):
    """Runs of equal length as one: mean requests a second, median p50 and p99, all errors."""
    return (statistics.mean(r[0] for r in runs), statistics.median(r[1] for r in runs),
            statistics.median(r[2] for r in runs), sum(r[3] for r in runs))


def environment(workdir):
    """The settings of a bench's app: its own database and queue in ``workdir``."""
    return {
        "INSTANCE_PATH": str(workdir),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir}/nudge.db",
        "HUEY_URL": f"sqlite:///{workdir}/huey.db",
        "SECRET_KEY": "bench-secret",
        "LOG_LEVEL": "WARNING",
        # Several web processes share their counters in Redis (README: running it large); memory otherwise.
        "RATELIMIT_STORAGE_URL": os.environ.get("BENCH_REDIS_URL") or (REDIS if redis_answers() else "memory://"),
    }


def cursor_paths(server, headers, pages=40, first=LIST + "&page%5Bcursor%5D="):
    paths, url = [], first
    for _ in range(pages):
        paths.append(url)
        document = server.wait(url, headers)
        url = document["links"]["next"].removeprefix(server.base)
    return paths


def main():
    workdir = Path(tempfile.mkdtemp(prefix="nudge-bench-api-"))
    env = environment(workdir)
    servers = []
    try:
        secret = prepare(env)
        headers = {"X-API-Key": secret}
        loader = "wrk" if shutil.which("wrk") else "a Python load generator (install wrk for better figures)"
        print(f"gunicorn 2 workers, {CLIENTS} clients, {DURATION} s each, load by {loader}, database "
              f"{env['DATABASE_URL'].split(':')[0]}, rate limits in {env['RATELIMIT_STORAGE_URL'].split(':')[0]}")

        bare_server = Server("api_contacts:bare", ROOT / "bench", env)
        app_server = Server("app:app", ROOT, env)
        servers += [bare_server, app_server]
        bare_server.wait("/ok")
        app_server.wait(LIST, headers)
        cursors = cursor_paths(app_server, headers)
        v2_cursors = cursor_paths(app_server, headers, first=LIST.replace("/api/v1/", "/api/v2/"))
        numbers = [f"{LIST}&page%5Bnumber%5D={n}" for n in range(1, 41)]
        total = app_server.wait(numbers[0], headers)["meta"]["page"]["total_records"]
        load(bare_server.base, ["/ok"], {}, seconds=2)
        load(app_server.base, cursors, headers, seconds=2)
        drained(app_server, LIST, headers, lambda: load(app_server.base, v2_cursors, headers, seconds=2))
        # The two are measured in turns, so that a change in this machine's speed during the run
        # (other tenants of a shared host) weighs on both alike.
        bare_runs, cursor_runs, v2_runs = [], [], []
        seconds = max(1, DURATION // ROUNDS)
        for _ in range(ROUNDS):
            bare_runs.append(drained(bare_server, "/ok", {}, lambda: load(bare_server.base, ["/ok"], {}, seconds)))
            cursor_runs.append(drained(app_server, LIST, headers, lambda: load(app_server.base, cursors, headers, seconds)))
            v2_runs.append(drained(app_server, LIST, headers, lambda: load(app_server.base, v2_cursors, headers, seconds)))
        bare_rps, bare_p50, bare_p99, bare_errors = combined(bare_runs)
        cursor_rps, cursor_p50, cursor_p99, cursor_errors = combined(cursor_runs)
        v2_rps, v2_p50, v2_p99, v2_errors = combined(v2_runs)
        number_rps, number_p50, number_p99, number_errors = load(app_server.base, numbers, headers)
    finally:
        for server in servers:
            if server.process.poll() is None:
                server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    ratio = cursor_rps / bare_rps
    print(f"bare Flask {{\"ok\": true}}:          {bare_rps:8.0f} req/s  p50 {bare_p50:6.1f} ms  p99 {bare_p99:6.1f} ms"
          f"  errors {bare_errors}")
    print(f"contacts, page[cursor] ({len(cursors)} cursors): {cursor_rps:8.0f} req/s  p50 {cursor_p50:6.1f} ms  "
          f"p99 {cursor_p99:6.1f} ms  errors {cursor_errors}")
    print(f"/api/v2 contacts, cursor ({len(v2_cursors)} pages): {v2_rps:8.0f} req/s  p50 {v2_p50:6.1f} ms  "
          f"p99 {v2_p99:6.1f} ms  errors {v2_errors}")
    print(f"contacts, page[number] 1-40 of {total:,}: {number_rps:8.0f} req/s  p50 {number_p50:6.1f} ms  "
          f"p99 {number_p99:6.1f} ms  errors {number_errors}")
    v2_ratio = v2_rps / cursor_rps
    passed = (ratio >= RATIO_TARGET and v2_ratio >= V2_RATIO_TARGET and number_p99 < P99_TARGET_MS
              and not (cursor_errors or v2_errors or number_errors))
    print(f"cursor list / bare = {ratio:.2f} (target >= {RATIO_TARGET}); v2 / v1 = {v2_ratio:.2f} (target >= "
          f"{V2_RATIO_TARGET}); page[number] p99 = {number_p99:.1f} ms (target < {P99_TARGET_MS} ms): "
          f"{'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
