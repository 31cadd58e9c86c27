"""Schemathesis calls every operation of /api/v1/openapi.json, and of /api/v2's, with generated input (bounded)."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api_helpers import make_key

CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance")
EXAMPLES = 8


def operations(app, document="/api/v1/openapi.json"):
    schema = schemathesis.openapi.from_wsgi(document, app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def owner_key(owner):
    from nudgeweb.contacts.operations import upsert_contact

    upsert_contact(owner.organization, {"email": "someone@example.com", "tags": ["vip"]}, source="manual")
    return make_key(owner)


@pytest.mark.parametrize("document", ["/api/v1/openapi.json", "/api/v2/openapi.json"])
def test_no_generated_input_breaks_the_api(app, owner_key, document):
    from schemathesis import checks as all_checks

    checks = [getattr(all_checks, name, None) for name in CHECKS]
    checks = [c for c in checks if c is not None]
    failures, calls = [], []
    found = operations(app, document)
    assert len(found) >= 20
    for operation in found:
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case):
            calls.append(case.call_and_validate(headers={"X-API-Key": owner_key}, checks=checks).status_code)

        try:
            call()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)
    assert len(calls) >= 5 * len(found) and {200, 201, 400, 404, 422} <= set(calls), sorted(set(calls))
