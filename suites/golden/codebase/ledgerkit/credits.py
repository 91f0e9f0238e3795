"""Credit notes: amounts granted to a customer (goodwill, returns) and used to lower the balance.

A note may be used in several steps; ``remaining_cents`` is what is left of it.
"""

from dataclasses import dataclass

from ledgerkit.accounts import Account
from ledgerkit.errors import InvalidState, require
from ledgerkit.ids import make_id


@dataclass
class CreditNote:
    credit_id: str
    account_id: str
    amount_cents: int
    reason: str
    remaining_cents: int


def make_credit_note(seq: int, account: Account, amount_cents: int, reason: str) -> CreditNote:
    """A new, unused credit note for ``account``."""
    require(amount_cents > 0, "amount_cents", "must be positive")
    require(reason.strip(), "reason", "must not be blank")
    return CreditNote(make_id("credit", seq), account.account_id, amount_cents, reason.strip(), amount_cents)


def apply_credit(account: Account, note: CreditNote, amount_cents: int | None = None) -> int:
    """Use ``amount_cents`` of a credit note on its own open account; return the cents used.

    Without an amount, use as much as helps: the note's remaining credit, but no more than the
    balance the customer owes. Using nothing, or more than remains, is invalid.
    """
    require(note.account_id == account.account_id, "account_id", f"{note.credit_id} belongs to {note.account_id}")
    if account.closed:
        raise InvalidState(account.account_id, "closed", "credit")
    if amount_cents is None:
        amount_cents = min(note.remaining_cents, max(account.balance_cents, 0))
    require(0 < amount_cents <= note.remaining_cents, "amount_cents", f"must be between 1 and {note.remaining_cents}")
    account.balance_cents -= amount_cents
    note.remaining_cents -= amount_cents
    return amount_cents
