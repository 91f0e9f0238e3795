"""Payments against issued invoices: single payments, one transfer spread over several
invoices, and settling small remainders.

A payment never takes an invoice below zero: what is not needed is handed back to the caller,
who books it as account credit.
"""

from ledgerkit.errors import InvalidState, require
from ledgerkit.invoices import Invoice, outstanding_cents


def apply_payment(invoice: Invoice, amount_cents: int) -> int:
    """Record a payment on an issued invoice and return the overpaid rest (0 when all of it was needed).

    An invoice paid in full becomes "paid".
    """
    if invoice.status != "issued":
        raise InvalidState(invoice.invoice_id, invoice.status, "pay")
    require(isinstance(amount_cents, int) and amount_cents > 0, "amount_cents", "must be a positive number of cents")
    applied_cents = min(amount_cents, outstanding_cents(invoice))
    invoice.paid_cents += applied_cents
    if outstanding_cents(invoice) == 0:
        invoice.status = "paid"
    return amount_cents - applied_cents


def allocate_payment(invoices: list[Invoice], amount_cents: int, currency: str) -> tuple[dict[str, int], int]:
    """Spread one payment over a customer's invoices, the earliest due first (ties by invoice id).

    Only issued invoices take money. Every issued invoice must be in the payment's currency, which
    is checked before anything is booked. Returns the cents applied per invoice id and the rest
    that no invoice needed.
    """
    require(amount_cents > 0, "amount_cents", "must be positive")
    open_invoices = [invoice for invoice in invoices if invoice.status == "issued"]
    for invoice in open_invoices:
        require(invoice.currency == currency, "currency", f"{invoice.invoice_id} is billed in {invoice.currency}")
    allocations: dict[str, int] = {}
    remaining_cents = amount_cents
    for invoice in sorted(open_invoices, key=lambda invoice: (invoice.due_on, invoice.invoice_id)):
        if remaining_cents == 0:
            break
        rest_cents = apply_payment(invoice, remaining_cents)
        allocations[invoice.invoice_id] = remaining_cents - rest_cents
        remaining_cents = rest_cents
    return allocations, remaining_cents


def settle_invoice(invoice: Invoice, write_off_limit_cents: int = 0) -> int:
    """Mark an issued invoice paid when at most ``write_off_limit_cents`` remain; return the cents written off."""
    if invoice.status != "issued":
        raise InvalidState(invoice.invoice_id, invoice.status, "settle")
    rest_cents = outstanding_cents(invoice)
    require(rest_cents <= write_off_limit_cents, "write_off_limit_cents", f"{rest_cents} cents are still open")
    invoice.status = "paid"
    return rest_cents
