ZONES = {
    1: {"DE"},
    2: {"AT", "BE", "DK", "FR", "LU", "NL", "PL", "CZ"},
    3: {"ES", "IT", "PT", "SE", "FI", "IE", "HU", "SK", "SI", "HR"},
    4: {"CH", "GB", "NO"},
}
# price in cents per zone for weight bands up to 2 kg, 5 kg, 10 kg, 31.5 kg
BAND_LIMITS = [2000, 5000, 10000, 31500]
BAND_PRICES = {
    1: [495, 595, 795, 1295],
    2: [995, 1295, 1695, 2495],
    3: [1395, 1695, 2195, 3295],
    4: [1995, 2495, 3295, 4995],
}
FREE_FROM_CENTS = {1: 4900, 2: 9900}
EXPRESS_SURCHARGE = {1: 890, 2: 1490}


class NotDeliverable(ValueError):
    pass


def zone_for(country: str) -> int:
    for zone, countries in ZONES.items():
        if country in countries:
            return zone
    raise NotDeliverable(f"we do not ship to {country}")


def band_index(weight_grams: int) -> int:
    for i, limit in enumerate(BAND_LIMITS):
        if weight_grams <= limit:
            return i
    raise NotDeliverable("parcel too heavy, use freight")


def quote(country: str, weight_grams: int, goods_cents: int) -> int:
    """Standard delivery price in cents for the customer."""
    zone = zone_for(country)
    threshold = FREE_FROM_CENTS.get(zone)
    if threshold is not None and goods_cents >= threshold:
        return 0
    return BAND_PRICES[zone][band_index(weight_grams)]


def express_quote(country: str, weight_grams: int, goods_cents: int) -> int:
    zone = zone_for(country)
    if zone not in EXPRESS_SURCHARGE:
        raise NotDeliverable("express is not offered for this country")
    return BAND_PRICES[zone][band_index(weight_grams)] + EXPRESS_SURCHARGE[zone]


def split_parcels(weights: list[int]) -> list[list[int]]:
    """First-fit packing of item weights into parcels under the heaviest band."""
    parcels: list[list[int]] = []
    for w in sorted(weights, reverse=True):
        for p in parcels:
            if sum(p) + w <= BAND_LIMITS[-1]:
                p.append(w)
                break
        else:
            parcels.append([w])
    return parcels
