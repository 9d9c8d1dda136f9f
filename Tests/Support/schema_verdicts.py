#!/usr/bin/env python3
"""Validate scenario files against scenarios/scenario.schema.json with Python's jsonschema.

usage: schema_verdicts.py SCHEMA FILE...  ->  prints {"FILE": "valid" | "invalid" | "unparseable" | "error: ..."} as JSON
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    out = {}
    for path in sys.argv[2:]:
        try:
            with open(path, "rb") as f:
                data = json.loads(f.read().decode("utf-8"))
        except Exception:
            out[path] = "unparseable"
            continue
        try:
            out[path] = "invalid" if any(True for _ in validator.iter_errors(data)) else "valid"
        except RecursionError:
            out[path] = "error: nesting too deep for the validator"
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
