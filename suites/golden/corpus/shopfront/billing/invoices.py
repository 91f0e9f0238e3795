import threading
from dataclasses import dataclass
from datetime import date

from shopfront.config import settings

_lock = threading.Lock()
_counters: dict[int, int] = {}


@dataclass(frozen=True)
class Invoice:
    number: str
    order_number: str
    issued_on: date
    total_cents: int
    tax_cents: int
    credit_for: str | None = None


def _sequence(year: int) -> int:
    with _lock:
        _counters[year] = _counters.get(year, 0) + 1
        return _counters[year]


def allocate_number(issued_on: date) -> str:
    """Gap-free per calendar year, as the tax office requires: SF-2026-000042."""
    return f"{settings.invoice_prefix}-{issued_on.year}-{_sequence(issued_on.year):06d}"


def issue(order, issued_on: date) -> Invoice:
    return Invoice(allocate_number(issued_on), order.number, issued_on, order.total_cents, order.tax_cents)


def credit_note(invoice: Invoice, amount_cents: int, tax_cents: int, issued_on: date) -> Invoice:
    """A correction document; amounts are negative and it points at the invoice it corrects."""
    if amount_cents <= 0 or amount_cents > invoice.total_cents:
        raise ValueError("credit must be positive and not exceed the invoice")
    return Invoice(allocate_number(issued_on), invoice.order_number, issued_on,
                   -amount_cents, -tax_cents, credit_for=invoice.number)


def restore_counters(latest_numbers: list[str]) -> None:
    """At start-up, continue from the highest numbers already in the database."""
    with _lock:
        for number in latest_numbers:
            _, year, seq = number.rsplit("-", 2)
            _counters[int(year)] = max(_counters.get(int(year), 0), int(seq))
