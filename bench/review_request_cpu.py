"""The web's CPU for one review request (POST /api/v1/review_requests, as bench/review_requests.py posts it), in
process through Flask's test client, and, given another checkout, the two trees side by side.

On a machine whose speed drifts (this one's varies by half within an hour) two runs one after the other cannot
tell a 5 % change; here each tree runs in a process of its own and they take turns, a block of requests each,
so both are measured at the same moments, and the answer is the median of the blocks' ratios.

    .venv/bin/python bench/review_request_cpu.py                   # this tree: CPU ms a request
    .venv/bin/python bench/review_request_cpu.py /work/older-tree  # the other tree first, then this one

The other checkout needs its own .venv (a link to this one's will do) and bench/review_requests.py with its
setup(). BLOCKS (default 30) blocks of BLOCK (default 100) requests, after 200 to warm up.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BLOCKS = int(os.environ.get("BLOCKS", 30))
BLOCK = int(os.environ.get("BLOCK", 100))
WARM_UP = 200


def worker():
    """In the tree of the working directory: set up, then for each line read post that many requests and
    print the CPU seconds they took."""
    sys.path.insert(0, os.getcwd())
    from bench import review_requests

    review_requests.BULK = 100
    instance = tempfile.mkdtemp(prefix="nudge-cpu-")
    app, _organization_id, secret, _user_id = review_requests.setup({
        "INSTANCE_PATH": instance, "MAIL_URL": "smtp://127.0.0.1:9?starttls=off&timeout=5", "LOG_LEVEL": "WARNING",
        "HUEY_NAME": f"cpu-{os.getpid()}", "SECRET_KEY": "bench-secret-key-" + "x" * 32,
        "DATABASE_URL": f"sqlite:///{instance}/nudge.db", "HUEY_URL": f"sqlite:///{instance}/huey.db"})
    client, headers, posted = app.test_client(), {"X-API-Key": secret, "Content-Type": "application/json"}, 0

    def post(count):
        nonlocal posted
        for number in range(posted, posted + count):
            body = f'{{"first_name": "Customer{number}", "email": "customer{number}@example.com", "delay_hours": 0}}'
            answer = client.post("/api/v1/review_requests", headers=headers, data=body)
            if answer.status_code != 201:
                raise SystemExit(f"{answer.status_code} {answer.get_data(as_text=True)}")
        posted += count

    post(WARM_UP)
    print("ready", flush=True)
    for line in sys.stdin:
        started = time.process_time()
        post(int(line))
        print(time.process_time() - started, flush=True)


def start(tree):
    process = subprocess.Popen([str(Path(tree) / ".venv/bin/python"), str(Path(__file__).resolve()), "--worker"],
                               cwd=tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if process.stdout.readline().strip() != "ready":
        raise SystemExit(f"{tree}: the worker did not start")
    return process


def block(process):
    process.stdin.write(f"{BLOCK}\n")
    process.stdin.flush()
    return float(process.stdout.readline()) * 1000 / BLOCK


def main():
    trees = [*sys.argv[1:2], str(Path(__file__).resolve().parent.parent)]
    workers = [start(tree) for tree in trees]
    times = [[] for _ in trees]
    for number in range(BLOCKS):
        order = range(len(workers)) if number % 2 == 0 else reversed(range(len(workers)))
        for index in order:  # (turn about: neither always goes first)
            times[index].append(block(workers[index]))
    for process in workers:
        process.stdin.close()
        process.wait()
    for tree, measured in zip(trees, times):
        print(f"{tree}: {statistics.median(measured):.2f} ms of CPU a review request (median of {BLOCKS} blocks of {BLOCK})")
    if len(trees) == 2:
        ratios = [new / old for old, new in zip(*times)]
        low, _, high = statistics.quantiles(ratios, n=4)
        print(f"this tree / the other: {statistics.median(ratios):.3f} (quartiles {low:.3f}–{high:.3f})")


if __name__ == "__main__":
    worker() if sys.argv[1:] == ["--worker"] else main()
