"""Network validation: every error class names its file, row and field, in YAML and CSV.

YAML rows are named ``<section>[n]`` (1-based); CSV rows are numbered as a spreadsheet shows
them, the header being row 1, so the first data row is row 2.
"""

from __future__ import annotations

import copy
import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sangam.errors import Problem, ValidationFailed
from sangam.supply import load_network

BASE: dict[str, Any] = {
    "name": "tiny",
    "items": [
        {"id": "ga", "kind": "raw", "unit": "kg"},
        {"id": "chip", "kind": "part"},
        {"id": "radar", "kind": "product", "demand_per_week": 1, "value_per_unit": 100},
    ],
    "bom": [
        {"parent": "chip", "child": "ga", "quantity": 2},
        {"parent": "radar", "child": "chip", "quantity": 4},
    ],
    "sites": [
        {"id": "ga-cn", "country": "CN", "makes": "ga", "capacity_per_week": 10, "ttr_weeks": 20},
        {"id": "fab", "country": "JP", "makes": "chip", "capacity_per_week": 10, "stock": 8},
        {"id": "asm", "country": "US", "makes": "radar", "capacity_per_week": 2},
    ],
    "links": [{"from": "ga-cn", "to": "fab"}, {"from": "fab", "to": "asm"}],
}


def write_yaml(tmp: Path, data: dict[str, Any]) -> Path:
    path = tmp / "net.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def write_csv(tmp: Path, data: dict[str, Any]) -> Path:
    folder = tmp / "net"
    folder.mkdir()
    for section in ("items", "bom", "sites", "links"):
        rows = data[section]
        columns = list(dict.fromkeys(k for row in rows for k in row))
        with (folder / f"{section}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


WRITERS: dict[str, Callable[[Path, dict[str, Any]], Path]] = {"yaml": write_yaml,
                                                              "csv": write_csv}


def problems(tmp: Path, form: str, mutate: Callable[[dict[str, Any]], None]) -> list[Problem]:
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(ValidationFailed) as info:
        load_network(WRITERS[form](tmp, data))
    return info.value.problems


def where(form: str, section: str, index: int) -> tuple[str, int | str]:
    """(file, row) of the index-th (1-based) row of a section in either form."""
    if form == "yaml":
        return "net.yaml", f"{section}[{index}]"
    return f"{section}.csv", index + 1


def has(found: list[Problem], file: str, row: int | str, field: str, text: str) -> bool:
    return any(p.file == file and p.row == row and p.field == field and text in p.message
               for p in found)


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_valid_base_loads_in_both_forms(tmp_path: Path, form: str) -> None:
    net = load_network(WRITERS[form](tmp_path, copy.deepcopy(BASE)))
    assert [s.id for s in net.sites] == ["ga-cn", "fab", "asm"]
    assert net.site_by_id["fab"].stock == 8
    assert [p.id for p in net.products] == ["radar"]


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_cycle_in_bill_of_materials(tmp_path: Path, form: str) -> None:
    """chip needs ga and ga-part; ga-part needs chip: the row closing the loop is named."""
    def mutate(d: dict[str, Any]) -> None:
        d["items"].append({"id": "sub", "kind": "part"})
        d["bom"] += [{"parent": "chip", "child": "sub", "quantity": 1},
                     {"parent": "sub", "child": "chip", "quantity": 1}]
    found = problems(tmp_path, form, mutate)
    file, row = where(form, "bom", 4)
    assert has(found, file, row, "child", "cycle in the bill of materials")


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_unknown_references(tmp_path: Path, form: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["sites"][1]["makes"] = "unobtainium"
        d["links"][1]["to"] = "nowhere"
    found = problems(tmp_path, form, mutate)
    assert has(found, *where(form, "sites", 2), "makes", "unknown item 'unobtainium'")
    assert has(found, *where(form, "links", 2), "to", "unknown site 'nowhere'")


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_negative_quantities(tmp_path: Path, form: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["bom"][0]["quantity"] = -2
        d["sites"][0]["capacity_per_week"] = -1
    found = problems(tmp_path, form, mutate)
    assert has(found, *where(form, "bom", 1), "quantity", "must not be negative")
    assert has(found, *where(form, "sites", 1), "capacity_per_week", "must not be negative")


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_product_with_no_route_to_a_raw_material(tmp_path: Path, form: str) -> None:
    """A second product whose only maker has no capacity and no stock: nothing can reach it."""
    def mutate(d: dict[str, Any]) -> None:
        d["items"].append({"id": "sonar", "kind": "product", "demand_per_week": 1,
                           "value_per_unit": 5})
        d["bom"].append({"parent": "sonar", "child": "chip", "quantity": 1})
        d["sites"].append({"id": "sonar-us", "country": "US", "makes": "sonar",
                           "capacity_per_week": 0})
    found = problems(tmp_path, form, mutate)
    assert has(found, *where(form, "items", 4), "id", "has no route to any raw material")


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_duplicate_ids(tmp_path: Path, form: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["sites"].append(dict(d["sites"][2]))
        d["items"].append({"id": "ga", "kind": "raw"})
    found = problems(tmp_path, form, mutate)
    assert has(found, *where(form, "sites", 4), "id", "duplicate site id 'asm'")
    assert has(found, *where(form, "items", 4), "id", "duplicate item id 'ga'")


@pytest.mark.parametrize("form", ["yaml", "csv"])
def test_non_numeric_field(tmp_path: Path, form: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["sites"][1]["stock"] = "plenty"
        d["items"][2]["demand_per_week"] = "1/wk"
    found = problems(tmp_path, form, mutate)
    assert has(found, *where(form, "sites", 2), "stock", "must be a number, got 'plenty'")
    assert has(found, *where(form, "items", 3), "demand_per_week", "must be a number")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Two unrelated mistakes: both listed, the message counts them, nothing is loaded."""
    def mutate(d: dict[str, Any]) -> None:
        d["sites"][0]["country"] = "China"
        d["bom"][1]["quantity"] = "four"
    found = problems(tmp_path, "yaml", mutate)
    assert has(found, "net.yaml", "sites[1]", "country", "ISO alpha-2")
    assert has(found, "net.yaml", "bom[2]", "quantity", "must be a number")


def test_missing_csv_file_is_named(tmp_path: Path) -> None:
    folder = write_csv(tmp_path, copy.deepcopy(BASE))
    (folder / "links.csv").unlink()
    with pytest.raises(ValidationFailed) as info:
        load_network(folder)
    assert [str(p) for p in info.value.problems] == ["net: missing file links.csv"]
