#!/usr/bin/env python3
"""The official SDKs with their default retry settings (2 retries), for runs with injected faults: an openai
chat and chat stream, an anthropic message and message stream (with the documented headers). Each call's
outcome is printed; what the SDKs did on the wire is what check-client judges.

Prints one JSON object: {"ok": [...], "errors": [name: exception class]}.
"""
import json
import os
import warnings

import anthropic
import openai

warnings.simplefilter("ignore")
oa = openai.OpenAI()
an = anthropic.Anthropic(default_headers={
    "Authorization": anthropic.Omit(), "X-Api-Key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01"})
ok, errors = [], []


def call(name, fn):
    try:
        fn()
        ok.append(name)
    except Exception as e:  # noqa: BLE001
        errors.append(f"{name}: {type(e).__name__}")


def openai_chat():
    assert oa.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]).choices


def openai_stream():
    chunks = list(oa.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "stream"}], stream=True))
    assert chunks


def anthropic_message():
    assert an.messages.create(model="claude-sonnet-4-5", max_tokens=64,
                              messages=[{"role": "user", "content": "hi"}]).content


def anthropic_stream():
    with an.messages.stream(model="claude-sonnet-4-5", max_tokens=64,
                            messages=[{"role": "user", "content": "stream"}]) as s:
        assert "".join(s.text_stream)


for name, fn in [("openai_chat", openai_chat), ("openai_stream", openai_stream),
                 ("anthropic_message", anthropic_message), ("anthropic_stream", anthropic_stream)]:
    call(name, fn)
print(json.dumps({"ok": ok, "errors": errors}))
