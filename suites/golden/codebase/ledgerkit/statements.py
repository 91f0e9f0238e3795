"""Monthly account statements built from journal entries.

A statement covers one period ("2024-03"): the balance brought forward, what was charged and
paid within the period, and the closing balance.
"""

from ledgerkit.dates import period_bounds
from ledgerkit.entries import Entry, signed_cents
from ledgerkit.money import format_cents


def entries_in_period(entries: list[Entry], period: str) -> list[Entry]:
    """The entries dated within ``period``, by day and then id."""
    first_day, last_day = period_bounds(period)
    return sorted((entry for entry in entries if first_day <= entry.day <= last_day), key=lambda entry: (entry.day, entry.entry_id))


def period_summary(entries: list[Entry], account_id: str, period: str) -> dict[str, int]:
    """Opening, charged, paid and closing cents of one account for ``period``.

    ``charges_cents`` adds what raised the balance in the period (charges, refunds) and
    ``payments_cents`` what lowered it (payments, credits), both as positive numbers;
    entries before the period make up ``opening_cents``, later ones are ignored.
    """
    first_day, last_day = period_bounds(period)
    summary = {"opening_cents": 0, "charges_cents": 0, "payments_cents": 0, "closing_cents": 0}
    for entry in entries:
        if entry.account_id != account_id or entry.day > last_day:
            continue
        amount_cents = signed_cents(entry)
        if entry.day < first_day:
            summary["opening_cents"] += amount_cents
        elif amount_cents > 0:
            summary["charges_cents"] += amount_cents
        else:
            summary["payments_cents"] -= amount_cents
    summary["closing_cents"] = summary["opening_cents"] + summary["charges_cents"] - summary["payments_cents"]
    return summary


def statement_lines(entries: list[Entry], period: str, currency: str) -> list[str]:
    """The printed lines of a statement: day, entry id, kind and the signed amount, aligned."""
    return [
        f"{entry.day.isoformat()}  {entry.entry_id}  {entry.kind:<8}{format_cents(signed_cents(entry), currency):>18}"
        for entry in entries_in_period(entries, period)
    ]
