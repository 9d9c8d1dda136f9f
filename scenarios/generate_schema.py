#!/usr/bin/env python3
"""Generates scenarios/scenario.schema.json (run: python3 scenarios/generate_schema.py > scenarios/scenario.schema.json).

The schema states the rules of scenario format v1 that JSON Schema can express; validate checks them too,
plus what needs the whole suite (unique ids, variables that resolve) or a real parser (duplicate keys).
"""
import json
matcher_kw = ["equals","contains","matches","exists","in","type","length"]
matcher = {
  "description": "A plain JSON value (equals), or an object with exactly one matcher keyword. To compare with an object that has one of these keys literally, wrap it: {\"equals\": ...}.",
  "anyOf": [
    {"not": {"type": "object"}},
    {"type": "object", "not": {"anyOf": [{"required": [k]} for k in matcher_kw]}},
    {"type": "object", "additionalProperties": False, "minProperties": 1, "maxProperties": 1, "properties": {
        "equals": {},
        "contains": {"type": ["string","number","boolean","null"]},
        "matches": {"type": "string", "format": "regex"},
        "exists": {"type": "boolean"},
        "in": {"type": "array", "minItems": 1},
        "type": {"enum": ["string","number","boolean","object","array","null"]},
        "length": {"anyOf": [{"type": "integer", "minimum": 0}, {"$ref": "#/$defs/lengthMatcher"}]}}}
  ]
}
# What {"length": ...} may hold besides a count: a matcher that can hold for a number.
length_matcher = {
  "description": "A matcher of the length (elements of an array, characters of a string, members of an object).",
  "type": "object", "additionalProperties": False, "minProperties": 1, "maxProperties": 1, "properties": {
    "equals": {"type": "integer", "minimum": 0},
    "in": {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 0}},
    "exists": {"type": "boolean"},
    "matches": {"type": "string", "format": "regex"},
    "type": {"const": "number"}}
}
situations = ["invalid-request","invalid-api-key","model-unavailable","access-blocked","rate-limited","upstream-unavailable","interrupted-stream","task-pending","success","unreachable","undocumented"]
decisions = {"invalid-request":"no","invalid-api-key":"no","model-unavailable":"no-immediate-retry","access-blocked":"no-immediate-retry","rate-limited":"later","upstream-unavailable":"yes","interrupted-stream":"usually","task-pending":"poll"}
jsonpath = "^\\$(\\.[^.\\[\\]]+|\\[(-?[0-9]+|\\*|\"[^\"]*\"|'[^']*')\\])*$"
ident = "^[a-z0-9][a-z0-9._/-]*$"
template = {"type":"string", "not": {"pattern": "(^|[^$])\\$\\{(?![A-Za-z_][A-Za-z0-9_.-]*\\})"}}
request = {
  "type": "object", "additionalProperties": False, "required": ["method","path"],
  "properties": {
    "method": {"enum": ["GET","POST","PUT","PATCH","DELETE"]},
    "path": {"allOf": [{"type": "string", "pattern": "^(/|\\$\\{)[^ #\\u0000-\\u001f]*$"}, template]},
    "auth": {"enum": ["family","bearer","x-api-key","both","none"]},
    "key": {"enum": ["valid","invalid","empty"]},
    "headers": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"},
                "additionalProperties": {"anyOf": [{"type": "null"}, {"allOf": [{"type": "string", "pattern": "^[^\\r\\n]*$"}, template]}]}},
    "json": {"$ref": "#/$defs/templated"},
    "body": template,
    "timeoutMs": {"type": "integer", "minimum": 1, "maximum": 86400000}
  },
  "not": {"required": ["json","body"]},
  "allOf": [{"if": {"properties": {"auth": {"const": "none"}}, "required": ["auth"]}, "then": {"not": {"required": ["key"]}}}]
}
status = {"oneOf": [
  {"type": "integer", "minimum": 100, "maximum": 599},
  {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 100, "maximum": 599}},
  {"enum": ["1xx","2xx","3xx","4xx","5xx"]}]}
stream = {"type": "object", "additionalProperties": False, "properties": {
  "format": {"enum": ["openai-sse","anthropic-sse","gemini-sse"]},
  "complete": {"type": "boolean"}, "minEvents": {"type": "integer", "minimum": 0},
  "events": {"type": "array", "items": {"type": "string"}}, "error": {"$ref": "#/$defs/matcher"}}}
expect = {
  "type": "object", "additionalProperties": False, "minProperties": 1,
  "properties": {
    "status": status,
    "envelope": {"enum": ["openai","anthropic","music","none","any"]},
    "error": {"type": "object", "additionalProperties": False, "properties": {k: {"$ref": "#/$defs/matcher"} for k in ["type","code","param","message"]}},
    "situation": {"enum": situations},
    "retry": {"enum": ["no","no-immediate-retry","later","yes","usually","poll"]},
    "headers": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"}, "additionalProperties": {"$ref": "#/$defs/matcher"}},
    "json": {"type": "object", "propertyNames": {"pattern": jsonpath}, "additionalProperties": {"$ref": "#/$defs/matcher"}},
    "stream": stream,
    "latencyMs": {"type": "object", "additionalProperties": False, "required": ["max"], "properties": {"max": {"type": "integer", "minimum": 1, "maximum": 86400000}}},
    "diagnoses": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"}}
  },
  "allOf": [
    {"if": {"properties": {"situation": {"const": s}}, "required": ["situation","retry"]}, "then": {"properties": {"retry": {"const": d}}}} for s,d in decisions.items()
  ] + [
    {"if": {"properties": {"situation": {"enum": ["success","unreachable","undocumented"]}}, "required": ["situation"]}, "then": {"not": {"required": ["retry"]}}}
  ]
}
conditions = {"type": "object", "propertyNames": {"pattern": jsonpath}, "additionalProperties": {"$ref": "#/$defs/matcher"}}
step = {
  "type": "object", "additionalProperties": False, "required": ["id"],
  "properties": {
    "id": {"type": "string", "pattern": ident},
    "request": {"$ref": "#/$defs/request"},
    "expect": {"$ref": "#/$defs/expect"},
    "capture": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$"}, "additionalProperties": {"type": "string", "pattern": jsonpath}},
    "poll": {"type": "object", "additionalProperties": False, "required": ["until"], "properties": {
        "until": {"allOf": [conditions, {"minProperties": 1}]}, "failWhen": conditions,
        "intervalMs": {"type": "integer", "minimum": 1, "maximum": 3600000},
        "timeoutMs": {"type": "integer", "minimum": 1, "maximum": 86400000}}},
    "webhook": {"type": "object", "additionalProperties": False, "properties": {
        "callbackType": {"enum": ["text","first","complete","error"]},
        "timeoutMs": {"type": "integer", "minimum": 1, "maximum": 86400000}}}
  },
  "oneOf": [
    {"required": ["request"], "not": {"required": ["webhook"]}, "anyOf": [{"required": ["expect"]}, {"required": ["capture"]}, {"required": ["poll"]}]},
    {"required": ["webhook"], "not": {"anyOf": [{"required": ["request"]}, {"required": ["expect"]}, {"required": ["capture"]}, {"required": ["poll"]}]}}
  ],
  "allOf": [{"if": {"required": ["poll"]}, "then": {"properties": {"request": {"properties": {"method": {"const": "GET"}}}}}}]
}
scenario = {
  "type": "object", "additionalProperties": False, "required": ["id","summary"],
  "properties": {
    "id": {"type": "string", "pattern": ident, "description": "unique in the suite"},
    "summary": {"type": "string", "pattern": "^[^\\n]*\\S[^\\n]*$", "description": "one line, shown in reports"},
    "tags": {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": "^[^ ,]+$"}},
    "family": {"enum": ["openai","anthropic","gemini","media","music"]},
    "request": {"$ref": "#/$defs/request"},
    "expect": {"$ref": "#/$defs/expect"},
    "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
    "timeoutMs": {"type": "integer", "minimum": 1, "maximum": 86400000}
  },
  "oneOf": [{"required": ["request","expect"], "not": {"required": ["steps"]}}, {"required": ["steps"], "not": {"anyOf": [{"required": ["request"]}, {"required": ["expect"]}]}}],
  "allOf": [{
    "description": "Without 'family', a request with auth 'family' (the default) needs a path whose prefix names the family.",
    "if": {"not": {"required": ["family"]}, "required": ["request"],
           "properties": {"request": {"properties": {"auth": {"const": "family"}}}}},
    "then": {"properties": {"request": {"properties": {"path": {"pattern": "^/(openai|anthropic|gemini|dashscope|transtreams|suno)/"}}}}}
  }]
}
schema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://anyint-conformance.invalid/scenario-format-v1.schema.json",
  "title": "anyint-conformance scenario file (format v1)",
  "description": "One scenario object or a non-empty array of them. Generated from the same rules 'anyint-conformance validate' applies; some rules need the whole suite or the runtime (unique ids, variables that resolve, captures before use, valid ICU regexes) and only 'validate' checks them.",
  "oneOf": [{"$ref": "#/$defs/scenario"}, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/scenario"}}],
  "$defs": {"scenario": scenario, "request": request, "expect": expect, "step": step, "matcher": matcher,
            "lengthMatcher": length_matcher,
            "templated": {"description": "Any JSON; every string in it may hold ${name} references.",
                          "anyOf": [template, {"type": ["number","boolean","null"]},
                                    {"type": "array", "items": {"$ref": "#/$defs/templated"}},
                                    {"type": "object", "additionalProperties": {"$ref": "#/$defs/templated"}}]}}
}
print(json.dumps(schema, indent=2))
