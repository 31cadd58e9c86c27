"""Idempotent writes (POST, PUT, PATCH, DELETE): an ``Idempotency-Key`` header (or ``idempotency_key`` in the body, seed 003).

The first request with a key claims it by inserting a row (unique per organization and key),
committed before doing any work; the response is then stored in that row, in the request's
transaction (it commits with the work). Within 24 hours the same key with the same body replays
the stored status, headers and body with ``Idempotent-Replayed: true``; with another body it is
a 422 ``ERR_IDEMPOTENCY_KEY_REUSED``. A concurrent duplicate waits for the first to finish and
replays it, so the work is done once. Failed requests (4xx/5xx) release the key, so the client
can correct the request and retry with the same key.

A secret shown once (a new API key) is never stored in the record: its view gives the body to
replay without it (``replay_instead``), so a replay, whoever sends it, answers without the secret.
"""
import hashlib
import json
import time
from datetime import timedelta

from flask import Response, request
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from nudgeweb.api.errors import ApiError
from nudgeweb.extensions import db
from nudgeweb.models import IdempotencyRecord, utcnow
from nudgeweb.unit_of_work import checkpoint, rollback

REPLAY_WINDOW = timedelta(hours=24)
WAIT_FOR_FIRST = 15.0  # seconds a duplicate waits for the original request to finish
REPLAYED_HEADERS = ("Content-Type", "Location")
MAX_KEY_LENGTH = 255


def idempotency_key(body):
    """The request's idempotency key, from the header, the JSON body or the form; a 400 when it
    is malformed or given twice with different values (which one would the client mean?)."""
    given = [request.headers.get("Idempotency-Key"), body.get("idempotency_key") if isinstance(body, dict) else None,
             request.form.get("idempotency_key") if request.mimetype == "multipart/form-data" else None]
    given = [key for key in given if key is not None]
    if not given:
        return None
    if not all(isinstance(key, str) and 0 < len(key.strip()) <= MAX_KEY_LENGTH for key in given):
        raise _bad_key(f"An idempotency key is a text of 1 to {MAX_KEY_LENGTH} characters.")
    keys = {key.strip() for key in given}
    if len(keys) > 1:
        raise _bad_key("The Idempotency-Key header and the body's idempotency_key differ: send one key.")
    return keys.pop()


def _bad_key(detail):
    return ApiError(400, detail, "ERR_INVALID_PARAMETER", "Invalid idempotency key", parameter="Idempotency-Key")


def fingerprint(body):
    if isinstance(body, dict):
        payload = json.dumps({k: v for k, v in body.items() if k != "idempotency_key"}, sort_keys=True, default=str)
    elif body is not None:
        payload = json.dumps(body, sort_keys=True, default=str)
    elif request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        payload = _form_payload()
    else:
        payload = request.get_data(cache=True).hex()
    return hashlib.sha256(f"{request.method} {request.path}\n{payload}".encode()).hexdigest()


def _form_payload():
    """A form's fields and files as they parse: the same upload sent again has another multipart
    boundary, and must still count as the same body."""
    fields = sorted((k, v) for k, v in request.form.items(multi=True) if k != "idempotency_key")
    files = []
    for name, upload in sorted(request.files.items(multi=True), key=lambda item: item[0]):
        files.append((name, upload.filename, hashlib.sha256(upload.stream.read()).hexdigest()))
        upload.stream.seek(0)
    return json.dumps({"fields": fields, "files": files})


def replay_instead(response, body):
    """Store ``body`` (bytes) for replays of ``response`` rather than the response's own body."""
    response.idempotent_replay_body = body
    return response


def run_idempotently(organization_id, key, print_, work):
    """Run ``work()`` (returning a Response) once for this key; replay it afterwards."""
    record = _claim(organization_id, key, print_)
    if record is not None:
        return _replay(record)
    try:
        response = work()
    except BaseException:
        _release(organization_id, key)
        raise
    if response.status_code >= 400:
        _release(organization_id, key)
        return response
    _store(organization_id, key, response)
    return response


def _claim(organization_id, key, print_):
    """None when this request now owns the key; else the earlier request's finished record."""
    for _ in range(3):
        if _insert_claim(organization_id, key, print_):
            return None
        existing = _existing(organization_id, key)
        if existing is None:
            continue  # released meanwhile: try to claim again
        if existing.created_at < utcnow() - REPLAY_WINDOW:
            db.session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == existing.id))
            continue  # (committed with the claim that follows)
        if existing.fingerprint != print_:
            raise ApiError(422, "This Idempotency-Key was already used with a different request. "
                                "Use a new key for a new request.", "ERR_IDEMPOTENCY_KEY_REUSED",
                           "Idempotency key reused", parameter="Idempotency-Key")
        finished = _wait_until_finished(organization_id, key)
        if finished is not None:
            return finished
    raise ApiError(409, "A request with this Idempotency-Key is still being processed. Retry shortly.",
                   "ERR_IDEMPOTENCY_IN_PROGRESS", "Request in progress", headers={"Retry-After": "1"})


def _insert_claim(organization_id, key, print_):
    """Claim the key; False when another request holds it."""
    try:
        with db.session.begin_nested():
            db.session.add(IdempotencyRecord(organization_id=organization_id, key=key, fingerprint=print_))
    except IntegrityError:
        _look_again()
        return False
    # Committed before the work: a concurrent request with the same key must see the claim, and
    # wait for this one rather than do the work twice.
    checkpoint()
    return True


def _look_again():
    """End the transaction, so that the next look sees what concurrent requests committed (and no
    lock is held meanwhile). Nothing of this request is written yet: the claim comes before the work."""
    checkpoint()


def _existing(organization_id, key):
    db.session.expire_all()
    return db.session.scalar(_record(organization_id, key))


def _record(organization_id, key):
    return select(IdempotencyRecord).where(
        IdempotencyRecord.organization_id == organization_id, IdempotencyRecord.key == key)


def _wait_until_finished(organization_id, key):
    deadline = time.monotonic() + WAIT_FOR_FIRST
    while True:
        record = _existing(organization_id, key)
        if record is None or record.status_code is not None:
            return record
        _look_again()
        if time.monotonic() > deadline:
            raise ApiError(409, "A request with this Idempotency-Key is still being processed. Retry shortly.",
                           "ERR_IDEMPOTENCY_IN_PROGRESS", "Request in progress", headers={"Retry-After": "1"})
        time.sleep(0.05)


def _replay(record):
    response = Response(record.body, status=record.status_code)
    if record.status_code == 204:
        del response.headers["Content-Type"]  # no body, so no type of it (as the first answer)
    for name, value in (record.headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _store(organization_id, key, response):
    """Keep the response for replays, in the request's transaction: it commits with the work's rows,
    and a duplicate waiting for it replays it from then on."""
    record = db.session.scalar(_record(organization_id, key))
    if record is None:
        return
    record.status_code = response.status_code
    record.headers = {name: response.headers[name] for name in REPLAYED_HEADERS if name in response.headers}
    record.body = getattr(response, "idempotent_replay_body", None) or response.get_data()
    db.session.flush()


def _release(organization_id, key):
    """Undo the failed work, and give the key back at once (the request's answer is an error, which
    would roll the release back): the client may correct the request and retry with the same key."""
    rollback()
    db.session.execute(delete(IdempotencyRecord).where(
        IdempotencyRecord.organization_id == organization_id, IdempotencyRecord.key == key))
    checkpoint()


def forget_expired():
    """Delete records older than the replay window (run daily by Huey)."""
    result = db.session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < utcnow() - REPLAY_WINDOW))
    return result.rowcount
