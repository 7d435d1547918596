"""Each importer on the real bundled files, and rejection of malformed files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sangam.errors import ValidationFailed
from sangam.screening.importers import FORMATS, ImportOptions

DATA = Path(__file__).resolve().parents[2] / "data" / "screening"


def _load(fmt: str, rel: str):  # type: ignore[no-untyped-def]
    return FORMATS[fmt].importer(DATA / rel, ImportOptions())


def test_ofac_sdn_real_file() -> None:
    parsed = _load("ofac-sdn", "ofac_sdn/sdn.csv")
    assert parsed.info.list_id == "us-ofac-sdn"
    assert parsed.info.entries == 14965  # SOURCES.md: 14,965 rows
    by_id = {e.source_id: e for e in parsed.entries}
    cuba = by_id["306"]
    assert cuba.name == "BANCO NACIONAL DE CUBA"
    assert "NATIONAL BANK OF CUBA" in cuba.aliases  # alt.csv row 306/220
    assert cuba.programs == ("CUBA",)
    assert cuba.entity_type == "organization"
    assert "CH" in cuba.countries and "JP" in cuba.countries  # add.csv: Zurich, Tokyo
    kinds = [e.entity_type for e in parsed.entries]
    assert kinds.count("individual") == 6854 and kinds.count("vessel") == 851
    assert kinds.count("aircraft") == 376 and kinds.count("organization") == 6884
    # alt/add rows for ent_nums missing from the older sdn.csv are skipped, and said so
    assert "skipped" in parsed.info.date_note


def test_csl_real_file_skips_repeated_header() -> None:
    parsed = _load("us-csl", "us_csl/consolidated_partial_2023.csv")
    assert parsed.info.entries == 4227  # SOURCES.md rows by source add up to 4,227
    assert all(e.name != "name" for e in parsed.entries)
    first = parsed.entries[0]
    assert first.source_id == "30882"
    assert first.name == "China Telecom Corporation Limited"
    assert first.programs[0] == "CMIC"
    assert "CHINA TELECOM CO., LTD" in first.aliases
    assert first.countries == ("CN",)


def test_un_xml_real_file() -> None:
    parsed = _load("un-xml", "un/un_consolidated.xml")
    assert parsed.info.published == date(2026, 2, 27)  # dateGenerated
    kinds = [e.entity_type for e in parsed.entries]
    assert kinds.count("individual") == 730 and kinds.count("organization") == 273
    badege = next(e for e in parsed.entries if e.source_id == "6907993")
    assert badege.name == "ERIC BADEGE"
    assert badege.programs == ("DRC",)
    assert "RW" in badege.countries


@pytest.mark.parametrize(
    ("rel", "list_id", "count", "updated"),
    [
        ("250912_list_russia_tokutei.pdf.txt", "jp-meti-russia", 561, date(2025, 9, 12)),
        ("250912_list_daisangoku_tokutei.pdf.txt", "jp-meti-third-country", 56,
         date(2025, 9, 12)),
        ("list_belarus_tokutei.pdf.txt", "jp-meti-belarus", 27, date(2022, 7, 5)),
    ],
)
def test_meti_real_files(rel: str, list_id: str, count: int, updated: date) -> None:
    parsed = _load("jp-meti", f"jp_meti_russia/{rel}")
    assert parsed.info.list_id == list_id
    assert parsed.info.published == updated
    assert parsed.info.entries == count
    numbers = [int(e.source_id) for e in parsed.entries]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, max(numbers) + 1))


def test_meti_glued_number_and_aliases() -> None:
    parsed = _load("jp-meti", "jp_meti_russia/250912_list_russia_tokutei.pdf.txt")
    by_id = {e.source_id: e for e in parsed.entries}
    assert by_id["1"].name == "Admiralty Shipyard JSC"
    assert "株式会社アドミラルティ造船所" in by_id["1"].aliases
    # "…Moscow 127055RU.10 対外諜報庁": entry 10 starts mid-line
    assert by_id["10"].name == "Foreign Intelligence Service (SVR)"
    assert "対外諜報庁" in by_id["10"].aliases
    assert by_id["6"].aliases[0] == "Federalnaya Sluzhba Bezopasnosti"
    # the newer "別称：" layout
    assert "OOO Vneshekostil" in by_id["561"].aliases


def test_malformed_sdn_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "sdn.csv"
    good = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"' + ",-0- " * 8 + "\n"
    bad.write_text(good + '37,"BROKEN ROW",-0- \n', encoding="cp1252")
    with pytest.raises(ValidationFailed) as err:
        FORMATS["ofac-sdn"].importer(bad, ImportOptions())
    problem = err.value.problems[0]
    assert problem.file == "sdn.csv" and problem.row == 2


def test_malformed_xml_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "consolidated.xml"
    bad.write_text("<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n</CONSOLIDATED_LIST>\n")
    with pytest.raises(ValidationFailed) as err:
        FORMATS["un-xml"].importer(bad, ImportOptions())
    assert err.value.problems[0].file == "consolidated.xml"
    assert err.value.problems[0].row == 4


def test_csl_missing_column(tmp_path: Path) -> None:
    bad = tmp_path / "csl.csv"
    bad.write_text("_id,source,name\n1,x,y\n")
    with pytest.raises(ValidationFailed) as err:
        FORMATS["us-csl"].importer(bad, ImportOptions())
    assert err.value.problems[0].row == 1
    assert "type" in err.value.problems[0].message
