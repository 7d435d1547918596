"""The /screen page: the form, one name's matches with reasons and list dates, escaping of
everything a user or a list supplies, and the CSV upload behind its CSRF token."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from urllib.parse import unquote

import httpx
import pytest
from fastapi.testclient import TestClient

from sangam.api.app import create_app
from sangam.screening.index import ScreeningIndex
from sangam.settings import Settings

LISTED = "Huawei Technologies Co., Ltd."
LISTED_ID = "30947"
SDN_NAME = "ROSNEFT TRADING S.A."
UNLISTED = "Larsen & Toubro Limited"
XSS = "<script>alert(1)</script>"
RESULT_COLUMNS = ["list", "source_id", "matched_name", "score", "band"]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, index: ScreeningIndex) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("web")
    settings = Settings(database_url=f"sqlite:///{tmp / 'web.db'}", list_max_age_days=100_000)
    with TestClient(create_app(settings)) as c:
        yield c


def csrf(client: TestClient) -> str:
    """The token the page embeds in its upload form (the page also sets the cookie)."""
    page = client.get("/screen")
    assert page.status_code == 200
    found = TOKEN.search(page.text)
    assert found, "the upload form carries no CSRF token"
    return found.group(1)


def post_csv(client: TestClient, content: str | bytes, token: str | None,
             filename: str = "applicants.csv", **form: str) -> httpx.Response:
    """Upload a CSV through the batch form, with the form's token when given."""
    data = dict(form)
    if token is not None:
        data["csrf_token"] = token
    body = content.encode("utf-8") if isinstance(content, str) else content
    response: httpx.Response = client.post(
        "/screen/batch", data=data, files={"file": (filename, body, "text/csv")})
    return response


def applicants() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([
        ["ref", "name"],
        ["a1", LISTED],
        ["a2", UNLISTED],
        ["a3", XSS],
        ["a4", ""],
        ["a5", SDN_NAME],
    ])
    return buffer.getvalue()


def test_form_page(client: TestClient) -> None:
    page = client.get("/screen")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert '<form method="get" action="/screen"' in page.text
    assert 'name="name"' in page.text and 'name="country"' in page.text
    assert 'action="/screen/batch" enctype="multipart/form-data"' in page.text
    assert TOKEN.search(page.text)
    assert "sangam_csrf" in page.headers.get("set-cookie", "")
    # The lists screened against, with their dates, before anything is screened.
    assert "us-ofac-sdn" in page.text and "2024-05-03" in page.text
    assert "2023-11-30" in page.text
    assert 'class="screen-result"' not in page.text


def test_one_name_shows_matches_reasons_and_list_date(client: TestClient) -> None:
    page = client.get("/screen", params={"name": LISTED, "country": "CN"})
    assert page.status_code == 200
    text = page.text
    assert 'data-band="match"' in text
    assert f"<td>{LISTED_ID}</td>" in text
    assert "<td>us-csl<br><small>2023-11-30</small></td>" in text
    explanations = re.findall(r'<td class="explanation">([^<]+)</td>', text)
    assert explanations and all(e.strip() for e in explanations)
    assert "aligned" in explanations[0]
    assert f'value="{html.escape(LISTED)}"' in text  # the form keeps what was typed
    assert 'value="CN"' in text


def test_unlisted_name_has_no_match_band(client: TestClient) -> None:
    text = client.get("/screen", params={"name": UNLISTED}).text
    assert 'data-band="match"' not in text
    assert "<td>match</td>" not in text
    assert html.escape(UNLISTED) in text and UNLISTED not in text  # '&' is escaped


def test_user_text_is_escaped(client: TestClient) -> None:
    page = client.get("/screen", params={"name": XSS, "country": '"><b>'})
    # An invalid country is a user mistake: an error page, still escaped.
    assert page.status_code == 422
    assert "<b>" not in page.text and "&#34;&gt;&lt;b&gt;" in page.text
    page = client.get("/screen", params={"name": XSS})
    assert page.status_code == 200
    assert XSS not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_page_errors_are_pages(client: TestClient) -> None:
    page = client.get("/screen", params={"name": "x" * 501})
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    assert "limit is 500" in page.text and "Traceback" not in page.text


def test_batch_without_or_with_a_wrong_token_is_forbidden(client: TestClient) -> None:
    csrf(client)  # the cookie is set; only the form field is missing or wrong
    missing = post_csv(client, applicants(), None)
    assert missing.status_code == 403
    assert "security token" in missing.text
    wrong = post_csv(client, applicants(), "0" * 64)
    assert wrong.status_code == 403
    fresh = TestClient(client.app)  # no cookie at all, but a token from another browser
    assert post_csv(fresh, applicants(), csrf(client)).status_code == 403


def test_batch_results_page(client: TestClient) -> None:
    response = post_csv(client, applicants(), csrf(client))
    assert response.status_code == 200, response.text
    text = response.text
    assert "Screening results for applicants.csv" in text
    assert "5 names screened" in text
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", text, re.S)
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0][2] == "match" and rows[4][2] == "match"
    assert rows[3][2] == "no match"
    assert rows[2][1] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert XSS not in text
    assert LISTED_ID in text and "2023-11-30" in text
    assert re.search(r'<td class="explanation">[^<]*aligned', text)
    # The same results as a CSV download, straight from the results page.
    link = re.search(r'download="screening.csv"\s+href="data:text/csv;charset=utf-8,([^"]+)"',
                     text)
    assert link, "no download link on the results page"
    got = list(csv.DictReader(io.StringIO(unquote(html.unescape(link.group(1))))))
    assert [r["ref"] for r in got] == ["a1", "a2", "a3", "a4", "a5"]
    assert got[0]["source_id"] == LISTED_ID and got[0]["band"] == "match"


def test_batch_download_csv_and_jsonl(client: TestClient) -> None:
    token = csrf(client)
    response = post_csv(client, applicants(), token, output="csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    reader = csv.DictReader(io.StringIO(response.text))
    assert reader.fieldnames == ["ref", "name", *RESULT_COLUMNS]
    rows = list(reader)
    assert [r["name"] for r in rows] == [LISTED, UNLISTED, XSS, "", SDN_NAME]
    assert (rows[0]["list"], rows[0]["source_id"], rows[0]["band"]) == ("us-csl", LISTED_ID,
                                                                         "match")
    assert all(rows[3][c] == "" for c in RESULT_COLUMNS)
    assert rows[1]["band"] in ("", "review")

    lines = post_csv(client, applicants(), token, output="jsonl")
    assert lines.status_code == 200
    results = [json.loads(line) for line in lines.text.splitlines()]
    assert [r["query"] for r in results] == [LISTED, UNLISTED, XSS, "", SDN_NAME]
    assert results[0]["matches"][0]["explanation"]


def test_batch_column_and_country_fields(client: TestClient) -> None:
    content = f'Company,Country\n"{LISTED}",CN\n'
    response = post_csv(client, content, csrf(client), column=" Company ", country="CN",
                        output="csv")
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["Company"] == LISTED and rows[0]["source_id"] == LISTED_ID


@pytest.mark.parametrize(("content", "form", "expected"), [
    ("nom\nToshiba\n", {}, "no column &#39;name&#39; (columns: nom)"),
    (b"name\nTo\xffshiba\n", {}, "not UTF-8 text"),
    ("", {}, "empty"),
    ("name\nToshiba\n", {"country": "Japan"}, "ISO 3166-1"),
])
def test_batch_bad_files_are_explained(
    client: TestClient, content: str | bytes, form: dict[str, str], expected: str
) -> None:
    response = post_csv(client, content, csrf(client), **form)
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert expected in response.text and "Traceback" not in response.text


def test_batch_without_a_file_is_explained(client: TestClient) -> None:
    token = csrf(client)
    for files in (None, {"file": ("", b"", "application/octet-stream")}):
        response = client.post("/screen/batch", data={"csrf_token": token}, files=files)
        assert response.status_code == 422
        assert "text/html" in response.headers["content-type"]
        assert "No CSV file was uploaded" in response.text
