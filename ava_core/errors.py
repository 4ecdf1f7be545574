"""The errors a user can cause. Pages show ``str(error)`` with ``st.error``; never a traceback."""

from __future__ import annotations


class AvaError(Exception):
    """Base of every error a user can cause or fix. The message says what happened and what to do."""


class InvalidInput(AvaError):
    """A value typed or uploaded by the user is not acceptable; ``field`` names which one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class AuthError(AvaError):
    """Signing up, in or out failed for a reason the user can act on."""


class TooManyAttempts(AuthError):
    """Sign-in is throttled after repeated failures; ``retry_after`` is in seconds."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


class NotFound(AvaError):
    """The row does not exist, or it belongs to someone else (the two are never told apart)."""


class ServiceUnavailable(AvaError):
    """A configured real service (database, Supabase, an API) failed or could not be reached;
    ``status`` is its HTTP status when it answered."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class ConfigError(AvaError):
    """A setting has a value Ava cannot use; the message names the setting."""
