import re

from shopfront.config import settings

MAX_LENGTH = 160
_E164 = re.compile(r"\+[1-9]\d{7,14}")


def normalise_number(raw: str, default_country_code: str = "49") -> str | None:
    digits = re.sub(r"[^\d+]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = f"+{default_country_code}{digits[1:]}"
    return digits if _E164.fullmatch(digits) else None


def shipped_text(order_number: str, tracking_url: str) -> str:
    text = f"{settings.sms_sender}: Bestellung {order_number} ist unterwegs. {tracking_url}"
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"
