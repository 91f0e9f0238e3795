from datetime import date, datetime

from shopfront.util.dates import add_working_days, after_cutoff, is_working_day

TRANSIT_DAYS = {1: 1, 2: 3, 3: 4, 4: 5}

_CARRIER_CODES = {
    "dhl": {"PU": "picked_up", "TR": "in_transit", "OD": "out_for_delivery", "DL": "delivered", "RT": "returned"},
    "dpd": {"01": "picked_up", "02": "in_transit", "05": "out_for_delivery", "13": "delivered", "08": "returned"},
    "ups": {"P": "picked_up", "I": "in_transit", "O": "out_for_delivery", "D": "delivered", "RS": "returned"},
}


def normalise_event(carrier: str, code: str) -> str:
    return _CARRIER_CODES.get(carrier, {}).get(code.strip().upper(), "unknown")


def arrival_window(ordered_at: datetime, zone: int, holidays: set[date] = frozenset()) -> tuple[date, date]:
    """Earliest and latest day shown on the product page and in the confirmation mail."""
    start = ordered_at.date()
    if after_cutoff(ordered_at) or not is_working_day(start, holidays):
        start = add_working_days(start, 1, holidays)
    transit = TRANSIT_DAYS[zone]
    return add_working_days(start, transit, holidays), add_working_days(start, transit + 1, holidays)


def is_late(ordered_at: datetime, zone: int, today: date, delivered: bool) -> bool:
    _, latest = arrival_window(ordered_at, zone)
    return not delivered and today > latest


def tracking_url(carrier: str, tracking_number: str) -> str:
    templates = {
        "dhl": "https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode={}",
        "dpd": "https://tracking.dpd.de/status/de_DE/parcel/{}",
        "ups": "https://www.ups.com/track?tracknum={}",
    }
    return templates.get(carrier, "{}").format(tracking_number)
