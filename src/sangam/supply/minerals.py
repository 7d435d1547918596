"""Country production shares and concentration (HHI) of critical minerals, from USGS MCS.

Reads the USGS Mineral Commodity Summaries 2024 world-production CSVs shipped in
``data/supply/usgs_mcs2024_world`` as published, handling their traps explicitly rather than
trusting a pre-cleaned copy: a UTF-8 BOM on the first header, footnote markers glued to
country names (``Japane``, ``Other countries4``), a non-breaking space in one name, units
that differ by file and live in the column name (``Prod_kt_est_2023``), withheld (``W``) and
unavailable (``NA``, ``XX``) values, thousands separators, and several measures per file
(copper mine and refinery). Unknown country names are an error, never guessed.

Shares are of the "World total (rounded)" row, so listed shares need not sum to 100 %. The
Herfindahl-Hirschman index is the sum of squared percentage shares of the listed countries
(0-10,000), leaving out the residual "Other countries" row, whose members are unknown.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from sangam.errors import NotFound, Problem, ValidationFailed
from sangam.settings import get_settings

UNITS = ("t", "kt", "kg", "mcm")
_MISSING = {"", "W", "NA", "XX", "—", "-", "--"}
_QUALIFIER = re.compile(r"\s*(\(.*\)|, concentrate)$")


@dataclass(frozen=True)
class CountryShare:
    country: str  # ISO alpha-2
    name: str
    value: float | None  # est. 2023 production in ``unit``; None when withheld
    share_pct: float | None


@dataclass(frozen=True)
class MineralMeasure:
    code: str
    commodity: str
    measure: str
    unit: str
    world_total: float | None
    residual: float | None  # "Other countries"
    countries: tuple[CountryShare, ...]
    source_file: str

    @property
    def hhi(self) -> float | None:
        shares = [c.share_pct for c in self.countries if c.share_pct is not None]
        if self.world_total is None or not shares:
            return None
        return round(sum(s * s for s in shares), 1)

    def top(self) -> CountryShare | None:
        ranked = [c for c in self.countries if c.share_pct is not None]
        return max(ranked, key=lambda c: c.share_pct or 0.0, default=None)

    def share_of(self, members: Iterable[str]) -> float | None:
        """Percentage of world production from the listed countries."""
        if self.world_total is None:
            return None
        wanted = set(members)
        return round(sum(c.share_pct or 0.0 for c in self.countries if c.country in wanted), 2)

    def as_dict(self) -> dict[str, object]:
        top = self.top()
        return {
            "code": self.code, "commodity": self.commodity, "measure": self.measure,
            "unit": self.unit, "world_total": self.world_total, "hhi": self.hhi,
            "top_country": top.country if top else None,
            "top_share_pct": top.share_pct if top else None,
            "countries": [{"country": c.country, "name": c.name, "value": c.value,
                           "share_pct": c.share_pct} for c in self.countries],
            "other_countries": self.residual, "source_file": self.source_file,
        }


def supply_data_dir() -> Path:
    return get_settings().data_dir / "supply"


@lru_cache(maxsize=4)
def _country_names(data_dir: Path) -> dict[str, str]:
    raw = yaml.safe_load((data_dir / "countries.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in raw["usgs_names"].items()}


def clean_country(raw: str, names: Mapping[str, str]) -> tuple[str, str] | None:
    """Map a USGS country cell to (ISO code, clean name); None for an unknown name."""
    name = raw.replace("\xa0", " ").strip()
    name = re.sub(r"\d+$", "", name).strip()
    if name not in names:
        name = _QUALIFIER.sub("", name).strip()
    if name in names:
        return names[name], name
    if name.endswith("e") and name[:-1] in names:
        return names[name[:-1]], name[:-1]
    return None


@dataclass
class _Acc:
    """Rows of one measure while a file is read."""

    residual: float | None = None
    countries: dict[str, tuple[str, float | None]] = field(default_factory=dict)


def _measure_key(measure: str) -> str:
    key = measure.lower().replace("world total", "").replace("world ", "")
    key = re.sub(r"\s*\(rounded\)", "", key)
    return re.sub(r"\s+", " ", key).strip()


def _number(cell: str) -> float | None:
    cell = cell.strip()
    if cell in _MISSING:
        return None
    try:
        return float(cell.replace(",", ""))
    except ValueError:
        return None


def parse_world_file(path: Path, names: Mapping[str, str],
                     commodity: str | None = None) -> list[MineralMeasure]:
    """Parse one ``mcs2024-<code>_world.csv`` into one entry per measure it holds."""
    code = path.name.removeprefix("mcs2024-").removesuffix("_world.csv").lower()
    problems: list[Problem] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = [h.strip() for h in rows[0]]
    prod_cols = [i for i, h in enumerate(header) if h.lower().startswith("prod_") and "2023" in h]
    if not prod_cols:
        raise ValidationFailed([Problem("no Prod_..._2023 column", file=path.name, row=1)])
    col = prod_cols[0]
    tokens = header[col].lower().split("_")
    unit = next((t for t in tokens if t in UNITS), "")
    measures: dict[str, _Acc] = {}
    world_rows: dict[str, float | None] = {}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) <= col or not row[1].strip():
            continue
        measure = row[2].strip()
        label = row[1].replace("\xa0", " ").strip()
        value = _number(row[col])
        if label.lower().startswith("world total"):
            # The world row may spell its measure differently ("World mine production: ...").
            world_rows[_measure_key(measure)] = value
            continue
        acc = measures.setdefault(measure, _Acc())
        if re.sub(r"\d+$", "", label) in ("Other countries", "Other"):
            acc.residual = value
            continue
        mapped = clean_country(label, names)
        if mapped is None:
            problems.append(Problem(f"unknown country name {label!r}; add it to countries.yaml",
                                    file=path.name, row=n, field="Country"))
            continue
        iso, clean = mapped
        old = acc.countries.get(iso)
        if old is not None and old[1] is not None and value is not None:
            value = old[1] + value  # several rows for one country (e.g. US helium sources)
        elif old is not None and value is None:
            value = old[1]
        acc.countries[iso] = (clean, value)
    if problems:
        raise ValidationFailed(problems)
    out = []
    for measure, acc in measures.items():
        world = world_rows.get(_measure_key(measure))
        shares = tuple(
            CountryShare(iso, name, value,
                         round(100.0 * value / world, 2) if value is not None and world else None)
            for iso, (name, value) in acc.countries.items()
        )
        out.append(MineralMeasure(code, commodity or code, measure, unit, world, acc.residual,
                                  shares, path.name))
    return out


@lru_cache(maxsize=4)
def _load_all(data_dir: Path) -> tuple[MineralMeasure, ...]:
    folder = data_dir / "usgs_mcs2024_world"
    if not folder.is_dir():
        raise NotFound(f"USGS data not found in {folder}",
                       "Run from a checkout, or set SANGAM_DATA_DIR to the repository's data/.")
    names = _country_names(data_dir)
    commodities = yaml.safe_load((data_dir / "mcs_commodities.yaml").read_text(encoding="utf-8"))
    out: list[MineralMeasure] = []
    for path in sorted(folder.glob("mcs2024-*_world.csv")):
        code = path.name.removeprefix("mcs2024-").removesuffix("_world.csv").lower()
        out.extend(parse_world_file(path, names, str(commodities.get(code, code))))
    return tuple(out)


def minerals(data_dir: Path | None = None) -> list[MineralMeasure]:
    """Every measure of every shipped commodity."""
    return list(_load_all(data_dir or supply_data_dir()))


def mineral(code: str, data_dir: Path | None = None) -> MineralMeasure:
    """The first (primary) measure for a USGS code such as ``galli``."""
    for m in minerals(data_dir):
        if m.code == code.lower():
            return m
    raise NotFound(f"No USGS data for mineral code {code!r}",
                   "Run `sangam supply minerals` to list the codes.")


@dataclass(frozen=True)
class Alliance:
    key: str
    name: str
    members: frozenset[str]


@lru_cache(maxsize=4)
def _alliances(data_dir: Path) -> tuple[dict[str, Alliance], str]:
    raw = yaml.safe_load((data_dir / "alliances.yaml").read_text(encoding="utf-8"))
    out = {
        str(key): Alliance(str(key), str(v["name"]), frozenset(str(m) for m in v["members"]))
        for key, v in raw["alliances"].items()
    }
    return out, str(raw.get("default", "quad"))


def alliances(data_dir: Path | None = None) -> dict[str, Alliance]:
    return dict(_alliances(data_dir or supply_data_dir())[0])


def alliance(key: str | None = None, data_dir: Path | None = None) -> Alliance:
    """An alliance by key (default: the file's ``default``); ``CC,CC`` gives an ad-hoc group."""
    table, default = _alliances(data_dir or supply_data_dir())
    key = key or default
    if key in table:
        return table[key]
    codes = [c.strip().upper() for c in key.split(",") if c.strip()]
    if codes and all(re.fullmatch(r"[A-Z]{2}", c) for c in codes):
        return Alliance(key, "ad-hoc group " + ", ".join(codes), frozenset(codes))
    raise NotFound(f"Unknown alliance {key!r}",
                   f"Use one of {', '.join(sorted(table))} or a list of country codes like US,JP.")


def report(code: str | None = None, alliance_key: str | None = None,
           data_dir: Path | None = None) -> dict[str, object]:
    """Shares and HHI of one commodity (all measures) or of every commodity, with the share
    of the chosen alliance, in the shape the CLI's ``--json`` and the API both return."""
    group = alliance(alliance_key, data_dir)
    rows = [m for m in minerals(data_dir) if code is None or m.code == code.lower()]
    if not rows:
        mineral(code or "", data_dir)  # raises NotFound with a hint
    return {"alliance": {"key": group.key, "name": group.name, "members": sorted(group.members)},
            "minerals": [{**m.as_dict(), "allied_share_pct": m.share_of(group.members)}
                         for m in rows]}
