"""The model, read once from `schemata.yaml`: schemata, their properties and value types.

Inheritance (`extends`) is resolved here so the rest of the code asks one question —
"what is property P of schema S?" — and never walks the hierarchy itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SCHEMATA_FILE = Path(__file__).resolve().parent / "schemata.yaml"


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    label: str
    range: str | None = None


@dataclass(frozen=True)
class Schema:
    name: str
    abstract: bool
    caption: str
    parents: tuple[str, ...]
    properties: dict[str, Property]


@dataclass(frozen=True)
class Model:
    types: tuple[str, ...]
    schemata: dict[str, Schema]

    def concrete(self) -> list[str]:
        return sorted(name for name, s in self.schemata.items() if not s.abstract)

    def get(self, name: str) -> Schema | None:
        return self.schemata.get(name)


def _resolve(name: str, raw: dict[str, Any], done: dict[str, Schema]) -> Schema:
    if name in done:
        return done[name]
    spec = raw[name]
    props: dict[str, Property] = {}
    parents: tuple[str, ...] = ()
    if parent := spec.get("extends"):
        base = _resolve(parent, raw, done)
        props.update(base.properties)
        parents = (parent, *base.parents)
    for prop_name, p in (spec.get("properties") or {}).items():
        props[prop_name] = Property(prop_name, p["type"], p.get("label", prop_name), p.get("range"))
    schema = Schema(name, bool(spec.get("abstract")), spec.get("caption", "name"), parents, props)
    done[name] = schema
    return schema


@cache
def load_model(path: Path = SCHEMATA_FILE) -> Model:
    """Parse and check the schemata file; a malformed model is a programming error."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    types = tuple(raw["types"])
    done: dict[str, Schema] = {}
    for name in raw["schemata"]:
        _resolve(name, raw["schemata"], done)
    for schema in done.values():
        for prop in schema.properties.values():
            if prop.type not in types:
                raise ValueError(f"{schema.name}.{prop.name}: unknown type {prop.type!r}")
    return Model(types, done)
