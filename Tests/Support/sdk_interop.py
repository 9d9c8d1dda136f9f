#!/usr/bin/env python3
"""The official openai and anthropic Python SDKs against `anyint-conformance mock serve`.

usage: sdk_interop.py BASE_URL REPO_ROOT   (the key is read from ANYINT_API_KEY)

Each case replays a shipped scenario's request (its body, with scenarios/variables.json filled in) through the
SDK and checks the SDK raises its documented exception class for the fixture's status, or parses the success.
Retries are off so every answer is the first one. Prints one JSON object: {"passed": [...], "failed": [...]}.
"""
import json
import os
import re
import sys

import anthropic
import openai

base, root = sys.argv[1], sys.argv[2]
key = os.environ["ANYINT_API_KEY"]
variables = json.load(open(os.path.join(root, "scenarios", "variables.json")))


def body_of(scenario_file):
    s = json.load(open(os.path.join(root, "scenarios", scenario_file)))
    text = json.dumps(s["request"]["json"])
    return json.loads(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}", lambda m: variables[m.group(1)], text))


passed, failed = [], []


def check(name, call, expected):
    try:
        result = call()
    except Exception as e:  # noqa: BLE001 - the class is what is checked
        ok = expected is not None and isinstance(e, expected)
        (passed if ok else failed).append(f"{name}: raised {type(e).__name__}" + ("" if ok else f" (wanted {expected.__name__ if expected else 'success'}): {e}"))
        return
    if expected is None and result:
        passed.append(f"{name}: parsed {result}")
    else:
        failed.append(f"{name}: returned {result!r}, wanted {expected.__name__ if expected else 'a parsed answer'}")


oa = openai.OpenAI(base_url=base + "/openai/v1", api_key=key, max_retries=0)
bad_oa = openai.OpenAI(base_url=base + "/openai/v1", api_key="sk-conformance-invalid", max_retries=0)
check("openai models.list", lambda: [m.id for m in oa.models.list().data][:2], None)
check("openai chat success", lambda: oa.chat.completions.create(**body_of("openai/chat.completion.json")).choices[0].message.content, None)
check("openai 400", lambda: oa.post("/chat/completions", body=body_of("openai/chat.missing-model.json"), cast_to=object), openai.BadRequestError)
check("openai 401", lambda: bad_oa.chat.completions.create(**body_of("openai/chat.key-invalid.json")), openai.AuthenticationError)
check("openai 403", lambda: oa.chat.completions.create(**body_of("openai/chat.access-blocked.json")), openai.PermissionDeniedError)
check("openai 404", lambda: oa.chat.completions.create(**body_of("openai/chat.model-not-found.json")), openai.NotFoundError)
check("openai 429", lambda: oa.chat.completions.create(**body_of("openai/chat.rate-limited.json")), openai.RateLimitError)
check("openai 503", lambda: oa.chat.completions.create(**body_of("openai/chat.upstream-unavailable.json")), openai.InternalServerError)

# anthropic-sdk-python sends Bearer and a newer anthropic-version by default; AnyInt documents x-api-key with
# anthropic-version 2023-06-01, so the client is configured the way contract.md says an app must be.
documented = {"Authorization": anthropic.Omit(), "X-Api-Key": key, "anthropic-version": "2023-06-01"}
an = anthropic.Anthropic(base_url=base + "/anthropic", api_key=key, max_retries=0, default_headers=documented)
bad_an = anthropic.Anthropic(
    base_url=base + "/anthropic", api_key="sk-conformance-invalid", max_retries=0,
    default_headers={"Authorization": anthropic.Omit(), "X-Api-Key": "sk-conformance-invalid", "anthropic-version": "2023-06-01"})
check("anthropic models.list", lambda: [m.id for m in an.models.list().data][:2], None)
check("anthropic messages success", lambda: an.messages.create(**body_of("anthropic/messages.create.json")).content[0].text, None)
check("anthropic 400", lambda: an.post("/v1/messages", body=body_of("anthropic/messages.missing-model.json"), cast_to=object), anthropic.BadRequestError)
check("anthropic 401", lambda: bad_an.messages.create(**body_of("anthropic/messages.key-invalid.json")), anthropic.AuthenticationError)
check("anthropic 403", lambda: an.messages.create(**body_of("anthropic/messages.access-blocked.json")), anthropic.PermissionDeniedError)
check("anthropic 404", lambda: an.messages.create(**body_of("anthropic/messages.model-not-found.json")), anthropic.NotFoundError)
check("anthropic 429", lambda: an.messages.create(**body_of("anthropic/messages.rate-limited.json")), anthropic.RateLimitError)
check("anthropic 503", lambda: an.messages.create(**body_of("anthropic/messages.upstream-unavailable.json")), anthropic.InternalServerError)

json.dump({"passed": passed, "failed": failed}, sys.stdout)
