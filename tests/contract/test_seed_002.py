"""Seed 002 (the same Nudge API as field tables): the fields' types, defaults, requirements and enums."""
import pytest

from tests.conftest import AuthActions
from tests.contract.shape import assert_shape
from tests.contract.test_seed_000 import ADD_CONTACT_ANSWER, TOKEN
from tests.oauth_flow import pkce_pair


def test_delay_hours_defaults_to_0_and_email_alone_will_do(client, bearer, review_link):
    response = client.post("/api/v1/review_requests", json={"email": "jane@example.com"}, headers=bearer)
    assert response.status_code == 201
    assert_shape(response.json, ADD_CONTACT_ANSWER, nullable=("contact_phone",))
    assert "sent now" in response.json["message"]


def test_a_mobile_phone_number_alone_will_do(client, bearer, review_link):
    response = client.post("/api/v1/review_requests", json={"mobile_phone_number": "+12125551234",
                                                            "first_name": "Jane"}, headers=bearer)
    assert response.status_code == 201
    assert_shape(response.json, ADD_CONTACT_ANSWER, nullable=("contact_email",))


@pytest.mark.parametrize("body, field", [({"first_name": "Jane"}, "email"),
                                         ({"email": "jane@example.com", "delay_hours": -1}, "delay_hours")])
def test_requirements_and_minimums_are_enforced(client, bearer, body, field, review_link):
    response = client.post("/api/v1/review_requests", json=body, headers=bearer)
    assert response.status_code == 422
    assert response.json["errors"][0]["source"]["pointer"] == f"/data/attributes/{field}"


def test_grant_types_are_authorization_code_and_refresh_token(app, dance, owner):
    browser = app.test_client()
    AuthActions(browser).login(owner.user.email)
    verifier, challenge = pkce_pair()
    code = dance.approve(browser, challenge)["code"]
    exchanged = dance.token_request(grant_type="authorization_code", code=code, redirect_uri=dance.redirect_uri,
                                    code_verifier=verifier)
    assert exchanged.status_code == 200
    assert_shape(exchanged.get_json(), TOKEN)
    refreshed = dance.token_request(grant_type="refresh_token", refresh_token=exchanged.get_json()["refresh_token"])
    assert refreshed.status_code == 200
    other = dance.token_request(grant_type="password", username="x", password="y")
    assert other.status_code == 400 and other.get_json()["error"] == "unsupported_grant_type"


def test_pkce_method_is_s256(app, dance, owner):
    browser = app.test_client()
    AuthActions(browser).login(owner.user.email)
    params = {**dance.authorize_params(), "code_challenge": "abc", "code_challenge_method": "plain"}
    response = browser.get("/oauth/authorize", query_string=params)
    assert response.status_code in (302, 400)
    assert response.status_code == 400 or "error=invalid_request" in response.headers["Location"]
