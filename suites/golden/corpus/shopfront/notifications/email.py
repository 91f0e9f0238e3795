from dataclasses import dataclass
from string import Template

from shopfront.util.money import format_amount
from shopfront.util.text import mask_email

_SUBJECTS = {
    "order_confirmed": {"de": "Deine Bestellung $number", "en": "Your order $number"},
    "shipped": {"de": "Deine Bestellung $number ist unterwegs", "en": "Your order $number is on its way"},
    "payment_failed": {"de": "Zahlung fehlgeschlagen", "en": "Payment failed"},
}


@dataclass
class Message:
    to: str
    subject: str
    body: str


def subject(kind: str, lang: str, **values) -> str:
    table = _SUBJECTS[kind]
    return Template(table.get(lang, table["en"])).safe_substitute(values)


def order_confirmation(order, to: str, lang: str = "de") -> Message:
    lines = [f"{l.quantity} x {l.sku}  {format_amount(l.quantity * l.unit_price_cents, locale=lang)}"
             for l in order.lines]
    lines.append(f"Versand / shipping: {format_amount(order.shipping_cents, locale=lang)}")
    if order.discount_cents:
        lines.append(f"Rabatt / discount: -{format_amount(order.discount_cents, locale=lang)}")
    lines.append(f"Summe / total: {format_amount(order.total_cents, locale=lang)}")
    return Message(to, subject("order_confirmed", lang, number=order.number), "\n".join(lines))


def log_line(message: Message) -> str:
    return f"mail to {mask_email(message.to)}: {message.subject}"
