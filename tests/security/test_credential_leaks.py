"""Credentials readable by others: invitation links in listed messages, API key secrets in replay records."""
from sqlalchemy import select

from nudgeweb.models import IdempotencyRecord, db
from tests.api_helpers import key_headers, make_key
from tests.factories import MembershipFactory


def test_a_new_api_keys_secret_is_not_replayed_nor_kept_in_the_replay_record(client, owner, organization):
    first = key_headers(make_key(owner, name="First admin's key"), **{"Idempotency-Key": "new-key-1"})
    other_admin = MembershipFactory(role="admin", organization=organization)
    second = key_headers(make_key(other_admin, name="Second admin's key"), **{"Idempotency-Key": "new-key-1"})
    body = {"name": "Zapier", "scopes": ["contacts:read"]}
    made = client.post("/api/v1/organization/api_keys", headers=first, json=body)
    assert made.status_code == 201
    secret = made.json["data"]["attributes"]["key"]
    assert secret.startswith("sk_live_")
    for headers in (second, first):  # another admin guessing the key, or the maker retrying
        replay = client.post("/api/v1/organization/api_keys", headers=headers, json=body)
        assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
        assert secret not in replay.text and replay.json["data"]["attributes"].get("key") is None
        assert replay.json["data"]["id"] == made.json["data"]["id"]
        assert "shown only in the answer that created it" in replay.json["meta"]["key"]
    [record] = db.session.scalars(select(IdempotencyRecord)).all()
    assert secret.encode() not in record.body and secret[len("sk_live_"):].encode() not in record.body
