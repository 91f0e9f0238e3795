import re
from dataclasses import dataclass

_POSTAL_PATTERNS = {
    "DE": r"\d{5}",
    "AT": r"\d{4}",
    "CH": r"\d{4}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "FR": r"\d{5}",
}


@dataclass
class Address:
    name: str
    street: str
    city: str
    postal_code: str
    country: str
    company: str | None = None
    vat_id: str | None = None
    packstation: bool = False


class InvalidAddress(ValueError):
    pass


def clean(address: Address) -> Address:
    address.country = address.country.strip().upper()
    address.postal_code = address.postal_code.strip().upper()
    address.street = " ".join(address.street.split())
    pattern = _POSTAL_PATTERNS.get(address.country)
    if pattern and not re.fullmatch(pattern, address.postal_code):
        raise InvalidAddress(f"postal code {address.postal_code!r} does not fit {address.country}")
    if address.packstation and address.country != "DE":
        raise InvalidAddress("parcel lockers exist only in Germany")
    return address


def is_business(address: Address) -> bool:
    return bool(address.company and address.vat_id)


def one_line(address: Address) -> str:
    parts = [address.company, address.name, address.street, f"{address.postal_code} {address.city}", address.country]
    return ", ".join(p for p in parts if p)
