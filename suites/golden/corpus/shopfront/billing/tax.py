from decimal import Decimal

from shopfront.accounts.addresses import Address
from shopfront.config import settings
from shopfront.util.money import allocate

EU = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
      "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}

STANDARD = {"DE": Decimal(19), "AT": Decimal(20), "FR": Decimal(20), "NL": Decimal(21), "BE": Decimal(21)}
REDUCED = {"DE": Decimal(7), "AT": Decimal(10), "FR": Decimal("5.5"), "NL": Decimal(9), "BE": Decimal(6)}
REDUCED_CATEGORIES = {"books", "food"}


def rate_for(country: str, category: str) -> Decimal:
    table = REDUCED if category in REDUCED_CATEGORIES else STANDARD
    return table.get(country, table[settings.shop_country])


def zero_rated(address: Address) -> bool:
    """Cross-border sales to VAT-registered companies inside the EU: the buyer accounts for the tax."""
    return (
        address.country in EU
        and address.country != settings.shop_country
        and bool(address.company)
        and bool(address.vat_id)
    )


def exported(address: Address) -> bool:
    return address.country not in EU


def included_tax(gross_cents: int, rate: Decimal) -> int:
    """The tax contained in a gross (tax-inclusive) amount."""
    net = Decimal(gross_cents) * 100 / (100 + rate)
    return gross_cents - int(net.quantize(Decimal(1)))


def tax_lines(lines, address: Address, discount_cents: int = 0) -> list[int]:
    if zero_rated(address) or exported(address):
        return [0 for _ in lines]
    gross = [l.quantity * l.unit_price_cents for l in lines]
    discounts = allocate(discount_cents, gross)
    return [
        included_tax(g - d, rate_for(address.country, getattr(l, "category", "")))
        for l, g, d in zip(lines, gross, discounts)
    ]
