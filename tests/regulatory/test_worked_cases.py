"""Worked cases: each states the rule it rests on and the expected answer, computed by hand
from the bundled tables (Commerce Country Chart and Country Groups as of 2026-09-24, ECCN
reasons from 15 CFR 774 Supp. 1, the hand-made exception, ITAR, Japan and India tables)."""

from __future__ import annotations

import pytest
from tests.regulatory.conftest import ask, exception, regime

from sangam.errors import InvalidInput

pytestmark = pytest.mark.filterwarnings("ignore")


def test_encryption_hardware_us_to_indian_defence_lab(book):
    # 5A002: NS1, EI (742.15: all destinations but Canada). India's chart row has NS1 = X.
    # STA (740.20(c)(1)) cannot overcome EI; ENC (740.17) depends on the paragraph and on the
    # government end user. A DRDO lab is a defence government end user -> DAP route shown.
    a = ask(book, "5A002", "US", "IN", end_user="DRDO Defence Research lab")
    ear = regime(a, "US EAR")
    assert ear.licence_required == "yes"
    assert any(r.startswith("NS1") for r in ear.reasons)
    assert any(r.startswith("EI") for r in ear.reasons)
    assert exception(ear, "STA") == "no"
    assert exception(ear, "ENC") == "depends"
    assert any(c.ref == "15 CFR 742.15(a)" for c in ear.citations)
    assert a.procurement is not None


def test_ugv_navigation_software_japan_to_indian_private_company(book):
    # 7D003 -> Wassenaar Cat. 7 -> Appended Table 1 row 11 (navigation), inferred. FEFTA Art. 25:
    # technology/programs on the list need a METI licence for every destination; India is not
    # in Group A so no bulk licence. No US content stated -> EAR not engaged.
    a = ask(book, "7D003", "JP", "IN", kind="software", end_user="Ashok Robotics Pvt Ltd")
    fefta = regime(a, "Japan FEFTA")
    assert fefta.licence_required == "yes"
    assert "row 11" in fefta.reasons[0]
    assert any("inferred" in note for note in a.item.inferred)
    assert not [d for d in a.determinations if d.regime.startswith("US")]
    assert fefta.typical_days == 90


def test_indian_engineer_in_us_firm_given_semiconductor_technology(book):
    # Deemed export (734.13(b)): release of 3E001 technology to an Indian national in the US is
    # an export to India. India's chart row: NS1, MT1, NP1 = X -> licence;
    # MT bars STA (740.2(a)(5)).
    a = ask(book, "3E001", "US", "US", kind="technology", nationality="IN")
    ear = regime(a, "US EAR (deemed export)")
    assert ear.licence_required == "yes"
    assert {r[:3] for r in ear.reasons} >= {"NS1", "MT1", "NP1"}
    assert exception(ear, "STA") == "no"
    assert any("734.13" in c.ref for c in ear.citations)


def test_usml_xi_item_to_indian_defence_psu(book):
    # 22 CFR 123.1: DSP-5 for hardware; registration (Part 122) first; India not in 126.1.
    a = ask(book, "USML-XI(c)", "US", "IN", end_user="Bharat Electronics Limited")
    itar = regime(a, "US ITAR")
    assert itar.licence_required == "yes"
    assert any("DSP-5" in r for r in itar.reasons)
    assert any(c.ref == "22 CFR 122.1" for c in itar.citations)
    assert a.procurement is not None and a.procurement["categories"]
    assert any(n["regime"] == "US EAR" for n in a.not_applicable)


def test_ear99_item_to_japanese_university(book):
    # EAR99 needs a licence only for embargoes (746) and end-use/user rules (744): none here.
    a = ask(book, "EAR99", "US", "JP", end_user="University of Tokyo")
    ear = regime(a, "US EAR")
    assert ear.licence_required == "no"
    assert a.overall == "no"
    assert "NLR" in ear.explanation


def test_us_origin_item_reexported_from_india_to_iran(book):
    # 734.3(a)(2): US-origin items stay subject to the EAR abroad; 746.7 Iran sanctions.
    # India's SCOMET also applies (5A002 -> Category 8, DGFT). Exceptions barred.
    a = ask(book, "5A002", "IN", "IR", us_content_percent=100)
    ear = regime(a, "US EAR")
    assert ear.licence_required == "yes"
    assert any("746.7" in r for r in ear.reasons)
    assert ear.exceptions == []
    scomet = regime(a, "India SCOMET")
    assert scomet.licence_required == "yes" and scomet.authority == "DGFT"


def test_item_returned_to_licensor_under_japan_2023_revision(book):
    # Dec 2023 revision: licence-produced defence equipment may go back to the licensor (S25).
    a = ask(book, "JP-AT1-1", "JP", "US", end_use="return to licensor")
    principles = regime(a, "Japan Three Principles")
    assert any("licensor" in r for r in principles.reasons)
    assert principles.licence_required == "yes"
    assert regime(a, "Japan FEFTA").licence_required == "yes"


def test_ear99_to_cuba_embargo(book):
    a = ask(book, "EAR99", "US", "CU")
    ear = regime(a, "US EAR")
    assert ear.licence_required == "yes" and any("746.2" in r for r in ear.reasons)


def test_usml_to_china_is_126_1_denial(book):
    a = ask(book, "USML-XI", "US", "CN")
    itar = regime(a, "US ITAR")
    assert any("126.1" in c.ref for c in itar.citations)
    assert "denial" in itar.explanation


def test_600_series_aircraft_to_india_mt_bars_sta(book):
    # 9A610: NS1, RS1, MT1 all X for India; 740.2(a)(5) bars STA for MT-controlled items.
    ear = regime(ask(book, "9A610", "US", "IN"), "US EAR")
    assert ear.licence_required == "yes"
    assert exception(ear, "STA") == "no"


def test_600_series_to_australia_no_licence_after_chart_change(book):
    # Australia's chart row has only CB1 (footnote 10); 9A610 is not CB-controlled, so no
    # chart reason applies. Its transcribed "RS(see text)" control (.y items) stays open.
    ear = regime(ask(book, "9A610", "US", "AU"), "US EAR")
    assert ear.reasons == []
    assert ear.licence_required == "depends"
    assert any("RS(see text)" in q for q in ear.depends_on)


def test_encryption_to_canada_depends_only_on_z_paragraph(book):
    # EI excludes Canada (742.15(a)); Canada's chart row has no NS1; the RS .z control is
    # worldwide for .z.a sub-paragraphs -> depends.
    ear = regime(ask(book, "5A002", "US", "CA"), "US EAR")
    assert ear.licence_required == "depends"
    assert any(".z" in q for q in ear.depends_on)


def test_de_minimis_below_threshold_not_subject(book):
    a = ask(book, "5A002", "JP", "IN", us_content_percent=20)
    assert not [d for d in a.determinations if d.regime == "US EAR"]
    assert any("25% de minimis" in n["why"] for n in a.not_applicable)


def test_de_minimis_above_threshold_subject(book):
    a = ask(book, "5A002", "JP", "IN", us_content_percent=30)
    assert regime(a, "US EAR").licence_required == "yes"


def test_de_minimis_ten_percent_for_embargoed(book):
    # 734.4(c): 10% for E:1/E:2 destinations.
    a = ask(book, "EAR99", "JP", "IR", us_content_percent=15)
    assert regime(a, "US EAR").licence_required == "yes"


def test_scomet_munitions_licensed_by_ddp(book):
    scomet = regime(ask(book, "SCOMET-6A001", "IN", "US"), "India SCOMET")
    assert scomet.licence_required == "yes"
    assert "Defence Production" in scomet.authority


def test_scomet_category_0_licensed_by_dae(book):
    scomet = regime(ask(book, "SCOMET-0A001", "IN", "JP"), "India SCOMET")
    assert "Atomic Energy" in scomet.authority


def test_unlisted_item_from_india_depends_on_catch_all(book):
    scomet = regime(ask(book, "EAR99", "IN", "US"), "India SCOMET")
    assert scomet.licence_required == "depends"
    assert any("Mass Destruction" in c.ref for c in scomet.citations)


def test_japan_catch_all_military_end_use_outside_group_a(book):
    fefta = regime(ask(book, "EAR99", "JP", "IN", end_use="military"), "Japan FEFTA")
    assert fefta.licence_required == "yes"


def test_japan_catch_all_group_a_exempt(book):
    fefta = regime(ask(book, "EAR99", "JP", "DE"), "Japan FEFTA")
    assert fefta.licence_required == "no"


def test_ns2_only_item_to_albania_gbs_lvs_sta(book):
    # 1C006: NS2 only, LVS $3000, GBS Yes. Albania: NS2 = X, Groups A:6 and B.
    ear = regime(ask(book, "1C006", "US", "AL", value=1000), "US EAR")
    assert ear.licence_required == "yes"
    assert exception(ear, "GBS") == "yes"
    assert exception(ear, "LVS") == "yes"
    assert exception(ear, "STA") == "yes"
    over = regime(ask(book, "1C006", "US", "AL", value=5000), "US EAR")
    assert exception(over, "LVS") == "no"


def test_ns1_technology_to_india_tsr_and_sta(book):
    # 3E002: NS1 only, "TSR: Yes". India: NS1 = X, A:5, Group B.
    ear = regime(ask(book, "3E002", "US", "IN", kind="technology"), "US EAR")
    assert exception(ear, "TSR") == "yes"
    assert exception(ear, "STA") == "yes"
    assert exception(ear, "GOV") == "depends"


def test_gov_for_indian_government_end_user(book):
    ear = regime(ask(book, "3E002", "US", "IN", kind="technology",
                     end_user="Ministry of Defence"), "US EAR")
    assert exception(ear, "GOV") == "yes"


def test_tmp_and_rpl_follow_the_end_use(book):
    tmp = regime(ask(book, "5B002", "US", "IN", end_use="temporary demonstration"), "US EAR")
    assert exception(tmp, "TMP") == "yes"
    rpl = regime(ask(book, "5B002", "US", "IN", end_use="replacement parts"), "US EAR")
    assert exception(rpl, "RPL") == "yes" and exception(rpl, "TMP") == "no"


def test_missile_end_use_in_d4_country_bars_exceptions(book):
    # 744.3 for D:4 destinations (Pakistan is D:4); 740.2(a)(2) bars exceptions.
    ear = regime(ask(book, "EAR99", "US", "PK", end_use="missile"), "US EAR")
    assert ear.licence_required == "yes"
    assert any("744.3" in c.ref for c in ear.citations)


def test_ear99_to_russia_depends_on_hts_listing(book):
    ear = regime(ask(book, "EAR99", "US", "RU"), "US EAR")
    assert ear.licence_required == "depends"


def test_blank_reason_is_not_read_not_uncontrolled(book):
    ear = regime(ask(book, "4A611", "US", "IN"), "US EAR")
    assert ear.licence_required == "depends"
    assert any("not yet transcribed" in q for q in ear.depends_on)


def test_itar_defence_service_needs_taa_and_coproduction_mla(book):
    taa = regime(ask(book, "USML-VIII", "US", "IN", kind="service"), "US ITAR")
    assert any("TAA" in r for r in taa.reasons)
    mla = regime(ask(book, "USML-VIII", "US", "IN", end_use="co-production"), "US ITAR")
    assert any("MLA" in r for r in mla.reasons)


def test_itar_retransfer_from_india(book):
    itar = regime(ask(book, "USML-XI", "IN", "JP", us_content_percent=100), "US ITAR")
    assert any("123.9" in c.ref for c in itar.citations)


def test_sandbox_reported_as_policy_not_law(book):
    a = ask(book, "USML-XI(c)", "US", "IN", end_user="Bharat Electronics Limited")
    assert a.sandboxes and a.sandboxes[0]["fit"] == "inside"
    assert "not law" in a.sandboxes[0]["label"]
    assert not ask(book, "USML-XI(c)", "US", "JP").sandboxes


def test_unknown_codes_get_nearest_values(book):
    with pytest.raises(InvalidInput) as err:
        ask(book, "5A00", "US", "IN")
    assert "5A002" in (err.value.hint or "")
    with pytest.raises(InvalidInput) as err:
        ask(book, "5A002", "US", "UK")
    assert "GB" in (err.value.hint or "")
    with pytest.raises(InvalidInput) as err:
        ask(book, "USML-XI(z)", "US", "IN")
    assert "USML-XI(" in (err.value.hint or "")
    with pytest.raises(InvalidInput):
        ask(book, "SCOMET-7A001", "IN", "US")


def test_every_answer_flags_unverified_rows_and_disclaims(book):
    data = ask(book, "5A002", "US", "IN").as_dict()
    assert data["unverified_rows"]
    assert "not legal advice" in data["disclaimer"]
    assert data["as_of"]["ear_country_chart"] == "2026-09-24"
    assert data["screening"]["performed"] is False
