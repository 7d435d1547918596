"""Programme sandboxes: pre-approved domains, countries and trusted entities, as policy files.

INDUS-X proposes "pre-approval of certain project domains and trusted entities" as safe
sandboxes. A programme writes one YAML file per sandbox in `data/regulatory/sandboxes/` (or
`var/regulatory/sandboxes/`); the pathfinder reports when a proposed collaboration falls
inside one. A sandbox is programme policy, never law: it does not change any licence
requirement, and every answer labels it so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from sangam.errors import Problem, ValidationFailed
from sangam.regulatory.model import Item, Query

LABEL = "programme policy, not law: it does not change any licence requirement"
_REQUIRED = ("id", "name", "programme", "domains", "countries", "expedites")


@dataclass(frozen=True)
class Sandbox:
    id: str
    name: str
    programme: str
    domains: tuple[str, ...]
    countries: frozenset[str]
    trusted_entities: tuple[str, ...]
    expedites: tuple[str, ...]
    file: str


def parse_sandbox(data: Any, file: str) -> Sandbox:
    """Validate one policy file; every problem is reported with its field."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise ValidationFailed([Problem("a sandbox file must be a YAML mapping", file=file)])
    for key in _REQUIRED:
        if not data.get(key):
            problems.append(Problem("required", file=file, field=key))
    for key in ("domains", "countries", "expedites", "trusted_entities"):
        if key in data and data[key] is not None and not isinstance(data[key], list):
            problems.append(Problem("must be a list", file=file, field=key))
    countries = [str(c).upper() for c in data.get("countries") or []]
    for code in countries:
        if len(code) != 2 or not code.isalpha():
            problems.append(Problem(f"{code!r} is not an ISO alpha-2 code", file=file,
                                    field="countries"))
    if problems:
        raise ValidationFailed(problems, "Fix the sandbox policy file.")
    return Sandbox(id=str(data["id"]), name=str(data["name"]), programme=str(data["programme"]),
                   domains=tuple(str(d).upper() for d in data["domains"]),
                   countries=frozenset(countries),
                   trusted_entities=tuple(str(e) for e in data.get("trusted_entities") or []),
                   expedites=tuple(str(e) for e in data["expedites"]), file=file)


def load_sandboxes(folders: list[Path]) -> list[Sandbox]:
    out: list[Sandbox] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            with path.open(encoding="utf-8") as handle:
                out.append(parse_sandbox(yaml.safe_load(handle), path.name))
    return out


def _domain_hit(item: Item, domains: tuple[str, ...]) -> str | None:
    codes = {item.code.upper(), (item.eccn or "").upper()}
    if item.usml_category:
        codes.add(f"USML-{item.usml_category}")
    for domain in domains:
        if any(code and code.startswith(domain) for code in codes):
            return domain
    return None


def match_sandboxes(sandboxes: list[Sandbox], q: Query, item: Item) -> list[dict[str, Any]]:
    """The sandboxes this collaboration falls inside (wholly or but for the entity)."""
    found: list[dict[str, Any]] = []
    for box in sandboxes:
        domain = _domain_hit(item, box.domains)
        if domain is None or not {q.from_country, q.to_country} <= box.countries:
            continue
        entity = None
        if q.end_user and box.trusted_entities:
            best = max(box.trusted_entities,
                       key=lambda e: fuzz.token_set_ratio(q.end_user or "", e))
            if fuzz.token_set_ratio(q.end_user, best) >= 90:
                entity = best
        whole = entity is not None or not box.trusted_entities
        found.append({
            "id": box.id, "name": box.name, "programme": box.programme, "label": LABEL,
            "matched_domain": domain, "countries": sorted(box.countries),
            "trusted_entity": entity,
            "fit": "inside" if whole else "domain and countries only (end user not pre-approved)",
            "expedites": list(box.expedites) if whole else [],
            "file": box.file,
        })
    return found
