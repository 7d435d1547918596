"""The /screen page: screen one name or upload a CSV; see matches, reasons and list dates."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from sangam.errors import InvalidInput, Problem, ValidationFailed
from sangam.screening import list_infos, screen_name
from sangam.screening.batch import csv_text, jsonl_text, parse_csv, result_row, screen_column
from sangam.screening.screen import DEFAULT_THRESHOLD, list_status
from sangam.settings import Settings
from sangam.web.render import render, verify_csrf

router = APIRouter(include_in_schema=False)  # HTML pages, not part of the API
MAX_UPLOAD = 5 * 1024 * 1024


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _lists(settings: Settings) -> list[dict[str, Any]]:
    return [list_status(i, settings.list_max_age_days) for i in list_infos(settings)]


@router.get("/screen", response_class=HTMLResponse)
def screen_page(request: Request, name: str | None = None, country: str | None = None) -> Response:
    settings = _settings(request)
    result = screen_name(name, country or None, settings=settings) if name else None
    return render(
        request, "screening_page.html", result=result.to_dict() if result else None,
        name=name or "", country=country or "", lists=_lists(settings),
        threshold=DEFAULT_THRESHOLD,
    )


@router.post("/screen/batch", dependencies=[Depends(verify_csrf)])
async def screen_batch(
    request: Request,
    # Optional here so that a form sent without a file gets an explained error page, not
    # FastAPI's JSON validation list.
    file: UploadFile | None = None,
    column: Annotated[str, Form()] = "name",
    country: Annotated[str, Form()] = "",
    output: Annotated[str, Form()] = "page",
) -> Response:
    settings = _settings(request)
    if file is None:
        raise InvalidInput(
            "No CSV file was uploaded.", "Choose a CSV file, then press Screen file."
        )
    data = await file.read(MAX_UPLOAD + 1)
    filename = file.filename or "upload.csv"
    if len(data) > MAX_UPLOAD:
        raise InvalidInput(
            f"{filename} is larger than {MAX_UPLOAD // (1024 * 1024)} MB.",
            "Use `sangam screen --file` for large batches.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationFailed([Problem("not UTF-8 text", file=filename, row=line)]) from None
    column = column.strip() or "name"
    header, rows = parse_csv(text, column, filename)
    names = [row[column] for row in rows]
    results = screen_column(names, country or None, settings=settings)
    results_csv = csv_text(header, rows, results)
    if output == "csv":
        return Response(results_csv, media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="screening.csv"'})
    if output == "jsonl":
        return Response(jsonl_text(results), media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="screening.jsonl"'})
    table = [
        {"row": row, "best": result_row(r), "result": r}
        for row, r in zip(rows, results, strict=True)
    ]
    return render(
        request, "screening_batch.html", table=table, header=header, column=column,
        filename=filename, lists=_lists(settings),
        alerts=sum(1 for r in results if r["matches"]),
        # The results page offers the same CSV as a download, without a second upload.
        results_csv=results_csv,
    )
