from dataclasses import dataclass
from datetime import datetime, timedelta

from shopfront.config import settings
from shopfront.util.dates import now_utc


class OutOfStock(Exception):
    def __init__(self, sku: str, available: int):
        super().__init__(f"{sku}: only {available} left")
        self.sku = sku
        self.available = available


@dataclass
class Hold:
    sku: str
    quantity: int
    cart_id: str
    expires_at: datetime


class Inventory:
    def __init__(self, on_hand: dict[str, int]):
        self._on_hand = dict(on_hand)
        self._holds: list[Hold] = []

    def available(self, sku: str) -> int:
        held = sum(h.quantity for h in self._holds if h.sku == sku)
        return self._on_hand.get(sku, 0) - held

    def hold(self, sku: str, quantity: int, cart_id: str) -> Hold:
        free = self.available(sku)
        if quantity > free:
            raise OutOfStock(sku, free)
        h = Hold(sku, quantity, cart_id, now_utc() + timedelta(minutes=settings.cart_hold_minutes))
        self._holds.append(h)
        return h

    def drop_stale(self) -> int:
        now = now_utc()
        before = len(self._holds)
        self._holds = [h for h in self._holds if h.expires_at > now]
        return before - len(self._holds)

    def commit(self, cart_id: str) -> None:
        """Turn a cart's holds into real stock movements once the order is paid."""
        for h in [h for h in self._holds if h.cart_id == cart_id]:
            self._on_hand[h.sku] -= h.quantity
            self._holds.remove(h)

    def low_stock(self, threshold: int = 5) -> list[str]:
        return sorted(sku for sku in self._on_hand if self.available(sku) <= threshold)


def reorder_suggestion(sold_last_28_days: int, on_hand: int, lead_time_days: int, safety_days: int = 7) -> int:
    """Units to order from the supplier so stock lasts through the lead time plus a buffer."""
    daily = sold_last_28_days / 28
    needed = daily * (lead_time_days + safety_days)
    return max(int(needed + 0.999) - on_hand, 0)
