#!/usr/bin/env python3
"""An app written against the official google-genai SDK, pointed at AnyInt's Gemini-compatible routes
(ANYINT_BASE_URL + /gemini, API version v1beta): generate with a system instruction, a stream, JSON output
with a schema, a function call, a multi-turn chat.

usage: gemini_app.py default|bearer
  default  the SDK's own header (x-goog-api-key)
  bearer   also sends Authorization: Bearer <key>, the header family AnyInt documents for /gemini
Prints one JSON object: {"ok": [...], "errors": [name: exception class]}.
"""
import json
import os
import sys
import warnings

from google import genai
from google.genai import types

warnings.simplefilter("ignore")
key = os.environ["ANYINT_API_KEY"]
headers = {"Authorization": "Bearer " + key} if sys.argv[1:] == ["bearer"] else {}
client = genai.Client(api_key=key, http_options=types.HttpOptions(
    base_url=os.environ["ANYINT_BASE_URL"] + "/gemini", api_version="v1beta", headers=headers))
model = "gemini-2.5-flash"
ok, errors = [], []


def call(name, fn):
    try:
        fn()
        ok.append(name)
    except Exception as e:  # noqa: BLE001
        errors.append(f"{name}: {type(e).__name__}")


def generate():
    r = client.models.generate_content(
        model=model, contents="Say hi", config=types.GenerateContentConfig(system_instruction="Be terse."))
    assert r.text


def stream():
    assert "".join(c.text or "" for c in client.models.generate_content_stream(model=model, contents="hi"))


def json_output():
    r = client.models.generate_content(model=model, contents="a city", config=types.GenerateContentConfig(
        response_mime_type="application/json",
        response_schema={"type": "OBJECT", "properties": {"city": {"type": "STRING"}}, "required": ["city"]}))
    assert "city" in json.loads(r.text)


def function_call():
    tool = types.Tool(function_declarations=[types.FunctionDeclaration(
        name="get_weather", parameters={"type": "OBJECT", "properties": {"city": {"type": "STRING"}}})])
    r = client.models.generate_content(model=model, contents="Weather in Paris?", config=types.GenerateContentConfig(
        tools=[tool], automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True)))
    assert r.function_calls[0].name == "get_weather"


def chat():
    session = client.chats.create(model=model)
    assert session.send_message("My name is Ada.").text
    assert session.send_message("What is my name?").text


for name, fn in [("generate", generate), ("stream", stream), ("json_output", json_output),
                 ("function_call", function_call), ("chat", chat)]:
    call(name, fn)
print(json.dumps({"ok": ok, "errors": errors}))
