from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Product:
    sku: str
    name: str
    price_cents: int
    weight_grams: int
    category: str
    tags: set[str] = field(default_factory=set)
    published_at: datetime | None = None
    discontinued: bool = False
    age_restricted: bool = False
    hazardous: bool = False
    value_cents_declared: int | None = None


def is_visible(product: Product, now: datetime, stock: int) -> bool:
    """Whether the storefront lists the product at all."""
    if product.published_at is None or product.published_at > now:
        return False
    if product.discontinued and stock <= 0:
        return False
    return True


def can_buy(product: Product, stock: int, backorder_ok: bool = False) -> bool:
    if product.discontinued:
        return stock > 0
    return stock > 0 or backorder_ok


def bundle_weight(products: list[Product], quantities: list[int]) -> int:
    return sum(p.weight_grams * q for p, q in zip(products, quantities))


@dataclass(frozen=True)
class PricePoint:
    price_cents: int
    valid_from: datetime


def was_price(history: list[PricePoint], now: datetime, days: int = 30) -> int | None:
    """The crossed-out price next to a reduced one: the lowest of the previous `days` days.

    history is oldest first; None when the product has no earlier price in that span.
    """
    if len(history) < 2:
        return None
    current = history[-1]
    earlier = [p for p in history[:-1] if (current.valid_from - p.valid_from).days <= days]
    if not earlier:
        earlier = [history[-2]]
    lowest = min(p.price_cents for p in earlier)
    return lowest if lowest > current.price_cents else None
