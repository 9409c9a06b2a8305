"""Typed errors. Every failure a user can cause has a stable `code`.

The CLI prints `error[<code>]: <message>` and exits with `exit_code`; the API
maps the same codes to RFC 9457 problem+json responses with `http_status`.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base for every error the extractor raises on bad input or limits."""

    code = "extractor_error"
    http_status = 422
    exit_code = 2

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "detail": self.detail}


class InputNotFound(ExtractorError):
    code = "not_found"
    http_status = 404
    exit_code = 3


class EmptyInput(ExtractorError):
    code = "empty_input"


class UnsupportedMediaType(ExtractorError):
    code = "unsupported_media_type"
    http_status = 415


class UndecodableText(ExtractorError):
    code = "undecodable_text"


class CorruptPdf(ExtractorError):
    code = "corrupt_pdf"


class EncryptedPdf(ExtractorError):
    code = "encrypted_pdf"


class NoTextLayer(ExtractorError):
    code = "no_text_layer"


class EmptyPdf(ExtractorError):
    code = "empty_pdf"


class NoContent(ExtractorError):
    """A web page or Word file with no document text (only navigation, scripts, furniture)."""

    code = "no_content"


class CorruptDocx(ExtractorError):
    """A .docx that is not a Word document (a renamed ZIP, a truncated file)."""

    code = "corrupt_docx"


class CorruptOfd(ExtractorError):
    """An .ofd that is not an OFD package (no OFD.xml, a broken part)."""

    code = "corrupt_ofd"


class TooLarge(ExtractorError):
    code = "too_large"
    http_status = 413


class TooManyPages(ExtractorError):
    code = "too_many_pages"
    http_status = 413


class TimeBudgetExceeded(ExtractorError):
    code = "time_budget_exceeded"
    http_status = 422


class OcrUnavailable(ExtractorError):
    code = "ocr_unavailable"
    http_status = 422


ALL_ERRORS: tuple[type[ExtractorError], ...] = (
    InputNotFound,
    EmptyInput,
    UnsupportedMediaType,
    UndecodableText,
    CorruptPdf,
    EncryptedPdf,
    NoTextLayer,
    EmptyPdf,
    NoContent,
    CorruptDocx,
    CorruptOfd,
    TooLarge,
    TooManyPages,
    TimeBudgetExceeded,
    OcrUnavailable,
)
