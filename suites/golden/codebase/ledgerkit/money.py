"""Money as integer cents: parsing, rounding, formatting and splitting.

Amounts never travel as floats. ``to_cents`` parses what users type, ``round_half_even_cents``
is the one rounding rule of the ledger (banker's rounding, as the tax office expects),
``format_cents`` is how every amount is shown: ``format_cents(123456, "EUR") == "1,234.56 EUR"``.
"""

from decimal import Decimal, InvalidOperation, ROUND_HALF_EVEN
from fractions import Fraction

from ledgerkit.errors import ValidationFailed, require

SUPPORTED_CURRENCIES = ("EUR", "USD", "GBP", "CHF")

BPS_PER_WHOLE = 10_000


def require_currency(currency: str) -> str:
    """Return ``currency`` if the ledger supports it, else raise ``ValidationFailed("currency")``."""
    require(currency in SUPPORTED_CURRENCIES, "currency", f"unsupported currency {currency!r}")
    return currency


def to_cents(amount: str | int | Decimal) -> int:
    """Parse an amount of whole units ("12.5", 12, Decimal("0.07")) into cents.

    More than two decimals, floats and text that is not a number raise ``ValidationFailed("amount")``.
    """
    require(not isinstance(amount, (float, bool)), "amount", "floats are not accepted for money")
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise ValidationFailed("amount", f"not a number: {amount!r}") from None
    require(value.is_finite(), "amount", f"not a number: {amount!r}")
    cents = value * 100
    require(cents == cents.to_integral_value(), "amount", f"more than two decimals: {amount!r}")
    return int(cents)


def round_half_even_cents(value: Decimal | Fraction | int) -> int:
    """Round a fractional number of cents to whole cents, halves to the even neighbour."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def percent_of_cents(cents: int, rate_bps: int) -> int:
    """``rate_bps`` basis points of ``cents``, rounded with ``round_half_even_cents``."""
    return round_half_even_cents(Fraction(cents * rate_bps, BPS_PER_WHOLE))


def format_cents(cents: int, currency: str) -> str:
    """Show an amount the ledger's way: ``-1,234.50 EUR`` (sign first, thousands separated)."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}.{rest:02d} {currency}"


def split_cents(total_cents: int, parts: int) -> list[int]:
    """Split ``total_cents`` into ``parts`` amounts that differ by at most a cent.

    The leftover cents go to the first parts, so the amounts always sum to ``total_cents``:
    ``split_cents(1000, 3) == [334, 333, 333]``.
    """
    require(parts >= 1, "parts", "must be at least 1")
    base, leftover = divmod(total_cents, parts)
    return [base + 1 if index < leftover else base for index in range(parts)]
