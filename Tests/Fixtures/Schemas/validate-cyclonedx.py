#!/usr/bin/env python3
"""Validates CycloneDX 1.6 JSON files against the official schema in this folder (offline).

Usage: validate-cyclonedx.py FILE...   Prints one line per problem; exits 1 if any file is invalid.
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource

HERE = pathlib.Path(__file__).resolve().parent
BASE = "http://cyclonedx.org/schema/"


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def main(paths):
    bom = load("bom-1.6.SNAPSHOT.schema.json")
    registry = Registry().with_resources(
        (BASE + name, Resource.opaque(load(name))) for name in ["spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"]
    )
    validator = jsonschema.Draft7Validator(bom, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    failed = False
    for path in paths:
        document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            failed = True
            where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            print(f"{path}: {where}: {error.message[:300]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
