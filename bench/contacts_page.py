"""The contact list page at 100,000 contacts: server time for each filter, sort, page and search.

Loads 100,000 realistic contacts (with tags) into one organization of a fresh database (SQLite
by default; BENCH_DATABASE_URL for PostgreSQL), then times GET /contacts through the real app
(test client, logged in) several times each and prints the median. Target: under 100 ms each.
"""
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402

from config import TestConfig  # noqa: E402
from nudgeweb import create_app  # noqa: E402
from nudgeweb.contacts.demo_people import person  # noqa: E402
from nudgeweb.contacts.fields import contact_insert_values  # noqa: E402
from nudgeweb.contacts.operations import tag_ids_for  # noqa: E402
from nudgeweb.extensions import db  # noqa: E402
from nudgeweb.models import Contact, Organization, contact_tags, utcnow  # noqa: E402

TARGET_MS = 100
COUNT = int(os.environ.get("BENCH_CONTACTS", "100000"))


def load_contacts(organization_id, count, seed=7):
    """Insert ``count`` contacts with tags through Core, in batches; spread created_at over two years."""
    from datetime import timedelta

    from nudgeweb.contacts.demo_people import TAGS

    rng = random.Random(seed)
    tag_ids = tag_ids_for(organization_id, list(TAGS))
    now = utcnow()
    statuses = ["subscribed"] * 90 + ["unsubscribed"] * 7 + ["bounced"] * 2 + ["complained"]
    sources = ["manual"] * 20 + ["import"] * 60 + ["api"] * 15 + ["review_request"] * 5
    for start in range(0, count, 5000):
        rows, links = [], []
        for n in range(start, min(count, start + 5000)):
            data = person(rng, n)
            values = contact_insert_values(organization_id, data, rng.choice(sources),
                                           now=now - timedelta(minutes=(count - n) * 10))
            values["status"] = rng.choice(statuses)
            rows.append(values)
            links += [{"contact_id": values["id"], "tag_id": tag_ids[t]} for t in data["tags"]]
        db.session.execute(insert(Contact), rows)
        if links:
            db.session.execute(insert(contact_tags), links)
        db.session.commit()


def timed(client, url, repeat=5):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), response


def main():
    from nudgeweb.auth.operations import add_user_to_organization

    tmp = tempfile.mkdtemp(prefix="nudge-bench-")
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.db")
    app = create_app(TestConfig(tmp, SQLALCHEMY_DATABASE_URI=url, WTF_CSRF_ENABLED=False))
    with app.app_context():
        db.drop_all()
        db.create_all()
        membership = add_user_to_organization("bench@example.com", "bench-password", "Bench Bakery")
        organization_id = membership.organization_id
        other = Organization(name="Other")
        db.session.add(other)
        db.session.commit()
        started = time.perf_counter()
        load_contacts(organization_id, COUNT)
        load_contacts(other.id, 1000, seed=8)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE"))
        print(f"loaded {COUNT:,} contacts on {db.engine.dialect.name} in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.com", "password": "bench-password"})
    cases = [
        ("first page", "/contacts"),
        ("page 2", "/contacts?page=2"),
        ("page 100", "/contacts?page=100"),
        ("last page", f"/contacts?page={COUNT // 25}"),
        ("sort last name", "/contacts?sort=last_name"),
        ("sort -last name, page 2000", "/contacts?sort=-last_name&page=2000"),
        ("sort email", "/contacts?sort=email"),
        ("sort -phone", "/contacts?sort=-phone"),
        ("sort company, page 50", "/contacts?sort=company_name&page=50"),
        ("sort updated", "/contacts?sort=-updated_at"),
        ("sort status", "/contacts?sort=status"),
        ("sort source", "/contacts?sort=source"),
        ("status unsubscribed", "/contacts?status=unsubscribed"),
        ("status complained, sort last name", "/contacts?status=complained&sort=last_name"),
        ("source api", "/contacts?source=api"),
        ("tag vip", "/contacts?tag=vip"),
        ("tag vip, page 200", "/contacts?tag=vip&page=200"),
        ("tag vip + status, sort first name", "/contacts?tag=vip&status=subscribed&sort=first_name"),
        ("created between", "/contacts?created_after=2025-06-01&created_before=2025-09-30"),
        ("search 'a' (HTMX)", "/contacts?q=a"),
        ("search 'mar' (HTMX)", "/contacts?q=mar"),
        ("search 'maria garcia'", "/contacts?q=maria+garcia"),
        ("search 'smith12'", "/contacts?q=smith12"),
        ("search phone '415 200'", "/contacts?q=415+200"),
        ("search none 'zzzzqx'", "/contacts?q=zzzzqx"),
        ("search 'gmail' sort last name", "/contacts?q=gmail&sort=last_name"),
        ("search + tag + status", "/contacts?q=jo&tag=vip&status=subscribed"),
    ]
    failures = 0
    print(f"{'case':40} {'median ms':>10}")
    for label, path in cases:
        headers_note = ""
        ms, _response = timed(client, path)
        if "HTMX" in label:
            started = time.perf_counter()
            client.get(path, headers={"HX-Request": "true"})
            headers_note = f"   (fragment {1000 * (time.perf_counter() - started):.1f} ms)"
        verdict = "ok" if ms < TARGET_MS else "SLOW"
        failures += ms >= TARGET_MS
        print(f"{label:40} {ms:10.1f}  {verdict}{headers_note}")
    print("PASS" if not failures else f"FAIL: {failures} case(s) over {TARGET_MS} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
