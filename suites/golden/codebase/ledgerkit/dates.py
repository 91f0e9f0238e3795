"""Calendar helpers: billing days, monthly periods ("2024-03") and payment terms.

Every function accepts a ``date`` or an ISO text ("2024-03-05") wherever it takes a day, and
raises ``ValidationFailed`` (field "day" or "period") on anything else.
"""

import calendar
from datetime import date, timedelta

from ledgerkit.errors import ValidationFailed, require


def parse_day(day: date | str) -> date:
    """Return ``day`` as a ``date``; ISO text is parsed, anything invalid raises ``ValidationFailed("day")``."""
    if isinstance(day, date):
        return day
    require(isinstance(day, str), "day", f"expected an ISO date, got {day!r}")
    try:
        return date.fromisoformat(day.strip())
    except ValueError:
        raise ValidationFailed("day", f"not a valid ISO date: {day!r}") from None


def period_of(day: date | str) -> str:
    """The billing period (calendar month) a day belongs to: ``period_of("2024-03-05") == "2024-03"``."""
    parsed = parse_day(day)
    return f"{parsed.year:04d}-{parsed.month:02d}"


def parse_period(period: str) -> tuple[int, int]:
    """Split a period "YYYY-MM" into ``(year, month)``; raise ``ValidationFailed("period")`` if malformed."""
    parts = period.split("-") if isinstance(period, str) else []
    valid = len(parts) == 2 and all(part.isdigit() for part in parts) and len(parts[0]) == 4 and len(parts[1]) == 2
    require(valid and 1 <= int(parts[1]) <= 12, "period", f"expected YYYY-MM, got {period!r}")
    return int(parts[0]), int(parts[1])


def period_bounds(period: str) -> tuple[date, date]:
    """The first and the last day of a period, both inclusive."""
    year, month = parse_period(period)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def next_period(period: str) -> str:
    """The period after ``period``: ``next_period("2024-12") == "2025-01"``."""
    year, month = parse_period(period)
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def add_days(day: date | str, days: int) -> date:
    """``day`` moved by ``days`` calendar days (payment terms are counted this way)."""
    return parse_day(day) + timedelta(days=days)


def days_between(start: date | str, end: date | str) -> int:
    """Calendar days from ``start`` to ``end``; negative when ``end`` comes first."""
    return (parse_day(end) - parse_day(start)).days
