#!/usr/bin/env python3
"""Validates CycloneDX 1.6 JSON files against the official schema in this folder (offline).

Usage: validate-cyclonedx.py FILE...   Prints one line per problem; exits 1 if any file is invalid.
"""
import json
import pathlib
import sys

import jsonschema

HERE = pathlib.Path(__file__).resolve().parent
BASE = "http://cyclonedx.org/schema/"


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def main(paths):
    bom = load("bom-1.6.SNAPSHOT.schema.json")
    others = {BASE + name: load(name) for name in ["spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"]}
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    try:  # jsonschema 4.18 and later
        from referencing import Registry, Resource

        registry = Registry().with_resources((uri, Resource.opaque(schema)) for uri, schema in others.items())
        validator = jsonschema.Draft7Validator(bom, registry=registry, format_checker=checker)
    except ImportError:  # older jsonschema, e.g. Debian 12's python3-jsonschema 4.10
        resolver = jsonschema.RefResolver.from_schema(bom, store=others)
        validator = jsonschema.Draft7Validator(bom, resolver=resolver, format_checker=checker)
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
