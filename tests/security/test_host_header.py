"""A client chooses the Host header: no absolute URL the app hands out may point at the host it names."""
import pytest

from tests.api_helpers import key_headers, make_key

EVIL = "evil.example"

PAGES = ["/", "/login", "/signup", "/contacts", "/settings/api-keys", "/healthz", "/no-such-page",
         "/.well-known/oauth-authorization-server", "/oauth/authorize?client_id=x&response_type=code",
         "/api/v1/contacts", "/api/v1/openapi.json", "/api/docs", "/r/not-a-token"]


def carries_evil(response):
    text = response.get_data(as_text=True) + "".join(f"{name}: {value}\n" for name, value in response.headers)
    return EVIL in text


@pytest.fixture
def headers(owner):
    return key_headers(make_key(owner))


@pytest.mark.parametrize("path", PAGES)
def test_a_request_for_another_host_is_refused_without_echoing_it(owner_client, headers, path):
    response = owner_client.get(path, headers={**headers, "Host": EVIL})
    assert response.status_code == 400
    assert not carries_evil(response)


def test_the_export_download_url_ignores_the_host_header(client, headers, app_ctx):
    job = client.post("/api/v1/contacts/export", headers={**headers, "Host": f"{EVIL}:443"}, json={})
    assert job.status_code == 400 and not carries_evil(job)
    job = client.post("/api/v1/contacts/export", headers={**headers, "X-Forwarded-Host": EVIL}, json={})
    assert job.status_code == 201 and not carries_evil(job)
    assert job.json["data"]["attributes"]["download_url"].startswith("http://localhost/api/v1/contacts/export/")


def test_oauth_discovery_names_the_public_address(client):
    metadata = client.get("/.well-known/oauth-authorization-server", headers={"X-Forwarded-Host": EVIL})
    assert not carries_evil(metadata)
    assert metadata.json["issuer"] == "http://localhost"
    assert metadata.json["token_endpoint"] == "http://localhost/oauth/token"
    by_address = client.get("/.well-known/oauth-authorization-server", headers={"Host": "127.0.0.1:5000"})
    assert by_address.json["issuer"] == "http://localhost"  # one issuer, whichever local name was used


def test_hosts_the_operator_adds_are_served(tmp_path):
    from config import TestConfig
    from nudgeweb import create_app

    app = create_app(TestConfig(tmp_path, BASE_URL="https://reviews.example.com", EXTRA_TRUSTED_HOSTS=["10.0.0.7"]))
    client = app.test_client()
    assert client.get("/login", headers={"Host": "reviews.example.com"}).status_code == 200
    assert client.get("/login", headers={"Host": "10.0.0.7:8000"}).status_code == 200
    assert client.get("/login", headers={"Host": "localhost"}).status_code == 400
    assert client.get("/login", headers={"Host": EVIL}).status_code == 400
