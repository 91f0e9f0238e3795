"""Amounts are integer cents inside the shop; Decimal only at the edges."""
from decimal import ROUND_HALF_UP, Decimal


def to_cents(amount) -> int:
    """Decimal, str or int major units -> integer cents, half-up."""
    value = Decimal(str(amount))
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def format_amount(cents: int, currency: str = "EUR", locale: str = "de") -> str:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    if locale == "de":
        grouped = f"{whole:,}".replace(",", ".")
        return f"{sign}{grouped},{frac:02d} {currency}"
    return f"{sign}{currency} {whole:,}.{frac:02d}"


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split total into parts proportional to weights; parts sum to total exactly.

    Remainder cents go to the largest fractional shares first.
    """
    if not weights:
        return []
    weight_sum = sum(weights)
    if weight_sum == 0:
        return [0] * len(weights)
    raw = [total * w / weight_sum for w in weights]
    parts = [int(r) for r in raw]
    leftover = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:leftover]:
        parts[i] += 1
    return parts


def percent_of(cents: int, percent: Decimal) -> int:
    share = Decimal(cents) * Decimal(percent) / 100
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
