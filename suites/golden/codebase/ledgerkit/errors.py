"""The ledger's error hierarchy and the ``require`` guard.

Callers catch ``LedgerError`` to handle anything the package raises; the API layer maps
``ValidationFailed`` to a 422 with its ``field``, ``NotFound`` to a 404, the others to a 409.
"""


class LedgerError(Exception):
    """Base of every error raised by ledgerkit."""


class ValidationFailed(LedgerError):
    """An input value is invalid; ``field`` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LedgerError):
    """No record of ``kind`` has the key ``key``."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key} not found")
        self.kind = kind
        self.key = key


class Conflict(LedgerError):
    """A record of ``kind`` with the key ``key`` already exists."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key} already exists")
        self.kind = kind
        self.key = key


class InvalidState(LedgerError):
    """``action`` is not allowed while the record ``record_id`` is in ``state``."""

    def __init__(self, record_id: str, state: str, action: str) -> None:
        super().__init__(f"cannot {action} {record_id} while it is {state}")
        self.record_id = record_id
        self.state = state
        self.action = action


class LimitExceeded(LedgerError):
    """A charge of ``requested_cents`` exceeds the ``available_cents`` of an account."""

    def __init__(self, account_id: str, requested_cents: int, available_cents: int) -> None:
        super().__init__(
            f"{account_id}: charge of {requested_cents} cents exceeds the {available_cents} available"
        )
        self.account_id = account_id
        self.requested_cents = requested_cents
        self.available_cents = available_cents


def require(condition: object, field: str, message: str) -> None:
    """Raise ``ValidationFailed(field, message)`` unless ``condition`` is truthy."""
    if not condition:
        raise ValidationFailed(field, message)
