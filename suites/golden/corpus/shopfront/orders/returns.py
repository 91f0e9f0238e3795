from datetime import datetime, timedelta

from shopfront.config import settings

NON_RETURNABLE_CATEGORIES = {"food", "underwear", "gift-cards", "software"}
OPENED_FEE_PERCENT = 15


def within_window(delivered_at: datetime | None, requested_at: datetime) -> bool:
    if delivered_at is None:
        return True
    return requested_at - delivered_at <= timedelta(days=settings.return_days)


def can_return(line, product, delivered_at: datetime | None, requested_at: datetime) -> bool:
    """Whether the customer may send this line back for money."""
    if product.category in NON_RETURNABLE_CATEGORIES:
        return False
    if getattr(line, "final_sale", False):
        return False
    return within_window(delivered_at, requested_at)


def restocking_fee(line, opened: bool) -> int:
    if not opened:
        return 0
    return line.quantity * line.unit_price_cents * OPENED_FEE_PERCENT // 100


def refund_cents(order, lines, opened: dict[str, bool]) -> int:
    """Money back for the returned lines; shipping is refunded only when everything comes back."""
    amount = 0
    for line in lines:
        amount += line.quantity * line.unit_price_cents - restocking_fee(line, opened.get(line.sku, False))
    returned_skus = {l.sku for l in lines}
    if all(l.sku in returned_skus for l in order.lines):
        amount += order.shipping_cents
    if order.discount_cents and order.subtotal_cents:
        share = order.discount_cents * sum(l.quantity * l.unit_price_cents for l in lines) // order.subtotal_cents
        amount -= share
    return max(amount, 0)
