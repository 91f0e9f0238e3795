"""Record ids: a kind prefix and a zero-padded sequence number, e.g. ``inv_000042``.

Ids are made only with ``make_id`` and read back only with ``parse_id`` so the format lives here.
"""

from ledgerkit.errors import require

ID_PREFIXES = {"account": "acc", "invoice": "inv", "entry": "ent", "credit": "crn"}


def make_id(kind: str, seq: int) -> str:
    """The id of the ``seq``-th record of ``kind``: ``make_id("invoice", 42) == "inv_000042"``."""
    require(kind in ID_PREFIXES, "kind", f"unknown record kind {kind!r}")
    require(isinstance(seq, int) and 1 <= seq <= 999_999, "seq", f"out of range: {seq!r}")
    return f"{ID_PREFIXES[kind]}_{seq:06d}"


def parse_id(record_id: str, kind: str) -> int:
    """The sequence number in an id of ``kind``; a malformed id raises ``ValidationFailed(f"{kind}_id")``."""
    prefix, _, digits = record_id.partition("_") if isinstance(record_id, str) else ("", "", "")
    valid = prefix == ID_PREFIXES.get(kind) and len(digits) == 6 and digits.isdigit()
    require(valid and int(digits) >= 1, f"{kind}_id", f"not a {kind} id: {record_id!r}")
    return int(digits)
