from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

SHOP_TZ = ZoneInfo("Europe/Berlin")


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def local_today() -> date:
    return now_utc().astimezone(SHOP_TZ).date()


def is_working_day(day: date, holidays: set[date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: set[date] = frozenset()) -> date:
    """The date `days` working days after start (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def after_cutoff(moment: datetime, cutoff: time = time(14, 0)) -> bool:
    """True when moment is later than the dispatch cut-off, shop local time."""
    return moment.astimezone(SHOP_TZ).time() > cutoff


def parse_holidays(values) -> set[date]:
    return {date.fromisoformat(v) for v in values}
