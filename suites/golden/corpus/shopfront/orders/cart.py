from dataclasses import dataclass, field

MAX_PER_LINE = 20


@dataclass
class CartLine:
    sku: str
    quantity: int
    unit_price_cents: int
    gift_wrap: bool = False


@dataclass
class Cart:
    id: str
    customer_id: int | None = None
    lines: list[CartLine] = field(default_factory=list)
    coupon_code: str | None = None

    def line(self, sku: str) -> CartLine | None:
        return next((l for l in self.lines if l.sku == sku), None)

    def add(self, sku: str, quantity: int, unit_price_cents: int) -> CartLine:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        existing = self.line(sku)
        if existing:
            existing.quantity = min(existing.quantity + quantity, MAX_PER_LINE)
            existing.unit_price_cents = unit_price_cents
            return existing
        new = CartLine(sku, min(quantity, MAX_PER_LINE), unit_price_cents)
        self.lines.append(new)
        return new

    def remove(self, sku: str) -> None:
        self.lines = [l for l in self.lines if l.sku != sku]

    def subtotal_cents(self) -> int:
        return sum(l.quantity * l.unit_price_cents for l in self.lines)

    def item_count(self) -> int:
        return sum(l.quantity for l in self.lines)


def adopt_anonymous(anonymous: Cart, stored: Cart | None, customer_id: int) -> Cart:
    """Called right after sign-in with the visitor's cart and the account's saved cart."""
    if stored is None:
        anonymous.customer_id = customer_id
        return anonymous
    for line in anonymous.lines:
        mine = stored.line(line.sku)
        if mine is None:
            stored.lines.append(line)
        else:
            mine.quantity = min(max(mine.quantity, line.quantity), MAX_PER_LINE)
    if anonymous.coupon_code and not stored.coupon_code:
        stored.coupon_code = anonymous.coupon_code
    return stored
