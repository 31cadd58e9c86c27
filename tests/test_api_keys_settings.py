"""Settings -> API keys (HTMX), the api-keys CLI, the OpenAPI document and /api/docs."""
import contextvars
import re

import pytest
import yaml
from openapi_spec_validator import validate
from playwright.sync_api import expect
from sqlalchemy import select

from nudgeweb import unit_of_work
from nudgeweb.extensions import db
from nudgeweb.models import ApiKey
from tests.api_helpers import documented_path, key_headers
from tests.conftest import commit_test_work, member_client, screenshot


def test_admin_creates_a_key_shown_once_then_revokes_it(owner_client, client, owner, app_ctx):
    page = owner_client.get("/settings/api-keys")
    assert page.status_code == 200 and b"No keys yet" in page.data
    assert b"Each key may make 1,000 requests a minute" in page.data
    created = owner_client.post("/settings/api-keys", data={"name": "Zapier", "read": "y", "write": "y"},
                                headers={"HX-Request": "true"})
    assert created.status_code == 200
    html = created.get_data(as_text=True)
    assert "<html" not in html  # the fragment only
    secret = re.search(r'id="new-api-key">(sk_live_[^<]+)<', html).group(1)
    assert client.get("/api/v1/me", headers=key_headers(secret)).status_code == 200
    key = db.session.scalar(select(ApiKey))
    assert key.key_hash != secret and secret not in key.prefix and key.scopes == ["read", "write"]
    listing = owner_client.get("/settings/api-keys").get_data(as_text=True)
    assert secret not in listing and f"{key.prefix}…" in listing and "Zapier" in listing
    revoked = owner_client.post(f"/settings/api-keys/{key.id}/revoke", headers={"HX-Request": "true"})
    assert "Revoked" in revoked.get_data(as_text=True)
    assert client.get("/api/v1/me", headers=key_headers(secret)).status_code == 401


def test_key_form_errors_are_shown_at_the_field(owner_client, app_ctx):
    page = owner_client.post("/settings/api-keys", data={"name": "", "other_scopes": "launch:missiles"})
    assert page.status_code == 422
    assert re.search(r'<p class="error" id="name-error">[^<]*name', page.get_data(as_text=True))
    fragment = owner_client.post("/settings/api-keys", data={"name": "x", "other_scopes": "launch:missiles"},
                                 headers={"HX-Request": "true"})
    assert fragment.status_code == 422
    assert re.search(r'id="other_scopes-error">Unknown scope launch:missiles', fragment.get_data(as_text=True))
    assert db.session.scalar(select(ApiKey)) is None


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_admins_manage_keys(app, organization, role):
    assert member_client(app, organization, role).get("/settings/api-keys").status_code == 403


def test_cli_prints_the_key_alone_on_its_last_line(runner, client, owner):
    result = runner.invoke(args=["api-keys", "create", "--email", owner.user.email, "--name", "CI",
                                 "--scopes", "contacts:read contacts:write"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"sk_live_[A-Za-z0-9_-]{40}", secret)
    connection = client.get("/api/v1/connection", headers=key_headers(secret)).json
    assert connection["scopes"] == ["contacts:read", "contacts:write"]
    missing = runner.invoke(args=["api-keys", "create", "--email", "nobody@example.com"])
    assert missing.exit_code != 0 and "No user" in missing.output


def test_every_api_route_is_in_the_openapi_document(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (documented_path(path), method.lower()) in documented, f"{method} {path} is missing from openapi.json"
    assert yaml.safe_load(client.get("/api/v1/openapi.yaml").data) == document


def test_the_openapi_document_is_valid_openapi_3_1(client):
    validate(client.get("/api/v1/openapi.json").json)  # raises, naming each fault, if it is not


def test_openapi_has_schemas_examples_and_security(client):
    document = client.get("/api/v1/openapi.json").json
    login = document["paths"]["/api/v1/auth/login"]["post"]
    assert login["security"] == []
    schema = document["components"]["schemas"]["LoginIn"]
    assert schema["properties"]["email"]["examples"] == ["owner@example.com"]
    assert set(document["components"]["securitySchemes"]) == {"ApiKeyAuth", "BearerAuth", "OAuth2"}
    flow = document["components"]["securitySchemes"]["OAuth2"]["flows"]["authorizationCode"]
    assert (flow["authorizationUrl"], flow["tokenUrl"]) == ("/oauth/authorize", "/oauth/token")
    assert {"read", "write", "contacts:read"} <= set(flow["scopes"])
    listing = document["paths"]["/api/v1/contacts"]["get"]
    assert {"OAuth2": ["contacts:read"]} in listing["security"]
    unauthorized = document["paths"]["/api/v1/me"]["get"]["responses"]["401"]
    assert unauthorized["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorDocument")  # JSON:API: errors only


def test_api_docs_page_uses_only_vendored_assets(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "/api/v1/openapi.json" in html
    assert not re.search(r'(src|href)="https?://', html)
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.browser
def test_api_docs_render_in_the_browser(page, live_server):
    page.goto(f"{live_server}/api/docs")
    page.get_by_text("Nudge API").first.wait_for(timeout=30_000)  # Swagger UI parses a large document first
    for _ in range(100):  # a long document's operations are drawn as they scroll into view (Swagger UI virtualizes)
        if page.get_by_text("/api/v1/me").count():
            break
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(200)
    page.get_by_text("/api/v1/me").first.wait_for()
    screenshot(page, "api-docs")


@pytest.mark.browser
def test_create_and_revoke_a_key_in_the_browser(page, live_server):
    from tests.test_browser_auth import sign_up

    sign_up(page, live_server, email="keys@sunrise.example")
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/settings/api-keys")
    page.get_by_role("button", name="Create key").click()  # no name: the form comes back (422) with the error
    expect(page.locator("#name-error")).to_be_visible()
    page.get_by_label("Name").fill("Zapier")
    page.get_by_label("Write (create, change and delete)").check()
    page.get_by_role("button", name="Create key").click()
    secret = page.locator("#new-api-key").inner_text()
    assert secret.startswith("sk_live_")
    assert page.get_by_role("cell", name="Zapier", exact=True).is_visible()
    screenshot(page, "api-keys-created")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove the key Zapier").click()
    page.get_by_text("Revoked").wait_for()
    assert page.locator("#new-api-key").count() == 0
    screenshot(page, "api-keys-revoked")


def test_cli_creates_a_key_outside_any_unit_of_work(runner, owner):
    """As from a shell: no unit of work of the test's is in force around the command."""
    commit_test_work()

    def as_from_a_shell():
        unit_of_work._current.set(None)
        return runner.invoke(args=["api-keys", "create", "--email", owner.user.email])

    result = contextvars.copy_context().run(as_from_a_shell)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("sk_live_")
