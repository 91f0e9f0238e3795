from dataclasses import dataclass, field
from datetime import datetime

from shopfront.accounts.addresses import Address, clean, is_business
from shopfront.billing.discounts import apply_coupon
from shopfront.billing.tax import tax_lines
from shopfront.catalog.inventory import Inventory, OutOfStock
from shopfront.orders.cart import Cart
from shopfront.shipping.rates import quote
from shopfront.util.dates import now_utc


class CheckoutError(Exception):
    pass


@dataclass
class Order:
    number: str
    customer_id: int
    lines: list
    shipping_address: Address
    subtotal_cents: int
    discount_cents: int
    shipping_cents: int
    tax_cents: int
    total_cents: int
    placed_at: datetime
    status: str = "pending_payment"
    notes: list[str] = field(default_factory=list)


def place_order(cart: Cart, address: Address, inventory: Inventory, number: str, weight_grams: int) -> Order:
    if not cart.lines:
        raise CheckoutError("the cart is empty")
    if cart.customer_id is None:
        raise CheckoutError("sign in or continue as guest first")
    address = clean(address)
    try:
        for line in cart.lines:
            inventory.hold(line.sku, line.quantity, cart.id)
    except OutOfStock as exc:
        raise CheckoutError(f"{exc.sku} is no longer available in that quantity") from exc

    subtotal = cart.subtotal_cents()
    discount = apply_coupon(cart.coupon_code, cart.lines) if cart.coupon_code else 0
    shipping = quote(address.country, weight_grams, subtotal - discount)
    taxes = tax_lines(cart.lines, address, discount)
    tax = 0 if is_business(address) else sum(taxes)
    total = subtotal - discount + shipping
    return Order(number, cart.customer_id, list(cart.lines), address, subtotal, discount,
                 shipping, tax, total, now_utc())
