"""Benchmark: import a 100,000-row CSV of contacts into SQLite through the real import path.

Generates a realistic file (names, emails, phone numbers in the formats people type, companies,
tags, 2% bad rows), then measures, each in a process of its own:

  plain   a plain script: parse with csv, validate with email-validator and phonenumbers,
          insert with one SQLAlchemy Core executemany (the yardstick);
  nudge   contacts.imports.start_import on a fresh database, run by a real Huey consumer started
          as `make run` starts it (`flask worker`: SQLite storage, worker processes), from the
          upload until the import is completed.

Prints both rates, their ratio and the peak memory of each process (the bench's own, the
consumer's and its workers'); PASS when the import takes under 10 s end to end, every process
stays under 300 MB, it reaches 40% of the plain script's rate and imports the same rows.

    .venv/bin/python bench/import_contacts.py [--rows 100000]
"""
import argparse
import csv
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMIT_SECONDS = 10.0
LIMIT_MB = 300
MIN_RATIO = 0.40

FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
         "Joseph Jessica Thomas Sarah Carlos Maria José Ana Wei Li Aisha Fatima Olu Chidi Sven Ingrid Zoë "
         "Renée François Siobhan Mateo Lucía Hiroshi Yuki Priya Arjun").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
        "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
        "O'Brien Müller Nguyen Kim Patel Okafor Johansson Dubois Rossi Tanaka Kowalski").split()
DOMAINS = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com", "comcast.net",
           "protonmail.com", "example.org", "acme-plumbing.com", "bluebird.co.uk", "mail.de")
AREA_CODES = (201, 202, 212, 213, 214, 305, 310, 312, 404, 415, 469, 503, 512, 602, 617, 646, 702, 713, 718,
              773, 786, 801, 808, 818, 917, 949, 971)
COMPANIES = ("", "", "", "Acme Corp", "Globex", "Initech", "Umbrella LLC", "Stark Industries", "Wayne Enterprises",
             "Bluth Company", "Vandelay Industries", "Pied Piper", "Hooli")
TAGS = ("", "", "vip", "newsletter", "customer", "customer, vip", "lead", "wholesale; retail")


def us_phone(rng, i=None):
    """A US mobile number in one of the ways people type them; unique for each ``i``."""
    area = rng.choice(AREA_CODES)
    exchange, line = (rng.randint(200, 999), rng.randint(0, 9999)) if i is None else (200 + i // 10000, i % 10000)
    return rng.choice((
        f"({area}) {exchange}-{line:04d}", f"{area}-{exchange}-{line:04d}", f"+1 {area} {exchange} {line:04d}",
        f"{area}{exchange}{line:04d}", f"1-{area}-{exchange}-{line:04d}", f"{area}.{exchange}.{line:04d}",
    ))


def bad_row(rng, i):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return rng.choice((
        [f"{first}.{last}{i}@", first, last, "", "", ""],          # broken email
        [f"{first} {last}", first, last, "", "", ""],              # a name in the email column
        ["", first, last, "555-01", "", ""],                       # too short a phone
        ["", first, last, "", "Acme Corp", "vip"],                 # neither email nor phone
        [f"{first}@{last}..com", first, last, us_phone(rng), "", ""],
    ))


def generate(path, rows, seed=7):
    """A CSV like a real export: header, 2% bad rows, some contacts with only a phone or only an email."""
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Email", "First Name", "Last Name", "Mobile Phone", "Company", "Tags"])
        for i in range(rows):
            if rng.random() < 0.02:
                writer.writerow(bad_row(rng, i))
                continue
            first, last = rng.choice(FIRST), rng.choice(LAST)
            kind = rng.random()
            email = f"{first}.{last}.{i}@{rng.choice(DOMAINS)}".lower().replace("'", "") if kind > 0.1 else ""
            phone = us_phone(rng, i) if kind < 0.8 else ""
            writer.writerow([email, first, last, phone, rng.choice(COMPANIES), rng.choice(TAGS)])


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- the yardstick -------------------------------------------------------------------------------

def plain(path, workdir):
    """Parse with csv, validate with the same libraries, insert with one Core executemany."""
    import uuid

    import phonenumbers
    from email_validator import EmailNotValidError, validate_email
    from sqlalchemy import JSON, Column, MetaData, String, Table, Uuid, create_engine, insert

    metadata = MetaData()
    contacts = Table(
        "contacts", metadata,
        Column("id", Uuid, primary_key=True), Column("email", String(254), unique=True),
        Column("phone", String(20), unique=True), Column("first_name", String(100)), Column("last_name", String(100)),
        Column("company_name", String(200)), Column("tags", JSON),
    )
    engine = create_engine(f"sqlite:///{workdir}/plain.db")
    metadata.create_all(engine)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    values, failed = [], 0
    with open(path, newline="", encoding="utf-8-sig") as source:
        reader = csv.reader(source)
        next(reader)
        for email, first, last, phone, company, tags in reader:
            try:
                email = validate_email(email, check_deliverability=False).normalized.lower() if email else None
                if phone:
                    number = phonenumbers.parse(phone, "US")
                    if not phonenumbers.is_valid_number(number):
                        raise ValueError(phone)
                    phone = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                else:
                    phone = None
                if not email and not phone:
                    raise ValueError("no address")
            except (EmailNotValidError, phonenumbers.NumberParseException, ValueError):
                failed += 1
                continue
            values.append({"id": uuid.uuid4(), "email": email, "phone": phone, "first_name": first, "last_name": last,
                           "company_name": company, "tags": [t.strip() for t in tags.replace(";", ",").split(",") if t.strip()]})
    with engine.begin() as conn:
        conn.execute(insert(contacts), values)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": cpu_seconds() - cpu_started, "imported": len(values), "failed": failed,
            "peak_mb": peak_mb()}


# --- the real thing ------------------------------------------------------------------------------

def nudge(path, workdir):
    """The import as a user runs it: start_import, then `flask worker` (a real consumer) does the work."""
    os.environ.update(
        INSTANCE_PATH=workdir, DATABASE_URL=f"sqlite:///{workdir}/nudge.db", HUEY_URL=f"sqlite:///{workdir}/huey.db",
        HUEY_IMMEDIATE="false", SECRET_KEY="bench", LOG_LEVEL="WARNING",
    )
    from sqlalchemy import func, select

    from config import Config
    from nudgeweb import create_app
    from nudgeweb.auth.operations import add_user_to_organization
    from nudgeweb.extensions import db
    from nudgeweb.imports.operations import start_import
    from nudgeweb.models import Contact, ContactImport
    from nudgeweb.tasks import heartbeat
    from nudgeweb.unit_of_work import unit_of_work

    app = create_app(Config())
    with app.app_context():
        db.create_all()
        with unit_of_work():
            membership = add_user_to_organization("owner@bench.example", "bench-password", "Bench Bakery", "owner", "Bench")
            organization, user = membership.organization, membership.user
        data = Path(path).read_bytes()
        consumer = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker"], cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            heartbeat().get(blocking=True, timeout=60)  # the consumer is up and taking tasks
            started, cpu_started = time.perf_counter(), cpu_seconds()
            with unit_of_work(organization.id):  # commits, then the chunks are queued
                record = start_import(organization, user, data, "bench.csv")
                import_id = record.id
            del data, record
            with unit_of_work(organization.id):
                while True:
                    db.session.rollback()
                    status = db.session.scalar(select(ContactImport.status).where(ContactImport.id == import_id))
                    if status in ("completed", "failed") or consumer.poll() is not None:
                        break
                    time.sleep(0.05)  # (looking more often takes CPU from the workers)
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
            workers = process_stats(consumer.pid)
        finally:
            consumer.send_signal(signal.SIGINT)
            _, errors = consumer.communicate(timeout=60)
        with unit_of_work(organization.id):
            record = db.session.get(ContactImport, import_id)
            stored = db.session.scalar(select(func.count()).select_from(Contact))
            return {"seconds": seconds, "cpu": cpu, "imported": record.succeeded, "failed": record.failed,
                    "status": record.status, "stored": stored, "peak_mb": peak_mb(),
                    "error": record.error or errors.decode()[-2000:] or None,
                    "consumer_peak_mb": workers[0]["peak_mb"], "worker_peak_mb": [w["peak_mb"] for w in workers[1:]],
                    "worker_cpu": sum(w["cpu"] for w in workers)}


def process_stats(pid):
    """[{peak_mb, cpu}] of the process ``pid`` and then of each of its children, from /proc."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    stats = []
    for process in [pid, *map(int, children)]:
        status = Path(f"/proc/{process}/status").read_text()
        peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        stats.append({"peak_mb": peak_kb / 1024, "cpu": (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")})
    return stats


def run_phase(phase, path):
    with tempfile.TemporaryDirectory() as workdir:
        out = subprocess.run([sys.executable, __file__, "--phase", phase, "--file", str(path), "--workdir", workdir],
                             capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"{phase} phase failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--phase", choices=("plain", "nudge"))
    parser.add_argument("--file")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    if args.phase:
        result = (plain if args.phase == "plain" else nudge)(args.file, args.workdir)
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        generate(path, args.rows)
        print(f"file: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        base = run_phase("plain", path)
        real = run_phase("nudge", path)
    base_rate = args.rows / base["seconds"]
    real_rate = args.rows / real["seconds"]
    ratio = real_rate / base_rate
    print(f"plain script: {base['seconds']:.2f} s ({base['cpu']:.2f} s CPU), {base_rate:,.0f} rows/s "
          f"({base['imported']:,} imported, {base['failed']:,} bad), peak {base['peak_mb']:.0f} MB")
    workers_mb = ", ".join(f"{mb:.0f}" for mb in real["worker_peak_mb"])
    print(f"nudge import: {real['seconds']:.2f} s ({real['cpu']:.2f} s CPU here, {real['worker_cpu']:.2f} s in the consumer), "
          f"{real_rate:,.0f} rows/s ({real['imported']:,} imported, {real['failed']:,} failed, {real['stored']:,} stored, "
          f"{real['status']}), peak {real['peak_mb']:.0f} MB here, consumer {real['consumer_peak_mb']:.0f} MB, "
          f"its processes (scheduler and workers) {workers_mb} MB")
    if real["status"] != "completed":
        print(f"  error: {real['error']}")
    print(f"ratio: {ratio:.0%} of the plain script's rate (needs {MIN_RATIO:.0%})")
    checks = {
        f"under {LIMIT_SECONDS:.0f} s": real["seconds"] < LIMIT_SECONDS,
        f"under {LIMIT_MB} MB in every process": max(real["peak_mb"], real["consumer_peak_mb"], *real["worker_peak_mb"]) < LIMIT_MB,
        f"at least {MIN_RATIO:.0%} of plain": ratio >= MIN_RATIO,
        "completed": real["status"] == "completed",
        "same rows imported as plain": real["imported"] == base["imported"],
    }
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'MISS'} {name}")
    passed = all(checks.values())
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
