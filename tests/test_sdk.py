"""The Python SDK that openapi-python-client generates from our OpenAPI documents, as an integrator
would generate it: no warning, every module imports, it drives a real server (typed answers and
typed errors), and the SDK checked in under clients/ is exactly that client.

Every served document (/api/v1, and /api/v2 once it exists) and every operation in it is checked
by the tests that walk the document, so a resource added later is covered without a new test.
"""
import importlib
import inspect
import pkgutil
import re
import sys
import uuid
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from nudgeweb.api.sdk import ROOT, SDKS, GeneratorComplained, files_of, generate, served_sdks
from tests.api_helpers import make_key
from tests.conftest import commit_test_work
from tests.delivery_support import sms_template

# a generator run (seconds) and a live server; one worker runs the whole file, so that the module's clients are
# generated once, not once on each worker (pyproject's addopts: --dist loadgroup)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sdk")]
V1 = SDKS[0]
NO_SUCH_ID = str(uuid.UUID(int=1))


@pytest.fixture(scope="module")
def generated(app, tmp_path_factory):
    """{sdk: (its OpenAPI document, the directory of a fresh client)}, each client importable."""
    clients = {}
    for sdk, document in served_sdks(app):
        directory = tmp_path_factory.mktemp(sdk.package) / "client"
        generate(document, directory, sdk.package)  # raises GeneratorComplained on any warning
        clients[sdk] = (document, directory)
    sys.path[:0] = [str(directory) for _, directory in clients.values()]
    yield clients
    for _, directory in clients.values():
        sys.path.remove(str(directory))


def modules_of(package):
    root = importlib.import_module(package)
    return [importlib.import_module(info.name) for info in pkgutil.walk_packages(root.__path__, f"{package}.")]


def operation_modules(package):
    """{operationId: the generated module that calls it}."""
    return {module.__name__.rsplit(".", 1)[1]: module for module in modules_of(package)
            if f"{package}.api." in module.__name__ and hasattr(module, "sync_detailed")}


def operations(document):
    """(method, path, operation) of every documented operation."""
    return [(method.upper(), path, operation) for path, item in document["paths"].items()
            for method, operation in item.items()]


def sdk_client(package, base_url, secret):
    return importlib.import_module(package).AuthenticatedClient(
        base_url=base_url, token=secret, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)


def test_v1_is_generated_without_a_warning_and_every_module_imports(generated):
    assert V1 in generated
    for sdk in generated:
        modules = modules_of(sdk.package)  # (generate() raised already if the generator warned)
        documented = {operation["operationId"] for _, _, operation in operations(generated[sdk][0])}
        assert documented == set(operation_modules(sdk.package)), "an operation has no module in the client"
        assert len(modules) > len(documented)


def test_a_schema_the_generator_cannot_read_fails_the_generation(tmp_path):
    """One operation is enough to show it (a whole client's generation costs a busy machine a minute)."""
    answer = {"description": "Things", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Things"}}}}
    document = {"openapi": "3.1.0", "info": {"title": "Broken", "version": "1.0.0"},
                "paths": {"/things": {"get": {"operationId": "list_things", "responses": {"200": answer}}}},
                "components": {"schemas": {"Things": {"type": "object", "properties": {
                    "included": {"type": "array", "maxItems": 0}}}}}}
    with pytest.raises(GeneratorComplained, match="type array must have items"):
        generate(document, tmp_path / "client")


def test_the_checked_in_sdk_is_the_generated_one(generated):
    for sdk, (_, directory) in generated.items():
        fresh, checked_in = files_of(directory), files_of(ROOT / sdk.directory)
        stale = sorted(name for name in fresh.keys() | checked_in.keys() if fresh.get(name) != checked_in.get(name))
        assert not stale, f"{sdk.directory} is out of date with {sdk.spec_path}: run `make sdk`. Differs: {stale[:20]}"


# --- every operation of every document, through its generated module ---

def _with_placeholders(path):
    return re.sub(r"\{[^}]+\}", NO_SUCH_ID, path)


def typed(parsed):
    """Whether a generated client read an answer into one of its models (not None, not raw JSON)."""
    return parsed is not None and hasattr(type(parsed), "from_dict")


def error_code(parsed):
    """The code of a v1 (JSON:API) error document; other dialects (/api/v2) only need to be typed."""
    errors = getattr(parsed, "errors", None)
    return errors[0].code if errors else None


def test_every_operation_refuses_a_bad_credential_with_a_typed_error(generated, live_server, app_ctx):
    with httpx.Client(base_url=live_server, headers={"X-API-Key": "sk_live_no"}) as http:  # one, not one a request
        for sdk, (document, _) in generated.items():
            _every_operation_refuses(sdk, document, http, sdk_client(sdk.package, live_server, "sk_live_not-a-key"))


def _every_operation_refuses(sdk, document, http, client):
    modules = operation_modules(sdk.package)
    for method, path, operation in operations(document):
        if operation.get("security") == []:
            continue
        response = http.request(method, _with_placeholders(path))
        assert response.status_code == 401, (method, path)
        parsed = modules[operation["operationId"]]._parse_response(client=client, response=response)
        assert typed(parsed), (method, path, response.text[:300])
        if sdk == V1 and type(parsed).__name__ == "Seed004UnauthorizedDocument":  # seed 004's words: no code
            assert parsed.errors[0].title == "Unauthorized" and parsed.data is None, (method, path)
        elif sdk == V1:
            assert type(parsed).__name__ == "ErrorDocument", (method, path)
            assert error_code(parsed) == "ERR_AUTH_INVALID_TOKEN"


def test_every_list_and_every_missing_item_answers_in_its_types(generated, live_server, owner):
    secret = make_key(owner)
    for sdk, (document, _) in generated.items():
        modules = operation_modules(sdk.package)
        client = sdk_client(sdk.package, live_server, secret)
        for method, path, operation in operations(document):
            module = modules[operation["operationId"]]
            required = [name for name, parameter in inspect.signature(module.sync_detailed).parameters.items()
                        if parameter.default is inspect.Parameter.empty and name != "client"]
            if method != "GET" or "200" not in operation["responses"]:  # a redirect (v2's oauth/authorize)
                continue
            if not required:
                answer = module.sync_detailed(client=client)
                assert answer.status_code == 200, (path, answer.content[:300])
                assert typed(answer.parsed) or isinstance(answer.parsed, str), path  # str: a CSV or YAML text
            elif path.endswith("}") and len(required) == 1:
                answer = module.sync_detailed(**{required[0]: NO_SUCH_ID}, client=client)
                assert answer.status_code == 404 and typed(answer.parsed), path
                assert sdk != V1 or error_code(answer.parsed) == "ERR_RESOURCE_NOT_FOUND", path


# --- what an integrator does with the v1 client ---

@pytest.fixture
def api(generated, live_server, owner):
    return sdk_client(V1.package, live_server, make_key(owner))


def test_contacts_through_the_sdk(api, live_server):
    from nudge_api_client.api.contacts import create_contact, delete_contact, get_contact, list_contacts, patch_contact
    from nudge_api_client.models import ContactIn, ContactsDocument, ContactsListDocument, ErrorDocument

    for email, tags in (("ada@example.com", ["vip"]), ("bob@example.com", ["vip"]), ("cy@example.com", [])):
        created = create_contact.sync(client=api, body=ContactIn(email=email, first_name=email[:3].title(), tags=tags))
        assert isinstance(created, ContactsDocument) and created.data.attributes.email == email
    ada = list_contacts.sync(client=api, filteremail="ada@example.com").data[0]
    assert ada.attributes.status == "subscribed" and ada.attributes.source == "api"
    assert ada.attributes.created_at.tzinfo is not None  # a datetime, not a string

    vip = list_contacts.sync(client=api, filtertag="vip", sort="-email")
    assert isinstance(vip, ContactsListDocument)
    assert [c.attributes.email for c in vip.data] == ["bob@example.com", "ada@example.com"]
    first = list_contacts.sync(client=api, sort="email", pagesize=2)
    assert first.meta.page.total_records == 3 and first.meta.page.total_pages == 2 and first.links.next_
    second = list_contacts.sync(client=api, sort="email", pagesize=2, pagenumber=2)
    assert [c.attributes.email for c in second.data] == ["cy@example.com"] and second.links.next_ is None
    by_cursor = list_contacts.sync(client=api, sort="email", pagesize=2, pagecursor="")
    assert by_cursor.meta.has_more is True
    cursor = parse_qs(urlsplit(by_cursor.links.next_).query)["page[cursor]"][0]
    rest = list_contacts.sync(client=api, sort="email", pagesize=2, pagecursor=cursor)
    assert [c.attributes.email for c in rest.data] == ["cy@example.com"] and rest.meta.has_more is False

    created_id = ada.id
    changed = patch_contact.sync(client=api, contact_id=created_id, body=ContactIn(last_name="Lovelace"))
    assert changed.data.attributes.last_name == "Lovelace" and changed.data.attributes.first_name == "Ada"
    assert get_contact.sync(client=api, contact_id=created_id).data.attributes.full_name == "Ada Lovelace"

    invalid = create_contact.sync_detailed(client=api, body=ContactIn(email="not an address"))
    assert invalid.status_code == 422 and isinstance(invalid.parsed, ErrorDocument)
    assert invalid.parsed.errors[0].source.pointer == "/data/attributes/email"

    refused = list_contacts.sync_detailed(client=sdk_client(V1.package, live_server, "sk_live_revoked-or-wrong"))
    assert refused.status_code == 401 and isinstance(refused.parsed, ErrorDocument)
    assert refused.parsed.errors[0].code == "ERR_AUTH_INVALID_TOKEN" and refused.parsed.links.self_.endswith("/contacts")

    assert delete_contact.sync_detailed(client=api, contact_id=created_id).status_code == 204
    gone = get_contact.sync_detailed(client=api, contact_id=created_id)
    assert gone.status_code == 404 and gone.parsed.errors[0].code == "ERR_RESOURCE_NOT_FOUND"


def test_a_json_api_body_through_the_sdk(api):
    from nudge_api_client.api.contacts import create_contact
    from nudge_api_client.models import ContactIn, ContactInDocument, ContactInResource

    document = ContactInDocument(data=ContactInResource(type_="contacts", attributes=ContactIn(email="dee@example.com")))
    answer = create_contact.sync_detailed(client=api, body=document)
    assert answer.status_code == 201 and answer.headers["Content-Type"] == "application/json"
    assert answer.parsed.data.type_ == "contacts" and answer.parsed.data.attributes.email == "dee@example.com"


def test_templates_and_their_preview_through_the_sdk(api):
    from nudge_api_client.api.templates import create_template, preview_template
    from nudge_api_client.models import ErrorDocument, PreviewIn, PreviewInVariablesType0, TemplateIn, Variable

    made = create_template.sync(client=api, body=TemplateIn(
        name="Spring", channel="email", subject="Hello {{ first_name }}", html_content="<p>{{ offer }}</p>",
        variables=[Variable(name="offer", default="10% off")]))
    assert made.data.attributes.channel == "email" and made.data.attributes.variables[0].name == "offer"
    preview = preview_template.sync(client=api, template_id=made.data.id,
                                    body=PreviewIn(variables=PreviewInVariablesType0.from_dict({"offer": "Free tea"})))
    assert "Free tea" in preview.data.attributes.html and preview.data.attributes.subject.startswith("Hello")
    broken = create_template.sync_detailed(client=api, body=TemplateIn(name="Broken", channel="email",
                                                                      subject="{{ oops", html_content="<p>x</p>"))
    assert broken.status_code == 422 and isinstance(broken.parsed, ErrorDocument)
    assert broken.parsed.errors[0].source.pointer == "/data/attributes/subject"


def test_messages_through_the_sdk(api, organization):
    from nudge_api_client.api.messages import get_message, list_messages, send_message
    from nudge_api_client.models import MessageIn, MessageInChannel, MessageInVariables

    sms_template(organization, name="order-confirmation", body="Hi {{ name }}, order {{ order_id }} is confirmed.")
    commit_test_work()
    sent = send_message.sync(client=api, body=MessageIn(
        channel=MessageInChannel.SMS, to="+254722000000", template="order-confirmation", marketing=False,
        variables=MessageInVariables.from_dict({"name": "Ada", "order_id": "AC-1042"})))
    assert sent.data.attributes.text == "Hi Ada, order AC-1042 is confirmed."
    status = get_message.sync(client=api, message_id=sent.data.id).data.attributes
    assert status.status == "sent" and status.sent_at is not None
    assert [m.id for m in list_messages.sync(client=api).data] == [sent.data.id]


def test_review_requests_through_the_sdk(api, review_link):
    from nudge_api_client.api.review_requests import add_contact, cancel_review_request, get_review_request, list_review_requests
    from nudge_api_client.models import AddContactIn, AddContactOut, ErrorDocument

    added = add_contact.sync(client=api, body=AddContactIn(first_name="Jane", last_name="Smith",
                                                           email="jane@example.com", delay_hours=24))
    assert isinstance(added, AddContactOut) and added.status == "scheduled" and added.scheduled_for.tzinfo
    listed = list_review_requests.sync(client=api, filterstatus="scheduled")
    assert [r.id for r in listed.data] == [added.id]
    assert get_review_request.sync(client=api, request_id=added.id).data.attributes.contact_email == "jane@example.com"
    assert cancel_review_request.sync(client=api, request_id=added.id).data.attributes.status == "cancelled"
    invalid = add_contact.sync_detailed(client=api, body=AddContactIn(first_name="No address"))
    assert invalid.status_code == 422 and isinstance(invalid.parsed, ErrorDocument)
