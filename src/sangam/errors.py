"""One error hierarchy for every face.

Each error carries an HTTP status, a stable machine code, a plain message and a hint that
says what to do. The API, the web UI and the CLI each render it once (see
`sangam.api.app`, `sangam.web.routes`, `sangam.cli.main`), so a person sees the same
explanation wherever the mistake was made.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    """One thing wrong with user input: where it is and what was wrong."""

    message: str
    file: str | None = None
    row: int | str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                f"row {self.row}" if self.row is not None else None,
                f"field '{self.field}'" if self.field else None,
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "field": self.field, "message": self.message}


class SangamError(Exception):
    """Base of all errors a user can cause. Never raised for programming errors."""

    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def as_dict(self) -> dict[str, object]:
        return {"status": self.status, "code": self.code, "message": self.message,
                "hint": self.hint}


class NotFound(SangamError):
    status = 404
    code = "not_found"


class InvalidInput(SangamError):
    status = 422
    code = "invalid_input"


class ValidationFailed(SangamError):
    """Input rejected whole; `problems` names every file, row and field at fault."""

    status = 422
    code = "validation_failed"

    def __init__(self, problems: list[Problem], hint: str | None = None) -> None:
        count = len(problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was changed",
            hint or "Fix the listed rows and run the command again.",
        )
        self.problems = problems

    def as_dict(self) -> dict[str, object]:
        out = super().as_dict()
        out["problems"] = [p.as_dict() for p in self.problems]
        return out


class Forbidden(SangamError):
    status = 403
    code = "forbidden"


class Unavailable(SangamError):
    """A resource the request needs (database, list, rule table) is not there yet."""

    status = 503
    code = "unavailable"


class InternalError(SangamError):
    """Our fault, not the user's: an unexpected exception while answering. The response says
    so without the traceback (which may name internals); the server log has it."""

    status = 500
    code = "internal_error"
