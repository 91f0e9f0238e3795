"""Invoices: lines, totals with tax, and the draft -> issued -> paid / void life cycle.

Totals are computed, never stored: ``invoice_total_cents`` is the subtotal plus the tax, and
``outstanding_cents`` is what is left after the payments recorded in ``paid_cents``.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledgerkit.dates import add_days, parse_day
from ledgerkit.errors import InvalidState, require
from ledgerkit.ids import make_id
from ledgerkit.money import BPS_PER_WHOLE, percent_of_cents, require_currency, round_half_even_cents

INVOICE_STATES = ("draft", "issued", "paid", "void")


@dataclass
class InvoiceLine:
    description: str
    quantity: Decimal
    unit_price_cents: int
    tax_bps: int = 0


@dataclass
class Invoice:
    invoice_id: str
    account_id: str
    currency: str
    lines: list[InvoiceLine] = field(default_factory=list)
    status: str = "draft"
    issued_on: date | None = None
    due_on: date | None = None
    paid_cents: int = 0


def make_invoice(seq: int, account_id: str, currency: str) -> Invoice:
    """An empty draft invoice for an account."""
    return Invoice(make_id("invoice", seq), account_id, require_currency(currency))


def add_line(invoice: Invoice, description: str, quantity: Decimal | int | str, unit_price_cents: int, tax_bps: int = 0) -> InvoiceLine:
    """Append a line to a draft invoice; quantities may be fractional (hours, kilograms)."""
    if invoice.status != "draft":
        raise InvalidState(invoice.invoice_id, invoice.status, "add a line to")
    require(description.strip(), "description", "must not be blank")
    require(unit_price_cents >= 0, "unit_price_cents", "must not be negative")
    require(0 <= tax_bps <= BPS_PER_WHOLE, "tax_bps", "must be between 0 and 10000")
    line = InvoiceLine(description.strip(), Decimal(str(quantity)), unit_price_cents, tax_bps)
    require(line.quantity > 0, "quantity", "must be positive")
    invoice.lines.append(line)
    return line


def line_total_cents(line: InvoiceLine) -> int:
    """Quantity times unit price, rounded to whole cents; a quantity that is not positive is invalid."""
    quantity = Decimal(str(line.quantity))
    require(quantity > 0, "quantity", "must be positive")
    return round_half_even_cents(quantity * line.unit_price_cents)


def invoice_subtotal_cents(invoice: Invoice) -> int:
    """The sum of the line totals, before tax."""
    return sum(line_total_cents(line) for line in invoice.lines)


def invoice_tax_cents(invoice: Invoice) -> int:
    """The invoice's tax: for each rate, the rate applied once to the sum of that rate's lines."""
    subtotals_by_rate: dict[int, int] = {}
    for line in invoice.lines:
        subtotals_by_rate[line.tax_bps] = subtotals_by_rate.get(line.tax_bps, 0) + line_total_cents(line)
    return sum(percent_of_cents(subtotal_cents, rate_bps) for rate_bps, subtotal_cents in subtotals_by_rate.items())


def invoice_total_cents(invoice: Invoice) -> int:
    """Subtotal plus tax: the amount the customer is asked to pay."""
    return invoice_subtotal_cents(invoice) + invoice_tax_cents(invoice)


def issue_invoice(invoice: Invoice, day: date | str, terms_days: int = 30) -> Invoice:
    """Issue a draft invoice on ``day``, due ``terms_days`` later; nothing changes when it fails."""
    if invoice.status != "draft":
        raise InvalidState(invoice.invoice_id, invoice.status, "issue")
    require(invoice.lines, "lines", "an invoice needs at least one line")
    require(terms_days >= 0, "terms_days", "must not be negative")
    issued_on = parse_day(day)
    invoice.issued_on = issued_on
    invoice.due_on = add_days(issued_on, terms_days)
    invoice.status = "issued"
    return invoice


def outstanding_cents(invoice: Invoice) -> int:
    """What is still to be paid; a void invoice owes nothing."""
    if invoice.status == "void":
        return 0
    return invoice_total_cents(invoice) - invoice.paid_cents


def is_overdue(invoice: Invoice, today: date | str) -> bool:
    """True when an issued invoice is past its due day and not fully paid; drafts have no due day."""
    if invoice.status != "issued" or invoice.due_on is None:
        return False
    return parse_day(today) > invoice.due_on and outstanding_cents(invoice) > 0


def void_invoice(invoice: Invoice) -> None:
    """Cancel an invoice nobody has paid anything on yet."""
    if invoice.status not in ("draft", "issued") or invoice.paid_cents > 0:
        raise InvalidState(invoice.invoice_id, invoice.status, "void")
    invoice.status = "void"
