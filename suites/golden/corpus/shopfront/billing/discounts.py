from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from shopfront.util.dates import local_today
from shopfront.util.money import allocate, percent_of


@dataclass(frozen=True)
class Coupon:
    code: str
    percent: Decimal | None
    amount_off_cents: int | None
    min_subtotal_cents: int
    valid_until: date | None
    excluded_categories: frozenset = frozenset()
    stackable: bool = False


_COUPONS: dict[str, Coupon] = {}


class CouponError(ValueError):
    pass


def find(code: str) -> Coupon:
    coupon = _COUPONS.get(code.strip().upper())
    if coupon is None:
        raise CouponError("unknown code")
    if coupon.valid_until and coupon.valid_until < local_today():
        raise CouponError("this code has expired")
    return coupon


def eligible(lines, coupon: Coupon) -> list:
    return [l for l in lines if getattr(l, "category", None) not in coupon.excluded_categories]


def apply_coupon(code: str, lines) -> int:
    coupon = find(code)
    base = eligible(lines, coupon)
    subtotal = sum(l.quantity * l.unit_price_cents for l in base)
    if subtotal < coupon.min_subtotal_cents:
        raise CouponError("the order is below the minimum for this code")
    if coupon.percent is not None:
        return percent_of(subtotal, coupon.percent)
    return min(coupon.amount_off_cents or 0, subtotal)


def per_line(discount_cents: int, lines) -> list[int]:
    """How much of an order-level discount each line carries, for invoices and partial returns."""
    return allocate(discount_cents, [l.quantity * l.unit_price_cents for l in lines])
