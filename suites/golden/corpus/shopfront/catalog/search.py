import re
from collections import Counter

from shopfront.catalog.products import Product

_TOKEN = re.compile(r"[a-z0-9äöüß]+")
_STOP = {"the", "and", "for", "mit", "und", "der", "die", "das"}
_SYNONYMS = {"tee": "t-shirt", "hoody": "hoodie", "sneaker": "shoe", "trainers": "shoe"}


def tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    return [_SYNONYMS.get(w, w) for w in words if w not in _STOP and len(w) > 1]


def score(product: Product, query_tokens: list[str]) -> float:
    name = Counter(tokens(product.name))
    tags = {t.lower() for t in product.tags}
    total = 0.0
    for tok in query_tokens:
        if tok in name:
            total += 3.0 * name[tok]
        elif any(word.startswith(tok) for word in name):
            total += 1.5
        if tok in tags:
            total += 2.0
        if tok == product.category.lower():
            total += 1.0
    return total


def rank(products: list[Product], query: str, limit: int = 24) -> list[Product]:
    q = tokens(query)
    if not q:
        return []
    scored = [(score(p, q), p) for p in products]
    scored = [(s, p) for s, p in scored if s > 0]
    scored.sort(key=lambda sp: (-sp[0], sp[1].price_cents, sp[1].sku))
    return [p for _, p in scored[:limit]]
