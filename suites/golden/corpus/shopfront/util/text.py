import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", folded.lower()).strip("-")


def mask_email(address: str) -> str:
    """j***@example.com style, for logs and support screens."""
    local, _, domain = address.partition("@")
    if not domain:
        return "***"
    return f"{local[:1]}***@{domain}"


def truncate(value: str, limit: int, ellipsis: str = "…") -> str:
    if len(value) <= limit:
        return value
    return value[: max(limit - len(ellipsis), 0)] + ellipsis


def normalise_whitespace(value: str) -> str:
    return " ".join(value.split())
