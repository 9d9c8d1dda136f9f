#!/usr/bin/env python3
"""An app written against the official openai SDK, as it would call AnyInt: the requests the issue lists
(system prompt, multi-turn, tools, JSON mode, structured output, max_completion_tokens, stream_options, the
responses API, embeddings, the models list). The SDK reads OPENAI_BASE_URL and OPENAI_API_KEY itself.

usage: openai_app.py [--unknown-model]   (--unknown-model also asks for a model the account lacks)
Prints one JSON object: {"ok": [names of calls that answered], "errors": [name: exception class]}.
"""
import json
import sys

import openai
from pydantic import BaseModel

client = openai.OpenAI()
ok, errors = [], []


def call(name, fn):
    try:
        fn()
        ok.append(name)
    except Exception as e:  # noqa: BLE001 - the class is what the test reads
        errors.append(f"{name}: {type(e).__name__}")


class Answer(BaseModel):
    city: str
    population: int
    tags: list[str]


weather_tool = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def chat_system():
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Say hi"}],
        max_completion_tokens=64, temperature=0.2)
    assert r.choices[0].message.content


def chat_multi_turn():
    r = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "My name is Ada."}, {"role": "assistant", "content": "Hi Ada."},
                  {"role": "user", "content": "What is my name?"}])
    assert r.choices[0].finish_reason in ("stop", "length")


def chat_tools():
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    r = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=[weather_tool])
    call_ = r.choices[0].message.tool_calls[0]
    assert json.loads(call_.function.arguments)["city"]
    messages += [r.choices[0].message.model_dump(exclude_none=True),
                 {"role": "tool", "tool_call_id": call_.id, "content": "sunny"}]
    r2 = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=[weather_tool])
    assert r2.choices[0].message.content


def chat_json_mode():
    r = client.chat.completions.create(
        model="gpt-4o-mini", response_format={"type": "json_object"},
        messages=[{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "a city"}])
    json.loads(r.choices[0].message.content)


def chat_structured():
    r = client.chat.completions.parse(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "a city"}], response_format=Answer)
    assert isinstance(r.choices[0].message.parsed, Answer)


def chat_stream():
    text, usage = [], None
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Count to 3"}], stream=True,
        stream_options={"include_usage": True})
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            text.append(chunk.choices[0].delta.content)
        if chunk.usage:
            usage = chunk.usage
    assert text and usage and usage.total_tokens > 0


def chat_stream_helper():
    with client.chat.completions.stream(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]) as s:
        final = s.get_final_completion()
    assert final.choices[0].message.content


def responses():
    r = client.responses.create(model="gpt-4o-mini", instructions="Be brief.", input="Say hi", max_output_tokens=64)
    assert r.output_text
    again = client.responses.retrieve(r.id)
    assert again.id == r.id


def responses_stream():
    events = [e.type for e in client.responses.create(model="gpt-4o-mini", input="hi", stream=True)]
    assert events[0] == "response.created" and events[-1] == "response.completed"


def embeddings():
    r = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])
    assert len(r.data) == 2


def models():
    assert any(m.id == "gpt-4o-mini" for m in client.models.list())


for name, fn in [("chat_system", chat_system), ("chat_multi_turn", chat_multi_turn), ("chat_tools", chat_tools),
                 ("chat_json_mode", chat_json_mode), ("chat_structured", chat_structured),
                 ("chat_stream", chat_stream), ("chat_stream_helper", chat_stream_helper),
                 ("responses", responses), ("responses_stream", responses_stream), ("embeddings", embeddings),
                 ("models", models)]:
    call(name, fn)

if "--unknown-model" in sys.argv:
    call("unknown_model", lambda: client.chat.completions.create(
        model="no-such-model-anywhere", messages=[{"role": "user", "content": "hi"}]))

print(json.dumps({"ok": ok, "errors": errors}))
