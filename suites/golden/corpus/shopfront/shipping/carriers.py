from dataclasses import dataclass

from shopfront.accounts.addresses import Address

HIGH_VALUE_CENTS = 50000


@dataclass(frozen=True)
class Service:
    carrier: str
    product: str
    adult_check: bool = False
    hand_over_in_person: bool = False


def pick_carrier(address: Address, weight_grams: int, express: bool) -> str:
    if address.packstation:
        return "dhl"
    if express:
        return "ups" if address.country != "DE" else "dhl-express"
    if address.country in {"GB", "CH", "NO"}:
        return "ups"
    return "dhl" if weight_grams > 1000 else "dpd"


def proof_of_receipt(order_value_cents: int, products) -> bool:
    """Whether the driver may not simply leave the parcel at the door or with a neighbour."""
    if order_value_cents >= HIGH_VALUE_CENTS:
        return True
    return any(p.age_restricted for p in products)


def build_service(address: Address, order_value_cents: int, products, weight_grams: int,
                  express: bool = False) -> Service:
    carrier = pick_carrier(address, weight_grams, express)
    adult = any(p.age_restricted for p in products)
    in_person = proof_of_receipt(order_value_cents, products)
    if address.packstation and (adult or in_person):
        raise ValueError("this order cannot go to a parcel locker")
    product = "express" if express else ("parcel" if weight_grams > 1000 else "small-parcel")
    return Service(carrier, product, adult_check=adult, hand_over_in_person=in_person)


def needs_customs_declaration(address: Address) -> bool:
    return address.country in {"GB", "CH", "NO"}


def dangerous_goods_label(products) -> str | None:
    if any(p.hazardous for p in products):
        return "UN3481 lithium ion batteries packed with equipment"
    return None
