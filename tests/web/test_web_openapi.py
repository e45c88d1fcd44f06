"""Property-based tests generated from the OpenAPI document (schemathesis).

Every operation gets valid and invalid requests; each response must be documented, match its
schema, never be a server error, never carry a traceback, reject invalid data and accept valid
data. The server runs with an API key so that schemathesis also checks that requests without it
are refused. ``EMPATHIC_FUZZ=full`` (set by .ci/run) raises the examples per operation so that,
with the abuse suite in test_web_fuzz.py, the fuzz sends 10,000 requests.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.types import Message, Receive, Scope, Send

from empathic.web import Settings, create_app
from needs import in_ci

KEY = "schemathesis-key"
FULL = os.environ.get("EMPATHIC_FUZZ", "").lower() == "full"
#: Generated examples per operation (schemathesis adds its own boundary cases to these).
EXAMPLES = 150 if FULL else 20
#: Requests the full run must send here: with the abuse suite's 7,500, the 10,000 of the full fuzz.
FULL_REQUESTS = 2_500
_TMP = tempfile.mkdtemp(prefix="empathic-openapi-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)

# The throttle for wrong keys is off: schemathesis sends requests without a key on purpose, and a
# throttled address would answer 429 where the check expects 401.
app = create_app(
    Settings(store_url=f"sqlite:///{_TMP}/openapi.sqlite", seed_sample=False, api_keys=(KEY,), rate_limit=0,
             auth_failure_limit=0)
)
SENT: Counter[str] = Counter()


async def counted(scope: Scope, receive: Receive, send: Send) -> None:
    """The app, counting the HTTP requests schemathesis sends and its answers by class (2xx, 4xx, 5xx)."""
    if scope["type"] != "http":
        await app(scope, receive, send)
        return
    SENT["requests"] += 1

    async def counting_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            SENT[f"{message['status'] // 100}xx"] += 1
        await send(message)

    await app(scope, receive, counting_send)


schema = schemathesis.openapi.from_asgi("/openapi.json", counted)

# A quiz answer can be valid JSON of the right shape and still name no choice of that item:
# the item's choices are content, not schema, so a 422 there is right. A review likewise: which labels,
# verdicts and spans it may carry depend on its item and on the stored analysis it answers.
_CONTENT_DEPENDENT = {"/v1/course/quiz/{item_id}/answer", "/v1/reviews"}
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")


def no_traceback(ctx, response, case) -> None:  # type: ignore[no-untyped-def]
    """No response, error or not, shows a stack trace."""
    if _TRACEBACK.search(response.content.decode("utf-8", "replace")):
        raise AssertionError(f"a traceback in the response to {case.method} {case.path}")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_matches_its_openapi_document(case: schemathesis.Case) -> None:
    excluded = [positive_data_acceptance] if case.operation.path in _CONTENT_DEPENDENT else []
    # The real key replaces the one schemathesis made up; a case that leaves the key out on purpose (a negative
    # case for the security scheme) goes without, and must be refused.
    key = {"X-API-Key": KEY} if "X-API-Key" in (case.headers or {}) else {}
    case.call_and_validate(headers=key, excluded_checks=excluded, additional_checks=[no_traceback])


def test_every_operation_was_fuzzed(record_fuzz) -> None:  # type: ignore[no-untyped-def]
    """The generated requests really were sent (a broken strategy would pass by sending nothing)."""
    if not SENT:
        # Run alone (-k) the count has nothing to check; under CI the fuzz always runs, so its absence is a failure.
        if in_ci():
            pytest.fail("the schemathesis test sent nothing under CI")
        pytest.skip("the schemathesis test did not run in this session")
    record_fuzz("openapi", SENT, full=FULL)
    operations = len(list(schema.get_all_operations()))
    assert SENT["requests"] >= (FULL_REQUESTS if FULL else operations * EXAMPLES), SENT
    assert SENT["5xx"] == 0, SENT
