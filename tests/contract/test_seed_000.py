"""Seed 000 ("Nudge API 1.0.0"): every request sample sent as it stands to /api/v1 and /oauth, its response
sample asserted field by field. The integration authenticates with OAuth 2.0, as the seed says."""

from tests.contract.shape import assert_shape

ADD_CONTACT = {
    "first_name": "Jane",
    "last_name": "Smith",
    "email": "jane@example.com",
    "mobile_phone_number": "+12125551234",
    "company_name": "Smith Industries",
    "delay_hours": 24,
    "metadata": {"source": "zapier", "custom_field": "value"},
}
ADD_CONTACT_ANSWER = {
    "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
    "contact_id": "f245e2a3-e141-4d41-912c-b1c1f5bd5598",
    "contact_name": "string",
    "contact_email": "user@example.com",
    "contact_phone": "string",
    "scheduled_for": "2019-08-24T14:15:22Z",
    "status": "scheduled",
    "message": "string",
}
CONNECTION = {"active": True, "auth_type": "oauth", "user_id": "a169451c-8525-4352-b8ca-070dd449a1a5",
              "scopes": ["read", "write"], "expires_at": "2019-08-24T14:15:22Z", "created_at": "2019-08-24T14:15:22Z",
              "last_used_at": "2019-08-24T14:15:22Z"}
TOKEN = {"access_token": "string", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "string",
         "scope": "read write"}


def test_add_contact_send_review_request(client, bearer, review_link):
    response = client.post("/api/v1/review_requests", json=ADD_CONTACT, headers=bearer)
    assert response.status_code == 201, response.json
    assert_shape(response.json, ADD_CONTACT_ANSWER)
    assert response.json["status"] == "scheduled" and response.json["scheduled_for"].endswith("Z")
    assert response.json["contact_email"] == "jane@example.com" and response.json["contact_phone"] == "+12125551234"


def test_get_input_fields(client, bearer):
    response = client.get("/api/v1/input_fields", headers=bearer)
    assert response.status_code == 200
    assert_shape(response.json, {"fields": [{"key": "email", "label": "Email", "type": "string", "required": True,
                                             "help_text": "string"}]})
    assert {"first_name", "email", "mobile_phone_number", "delay_hours"} <= {f["key"] for f in response.json["fields"]}


def test_get_user_information(client, bearer, owner):
    response = client.get("/api/v1/me", headers=bearer)
    assert response.status_code == 200
    assert_shape(response.json, {"id": "497f6eca-6276-4993-bfeb-53cbbbba6f08", "email": "user@example.com",
                                 "business_name": "string"})
    assert response.json == {"id": str(owner.user_id), "email": owner.user.email, "business_name": "Acme Plumbing"}


def test_check_connection_status(client, bearer):
    response = client.get("/api/v1/connection", headers=bearer)
    assert response.status_code == 200
    assert_shape(response.json, CONNECTION)
    assert response.json["active"] is True and response.json["auth_type"] == "oauth"
    assert set(response.json) == set(CONNECTION)


def test_oauth_token_endpoint_and_refresh(dance, owner):
    tokens = dance.tokens_for(owner.user.email)
    assert_shape(tokens, TOKEN)
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600 and tokens["scope"] == "read write"
    refreshed = dance.refresh(tokens["refresh_token"])
    assert refreshed.status_code == 200
    assert_shape(refreshed.get_json(), TOKEN)


def test_revoke_oauth_tokens(dance, owner):
    tokens = dance.tokens_for(owner.user.email)
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    response = dance.api.post("/oauth/revoke", headers=bearer, json={"token": tokens["refresh_token"]})
    assert response.status_code == 200
    assert response.get_json() == {"success": True, "message": "Tokens revoked successfully", "revoked_count": 1}
