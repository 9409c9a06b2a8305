"""Property-based tests from the OpenAPI spec (schemathesis): no 5xx, and every
response conforms to the spec (status codes, content types, bodies). Bounded:
a few derandomized examples per operation, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
import schemathesis
from apifixtures import BACKENDS, client_for, database_url, make_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 15


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_openapi_spec(backend, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(backend, tmp_path), max_upload_bytes=64 * 1024,
                      wait_timeout_s=2.0, time_budget_s=5.0)
    failures: dict[str, str] = {}
    calls: list[int] = []
    with client_for(s, extract_fn=fake_extract) as client:  # migrations, worker
        schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 11
        for op in operations:

            @given(case=op.as_strategy())
            @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                      database=None, suppress_health_check=list(HealthCheck))
            def run(case):
                response = case.call_and_validate(checks=CHECKS)
                calls.append(response.status_code)

            try:
                run()
            except Exception as exc:  # collect every operation's failure, then report
                failures[op.label] = str(exc)[:3000]
    assert len(calls) >= 100  # the generator really ran
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
