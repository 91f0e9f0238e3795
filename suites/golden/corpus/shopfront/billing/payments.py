from dataclasses import dataclass
from datetime import datetime, timedelta

from shopfront.util.dates import now_utc

DECLINE_BACKOFF = [timedelta(hours=6), timedelta(days=1), timedelta(days=3)]
HARD_DECLINES = {"stolen_card", "lost_card", "do_not_honor", "invalid_account"}


class PaymentFailed(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Attempt:
    order_number: str
    amount_cents: int
    attempted_at: datetime
    declined_code: str | None = None


def authorise(gateway, order, method_token: str) -> str:
    result = gateway.authorise(amount=order.total_cents, currency="EUR",
                               token=method_token, reference=order.number)
    if result.status != "authorised":
        raise PaymentFailed(result.code or "declined")
    return result.authorisation_id


def capture(gateway, authorisation_id: str, amount_cents: int) -> None:
    """Take the money when the parcel leaves the warehouse, not at checkout."""
    gateway.capture(authorisation_id, amount=amount_cents)


def when_to_try_again(attempts: list[Attempt]) -> datetime | None:
    """None means: stop trying and cancel the order."""
    if not attempts:
        return now_utc()
    last = attempts[-1]
    if last.declined_code in HARD_DECLINES:
        return None
    if len(attempts) > len(DECLINE_BACKOFF):
        return None
    return last.attempted_at + DECLINE_BACKOFF[len(attempts) - 1]


def capture_amount(authorised_cents: int, shipped_lines) -> int:
    """Only what actually ships is captured; the rest of the authorisation lapses."""
    shipped = sum(l.quantity * l.unit_price_cents for l in shipped_lines)
    if shipped > authorised_cents:
        raise ValueError("cannot capture more than was authorised")
    return shipped


def refund(gateway, authorisation_id: str, amount_cents: int, reason: str) -> str:
    if amount_cents <= 0:
        raise ValueError("refund amount must be positive")
    result = gateway.refund(authorisation_id, amount=amount_cents, reason=reason[:140])
    if result.status != "refunded":
        raise PaymentFailed(result.code or "refund_failed")
    return result.refund_id
