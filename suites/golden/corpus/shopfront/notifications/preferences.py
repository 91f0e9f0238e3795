from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

TRANSACTIONAL = {"order_confirmed", "payment_failed", "password_reset", "shipped"}


@dataclass
class Preferences:
    email: bool = True
    sms: bool = False
    marketing: bool = False
    phone: str | None = None
    timezone: str = "Europe/Berlin"
    quiet_from: time = time(21, 0)
    quiet_until: time = time(8, 0)


def channels(prefs: Preferences | None, kind: str) -> list[str]:
    if prefs is None:
        return ["email"] if kind in TRANSACTIONAL else []
    if kind not in TRANSACTIONAL and not prefs.marketing:
        return []
    result = ["email"] if prefs.email or kind == "password_reset" else []
    if prefs.sms and prefs.phone:
        result.append("sms")
    return result


def is_night_for(prefs: Preferences, moment: datetime) -> bool:
    """True inside the customer's do-not-disturb span, which may wrap past midnight."""
    local = moment.astimezone(ZoneInfo(prefs.timezone)).time()
    if prefs.quiet_from <= prefs.quiet_until:
        return prefs.quiet_from <= local < prefs.quiet_until
    return local >= prefs.quiet_from or local < prefs.quiet_until


def deliver_now(prefs: Preferences, channel: str, moment: datetime) -> bool:
    """E-mail always goes out; phone messages wait for the morning."""
    if channel != "sms":
        return True
    return not is_night_for(prefs, moment)
