"""The errors for an uploaded resume Ava cannot read: which one says what went wrong, and its
message says what to do."""

from __future__ import annotations

from ava_core.errors import InvalidInput


class ResumeError(InvalidInput):
    """An uploaded resume cannot be read; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message, field="resume")


class EmptyFile(ResumeError):
    pass


class NotAPdf(ResumeError):
    pass


class CorruptPdf(ResumeError):
    pass


class EncryptedPdf(ResumeError):
    pass


class NoTextLayer(ResumeError):
    pass


class TooManyPages(ResumeError):
    pass


class FileTooLarge(ResumeError):
    pass


class TooSlowPdf(ResumeError):
    pass
