from datetime import datetime

from shopfront.util.dates import now_utc

TRANSITIONS = {
    "pending_payment": {"paid", "cancelled"},
    "paid": {"picking", "cancelled", "refunded"},
    "picking": {"shipped", "cancelled"},
    "shipped": {"delivered", "returned"},
    "delivered": {"returned", "partially_returned"},
    "partially_returned": {"returned"},
    "returned": {"refunded"},
    "cancelled": set(),
    "refunded": set(),
}


class IllegalTransition(Exception):
    pass


def move(order, new_status: str, reason: str = "", at: datetime | None = None) -> None:
    allowed = TRANSITIONS.get(order.status, set())
    if new_status not in allowed:
        raise IllegalTransition(f"{order.number}: {order.status} -> {new_status}")
    order.notes.append(f"{(at or now_utc()).isoformat()} {order.status} -> {new_status} {reason}".rstrip())
    order.status = new_status


def customer_may_cancel(order) -> bool:
    """Self-service cancellation is possible until the warehouse starts picking."""
    return order.status in {"pending_payment", "paid"}


def is_final(status: str) -> bool:
    return not TRANSITIONS.get(status)


def open_orders(orders) -> list:
    return [o for o in orders if not is_final(o.status)]
