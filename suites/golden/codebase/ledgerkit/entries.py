"""Journal entries: the immutable record of every movement on an account.

An entry's ``amount_cents`` is always positive; its ``kind`` says which way it moves the
balance (``ENTRY_SIGNS``), and ``signed_cents`` applies that sign.
"""

from dataclasses import dataclass
from datetime import date

from ledgerkit.dates import parse_day
from ledgerkit.errors import require
from ledgerkit.ids import make_id

ENTRY_SIGNS = {"charge": 1, "refund": 1, "payment": -1, "credit": -1}


@dataclass(frozen=True)
class Entry:
    entry_id: str
    account_id: str
    kind: str
    amount_cents: int
    day: date
    memo: str = ""


def make_entry(seq: int, account_id: str, kind: str, amount_cents: int, day: date | str, memo: str = "") -> Entry:
    """A validated entry; ``day`` may be a date or ISO text."""
    require(kind in ENTRY_SIGNS, "kind", f"unknown entry kind {kind!r}")
    require(isinstance(amount_cents, int) and amount_cents > 0, "amount_cents", "must be a positive number of cents")
    return Entry(make_id("entry", seq), account_id, kind, amount_cents, parse_day(day), memo.strip())


def signed_cents(entry: Entry) -> int:
    """The entry's effect on the balance: positive for charges and refunds, negative otherwise."""
    return ENTRY_SIGNS[entry.kind] * entry.amount_cents


def balance_of(entries: list[Entry], account_id: str) -> int:
    """The balance the entries of one account add up to."""
    return sum(signed_cents(entry) for entry in entries if entry.account_id == account_id)
