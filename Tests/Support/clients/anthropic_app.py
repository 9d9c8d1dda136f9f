#!/usr/bin/env python3
"""An app written against the official anthropic SDK: messages with a system prompt, multi-turn, tools, a
stream (the SDK's stream helper), count_tokens. The SDK reads ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY.

usage: anthropic_app.py default|documented
  default     the SDK's own headers (Authorization: Bearer and its anthropic-version)
  documented  default_headers that send what AnyInt documents (x-api-key, anthropic-version: 2023-06-01)
Prints one JSON object: {"ok": [...], "errors": [name: exception class]}.
"""
import json
import os
import sys
import warnings

import anthropic

warnings.simplefilter("ignore")
mode = sys.argv[1] if len(sys.argv) > 1 else "default"
if mode == "documented":
    client = anthropic.Anthropic(default_headers={
        "Authorization": anthropic.Omit(), "X-Api-Key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01"})
else:
    client = anthropic.Anthropic()
model = "claude-sonnet-4-5"
ok, errors = [], []


def call(name, fn):
    try:
        fn()
        ok.append(name)
    except Exception as e:  # noqa: BLE001
        errors.append(f"{name}: {type(e).__name__}")


def messages_system():
    m = client.messages.create(model=model, max_tokens=128, system="You are terse.",
                               messages=[{"role": "user", "content": "Say hi"}])
    assert m.content[0].text and m.stop_reason == "end_turn"


def messages_multi_turn():
    m = client.messages.create(model=model, max_tokens=128, messages=[
        {"role": "user", "content": "My name is Ada."}, {"role": "assistant", "content": "Hi Ada."},
        {"role": "user", "content": "What is my name?"}])
    assert m.content


def messages_tools():
    tools = [{"name": "get_weather", "description": "Weather", "input_schema": {
        "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]
    m = client.messages.create(model=model, max_tokens=128, tools=tools,
                               messages=[{"role": "user", "content": "Weather in Paris?"}])
    use = next(b for b in m.content if b.type == "tool_use")
    assert "city" in use.input
    m2 = client.messages.create(model=model, max_tokens=128, tools=tools, messages=[
        {"role": "user", "content": "Weather in Paris?"}, {"role": "assistant", "content": m.content},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": use.id, "content": "sunny"}]}])
    assert m2.content[0].type == "text"


def messages_stream():
    with client.messages.stream(model=model, max_tokens=128, messages=[{"role": "user", "content": "hi"}]) as s:
        text = "".join(s.text_stream)
        final = s.get_final_message()
    assert text and final.usage.output_tokens > 0


def count_tokens():
    assert client.messages.count_tokens(model=model, messages=[{"role": "user", "content": "hi"}]).input_tokens > 0


for name, fn in [("messages_system", messages_system), ("messages_multi_turn", messages_multi_turn),
                 ("messages_tools", messages_tools), ("messages_stream", messages_stream),
                 ("count_tokens", count_tokens)]:
    call(name, fn)
print(json.dumps({"ok": ok, "errors": errors}))
