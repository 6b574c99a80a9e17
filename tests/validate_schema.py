#!/usr/bin/env python3
"""Validates files against one of driftcheck's JSON Schemas with the standard
python-jsonschema validator (Draft 7), as an editor or CI step would.

usage: validate_schema.py SCHEMA FILE...   (FILE: .json, or .yaml/.yml)
Prints each violation as FILE: PATH: MESSAGE; exits 1 if any, 2 on a bad call.
"""
import json
import sys

import jsonschema
import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith((".yaml", ".yml")):
            return yaml.safe_load(f)
        return json.load(f)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema = load(argv[1])
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    for path in argv[2:]:
        for error in validator.iter_errors(load(path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
