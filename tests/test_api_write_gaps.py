"""Gaps an integrator trips over (issue 23): an API key sent as a Bearer token, and Idempotency-Key on
PUT, PATCH and DELETE as on POST."""
import pytest

from tests.api_helpers import key_headers, make_key


@pytest.fixture
def secret(owner):
    return make_key(owner)


def test_an_api_key_is_accepted_as_a_bearer_token(client, secret):
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200 and response.get_json()["email"]
    assert client.get("/api/v1/connection", headers={"Authorization": f"Bearer {secret}"}).get_json()["auth_type"] \
        == "api_key"
    wrong = client.get("/api/v1/me", headers={"Authorization": "Bearer sk_live_not-a-key"})
    assert wrong.status_code == 401 and wrong.get_json()["errors"][0]["code"] == "ERR_AUTH_INVALID_TOKEN"


def _contact(client, secret):
    return client.post("/api/v1/contacts", json={"email": "ada@example.com"}, headers=key_headers(secret)).get_json()


@pytest.mark.parametrize("method", ["put", "patch"])
def test_idempotency_key_replays_an_update_and_refuses_another_body(client, secret, method):
    contact_id = _contact(client, secret)["data"]["id"]
    headers = key_headers(secret, **{"Idempotency-Key": f"rename-{method}"})
    send = getattr(client, method)
    first = send(f"/api/v1/contacts/{contact_id}", json={"first_name": "Ada"}, headers=headers)
    client.patch(f"/api/v1/contacts/{contact_id}", json={"first_name": "Grace"}, headers=key_headers(secret))
    again = send(f"/api/v1/contacts/{contact_id}", json={"first_name": "Ada"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true" and again.get_json() == first.get_json()
    other = send(f"/api/v1/contacts/{contact_id}", json={"first_name": "Bea"}, headers=headers)
    assert other.status_code == 422 and other.get_json()["errors"][0]["code"] == "ERR_IDEMPOTENCY_KEY_REUSED"


def test_a_retried_delete_with_its_key_answers_as_the_first(client, secret):
    contact_id = _contact(client, secret)["data"]["id"]
    headers = key_headers(secret, **{"Idempotency-Key": "delete-ada"})
    first = client.delete(f"/api/v1/contacts/{contact_id}", headers=headers)
    again = client.delete(f"/api/v1/contacts/{contact_id}", headers=headers)
    assert first.status_code == again.status_code == 204 and again.headers["Idempotent-Replayed"] == "true"
    assert again.data == b"" and "Content-Type" not in again.headers
    assert client.delete(f"/api/v1/contacts/{contact_id}", headers=key_headers(secret)).status_code == 404
