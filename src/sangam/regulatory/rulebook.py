"""The rule tables compiled once into lookup structures, so a determination is dictionary work.

Everything here is derived from the tables in `data/regulatory/` (see `tables.py`): country
groups and chart columns become frozensets, "where a reason applies" expressions become the
set of destinations they cover, ECCN rows become records with their reasons already matched
to a scope rule. A `RuleBook` is immutable after construction and cached per table version
(paths and modification times), so a batch of a million queries reads the files once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sangam.errors import Unavailable
from sangam.regulatory.model import Step
from sangam.regulatory.tables import RowRef, Table, bundled_dir, load_tables, overlay_dir

_MONEY = re.compile(r"^\$\s*([\d,]+)$")


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name: str
    groups: frozenset[str]
    chart: frozenset[str]
    footnotes: frozenset[str]
    notes: str
    refs: tuple[RowRef, ...]


@dataclass(frozen=True, slots=True)
class ReasonRule:
    """One reason for control of one ECCN, with where it applies."""

    token: str
    column: str | None  # a Country Chart column, or None when the scope decides
    scope: frozenset[str]
    certainty: str  # definite | depends | itar
    question: str
    regulation: str
    ref: RowRef


@dataclass(frozen=True, slots=True)
class Eccn:
    eccn: str
    heading: str
    reasons: tuple[ReasonRule, ...]
    details: str
    lvs_text: str
    lvs_value: float | None
    gbs: bool
    sta_excluded: str
    other_exceptions: str
    is_600: bool
    ref: RowRef

    @property
    def transcribed(self) -> bool:
        return bool(self.reasons) or self.ref.status != "heading_only"


@dataclass(frozen=True, slots=True)
class ExceptionVariant:
    paragraph: str
    destinations: frozenset[str]
    overcomes: frozenset[str]


@dataclass(frozen=True, slots=True)
class ExceptionRule:
    symbol: str
    name: str
    section: str
    variants: tuple[ExceptionVariant, ...]
    kinds: frozenset[str]
    conditions: tuple[str, ...]
    requires_end_user: frozenset[str]
    requires_end_use: tuple[str, ...]
    needs_eccn_flag: str
    needs_lvs_value: bool
    needs_gbs: bool
    needs_reason: str
    only_column: str
    always_depends: str
    honours_sta_exclusions: bool
    ref: RowRef


@dataclass(frozen=True, slots=True)
class Bar:
    id: str
    section: str
    kind: str
    when: str
    countries: frozenset[str]
    except_symbols: frozenset[str]
    text: str


@dataclass(frozen=True, slots=True)
class ScopedRule:
    """A row whose effect depends on the destination (end-use rules, de minimis, cases)."""

    key: str
    scope: frozenset[str]
    values: dict[str, str]
    ref: RowRef


class RuleBook:
    """All rule tables, compiled. Build with :func:`get_rulebook`."""

    def __init__(self, tables: dict[str, Table]) -> None:
        self.tables = tables
        self.as_of = {name: t.info.as_of for name, t in tables.items()}
        self._compile_countries()
        self.all_countries = frozenset(self.countries)
        self._compile_reasons_and_eccns()
        self._compile_exceptions()
        self._compile_misc()

    # -- helpers ------------------------------------------------------------------------------
    def rows(self, name: str) -> list[tuple[dict[str, Any], RowRef]]:
        table = self.tables[name]
        return list(zip(table.rows, table.refs, strict=True))

    def scope(self, expression: str) -> frozenset[str]:
        """The destinations an expression such as `groups:D:1;except_groups:A:5` covers."""
        include: set[str] = set()
        exclude: set[str] = set()
        for clause in (c.strip() for c in expression.split(";")):
            if not clause:
                continue
            kind, _, arg = clause.partition(":")
            target = exclude if kind.startswith("except_") else include
            kind = kind.removeprefix("except_")
            values = [v.strip() for v in arg.split(",") if v.strip()]
            if kind == "all":
                target.update(self.countries)
            elif kind == "countries":
                target.update(values)
            elif kind == "groups":
                target.update(c for c, rec in self.countries.items() if rec.groups & set(values))
            elif kind == "footnote":
                target.update(c for c, rec in self.countries.items()
                              if rec.footnotes & set(values))
            elif kind == "japan_group":
                target.update(c for c, g in self.japan_groups.items() if g in values)
            # other clause kinds (600series, reason:, end_use_licence) are item conditions
        return frozenset(include - exclude)

    # -- countries ----------------------------------------------------------------------------
    def _compile_countries(self) -> None:
        groups = {row["iso2"]: (row, ref) for row, ref in self.rows("ear_country_groups")}
        chart = {row["iso2"]: (row, ref) for row, ref in self.rows("ear_country_chart")}
        countries: dict[str, Country] = {}
        for iso in sorted(set(groups) | set(chart)):
            g_row, g_ref = groups.get(iso, ({}, None))
            c_row, c_ref = chart.get(iso, ({}, None))
            name = str(c_row.get("country") or g_row.get("country") or iso)
            member = frozenset(k for k, v in g_row.items() if v == "X" and k[:1] in "ABDE"
                               and (k == "B" or ":" in k))
            columns = frozenset(k for k, v in c_row.items() if v == "X" and len(k) == 3)
            notes = " ".join(filter(None, (str(c_row.get("notes") or ""),
                                           str(g_row.get("notes") or ""))))
            countries[iso] = Country(
                iso2=iso, name=name, groups=member, chart=columns,
                footnotes=frozenset(str(c_row.get("footnotes") or "").split()),
                notes=notes, refs=tuple(r for r in (c_ref, g_ref) if r is not None))
        if not countries:
            raise Unavailable("the Country Chart and Country Group tables are empty",
                              "Restore data/regulatory/ or re-import 15 CFR Parts 738 and 740.")
        self.countries = countries
        # Japan's groups are needed by scope expressions below.
        self.japan_groups = {row["iso2"]: row["group"] for row, _ in self.rows(
            "japan_country_groups")}
        self.japan_group_refs = {row["iso2"]: ref for row, ref in self.rows(
            "japan_country_groups")}

    # -- ECCNs --------------------------------------------------------------------------------
    def _compile_reasons_and_eccns(self) -> None:
        scope_rules: list[tuple[re.Pattern[str], dict[str, Any], RowRef, frozenset[str]]] = []
        for row, ref in self.rows("ear_reason_scopes"):
            scope = frozenset() if row["scope"] == "chart" else self.scope(row["scope"])
            scope_rules.append((re.compile(row["pattern"]), row, ref, scope))
        self.reason_names = {row["column"] or row["code"]: row["name"]
                             for row, _ in self.rows("ear_reasons_for_control")}

        def rule_for(token: str) -> ReasonRule:
            for pattern, row, ref, scope in scope_rules:
                if pattern.search(token):
                    column = token if row["scope"] == "chart" else None
                    return ReasonRule(token=token, column=column, scope=scope,
                                      certainty=row["certainty"], question=row["question"],
                                      regulation=row["regulation"], ref=ref)
            raise Unavailable(f"no scope rule matches reason {token!r}",
                              "Add a catch-all row to ear_reason_scopes.csv.")

        cache: dict[str, ReasonRule] = {}
        eccns: dict[str, Eccn] = {}
        for row, ref in self.rows("ccl_eccns"):
            tokens = [t.strip() for t in str(row.get("reasons") or "").split(";") if t.strip()]
            reasons = tuple(cache.setdefault(t, rule_for(t)) for t in tokens)
            lvs = str(row.get("lvs") or "")
            money = _MONEY.match(lvs.strip())
            code = str(row["eccn"]).upper()
            eccns[code] = Eccn(
                eccn=code, heading=str(row.get("heading") or ""), reasons=reasons,
                details=str(row.get("reason_details") or ""), lvs_text=lvs,
                lvs_value=float(money.group(1).replace(",", "")) if money else None,
                gbs=str(row.get("gbs") or "").lower().startswith("yes"),
                sta_excluded=str(row.get("sta_excluded") or ""),
                other_exceptions=str(row.get("other_license_exceptions") or ""),
                is_600=bool(re.match(r"^[0-9][A-E](6[0-9]{2}|515)$", code)), ref=ref)
        self.eccns = eccns

    # -- licence exceptions -------------------------------------------------------------------
    def _compile_exceptions(self) -> None:
        table = self.tables["ear_exception_rules"]
        rules: list[ExceptionRule] = []
        for spec, ref in zip(table.rows, table.refs, strict=True):
            variants = tuple(
                ExceptionVariant(paragraph=str(v["paragraph"]),
                                 destinations=self.scope(str(v["destinations"])),
                                 overcomes=frozenset(str(x) for x in v["overcomes"]))
                for v in spec.get("variants", []))
            rules.append(ExceptionRule(
                symbol=str(spec["symbol"]), name=str(spec["name"]),
                section=str(spec["section"]), variants=variants,
                kinds=frozenset(spec.get("kinds", [])),
                conditions=tuple(str(c) for c in spec.get("conditions", [])),
                requires_end_user=frozenset(spec.get("requires_end_user", [])),
                requires_end_use=tuple(str(x) for x in spec.get("requires_end_use", [])),
                needs_eccn_flag=str(spec.get("needs_eccn_flag", "")),
                needs_lvs_value=bool(spec.get("needs_lvs_value", False)),
                needs_gbs=bool(spec.get("needs_gbs", False)),
                needs_reason=str(spec.get("needs_reason", "")),
                only_column=str(spec.get("only_column", "")),
                always_depends=str(spec.get("always_depends", "")),
                honours_sta_exclusions=bool(spec.get("honours_sta_exclusions", False)),
                ref=ref))
        self.exception_rules = tuple(rules)
        bars = []
        for spec in table.raw.get("bars", []):
            when = str(spec["when"])
            bars.append(Bar(id=str(spec["id"]), section=str(spec["section"]),
                            kind=str(spec["kind"]), when=when,
                            countries=self.scope(when) if spec["kind"] in (
                                "destination", "item_destination") else frozenset(),
                            except_symbols=frozenset(spec.get("except", [])),
                            text=str(spec["text"])))
        self.bars = tuple(bars)
        self.exceptions_ref = table.refs[0] if table.refs else None

    # -- everything else ----------------------------------------------------------------------
    def _scoped(self, name: str, key: str, scope_column: str) -> tuple[ScopedRule, ...]:
        return tuple(ScopedRule(key=str(row[key]), scope=self.scope(str(row[scope_column])),
                                values={k: str(v or "") for k, v in row.items()}, ref=ref)
                     for row, ref in self.rows(name))

    def _compile_misc(self) -> None:
        self.embargoes = {row["iso2"]: (row, ref) for row, ref in self.rows("ear_embargoes")}
        self.de_minimis = self._scoped("ear_de_minimis", "rule", "destinations")
        self.end_use_rules = self._scoped("ear_end_use_rules", "end_use", "scope")
        self.end_user_types = [(str(r["keyword"]), str(r["type"]), ref)
                               for r, ref in self.rows("end_user_types")]
        self.usml_categories = {row["roman"]: (row, ref) for row, ref in self.rows(
            "usml_categories")}
        self.usml_paragraphs = {row["code"]: (row, ref) for row, ref in self.rows(
            "usml_paragraphs")}
        self.itar_126_1 = {row["iso2"]: (row, ref) for row, ref in self.rows("itar_126_1")
                           if not str(row.get("policy", "")).upper().startswith("REMOVED")}
        self.itar_licences = {row["kind"]: (row, ref) for row, ref in self.rows(
            "itar_licences")}
        self.japan_facts = {row["item"]: (row, ref) for row, ref in self.rows(
            "japan_export_control")}
        self.japan_rows = {row["row"]: (row, ref) for row, ref in self.rows(
            "japan_appended_table1")}
        self.japan_cases = self.rows("japan_three_principles_cases")
        self.japan_case_scopes = {
            row["case"]: self.scope(row["match_destination"]) if row["match_destination"]
            else frozenset() for row, _ in self.japan_cases}
        self.japan_timeline = self.rows("japan_three_principles")
        self.scomet = {row["category"]: (row, ref) for row, ref in self.rows("india_scomet")}
        self.dap = self.rows("india_dap2020")
        self.crosswalk = [(re.compile(row["pattern"]), row, ref)
                          for row, ref in self.rows("wassenaar_crosswalk")]
        self.exception_overview = {row["symbol"]: (row, ref) for row, ref in self.rows(
            "ear_license_exceptions")}
        steps: dict[str, list[Step]] = {}
        step_refs: dict[str, list[RowRef]] = {}
        for row, ref in self.rows("process_steps"):
            days = str(row.get("typical_days") or "").strip()
            steps.setdefault(row["process"], []).append(Step(
                order=int(row["order"]), action=str(row["action"]),
                typical_days=int(days) if days.isdigit() else None,
                typical_text=str(row.get("typical_text") or ""),
                source_id=ref.source_id, status=ref.status))
            step_refs.setdefault(row["process"], []).append(ref)
        self.steps = {k: tuple(sorted(v, key=lambda s: s.order)) for k, v in steps.items()}
        self.step_refs = {k: tuple(v) for k, v in step_refs.items()}


_CACHE: dict[tuple[Any, ...], RuleBook] = {}


def _signature(base: Path, overlay: Path) -> tuple[Any, ...]:
    stamps: list[tuple[str, float]] = []
    for folder in (base, overlay):
        if folder.is_dir():
            stamps.extend((str(p), p.stat().st_mtime) for p in sorted(folder.iterdir())
                          if p.is_file())
    return (str(base), str(overlay), tuple(stamps))


def get_rulebook(base: Path | None = None, overlay: Path | None = None) -> RuleBook:
    """The compiled rule book for the current tables, rebuilt only when a file changed."""
    base = base or bundled_dir()
    overlay = overlay or overlay_dir()
    key = _signature(base, overlay)
    book = _CACHE.get(key)
    if book is None:
        book = RuleBook(load_tables(base, overlay))
        _CACHE.clear()
        _CACHE[key] = book
    return book
