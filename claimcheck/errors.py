"""Every error a user can cause, each with its exit code and a stable string code.

The root command is the only place that turns them into output: one line on
stderr, or `{"error": {"code", "message"}}` on stdout under `--json`.
"""

from __future__ import annotations

from typing import ClassVar


class ClaimcheckError(Exception):
    """Base class: the message is shown to the user, the traceback is not."""

    exit_code: ClassVar[int] = 1
    code: ClassVar[str] = "error"

    @property
    def message(self) -> str:
        return str(self)


class UsageError(ClaimcheckError):
    exit_code = 2
    code = "usage"


class InputError(ClaimcheckError):
    """A file or value given on the command line cannot be used."""

    code = "bad_input"


class InputTooLarge(InputError):
    code = "too_large"


class RegistryNotFound(ClaimcheckError):
    code = "no_registry"


class RegistryExists(ClaimcheckError):
    code = "registry_exists"


class RegistryCorrupt(ClaimcheckError):
    code = "corrupt_registry"


class RegistryTooNew(ClaimcheckError):
    code = "schema_too_new"


class RegistryBusy(ClaimcheckError):
    code = "registry_busy"


class RegistryUnreachable(ClaimcheckError):
    """A database registry that cannot be reached: no server, a wrong password, no such database."""

    code = "registry_unreachable"


class PermissionRefused(ClaimcheckError):
    """The database refused a change or a read this role may not make (GRANT)."""

    code = "permission_denied"


class NotFound(ClaimcheckError):
    code = "not_found"


class ClaimNotFound(NotFound):
    pass


class ArticleNotFound(NotFound):
    pass


class AmbiguousId(ClaimcheckError):
    code = "ambiguous_id"


class InvalidValue(ClaimcheckError):
    """An unknown status, kind, stance or format."""

    code = "invalid_value"


class InvalidUrl(ClaimcheckError):
    code = "invalid_url"


class TransitionRefused(ClaimcheckError):
    code = "refused"


class EvidenceRequired(TransitionRefused):
    code = "evidence_required"


class QuoteNotFound(ClaimcheckError):
    code = "quote_not_found"


class QuoteAmbiguous(ClaimcheckError):
    code = "quote_ambiguous"
