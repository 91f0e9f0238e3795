"""Settings read once at start-up from the environment."""
import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class Settings:
    shop_country: str = "DE"
    currency: str = "EUR"
    database_url: str = "postgresql://localhost/shopfront"
    session_minutes: int = 60 * 24 * 14
    cart_hold_minutes: int = 20
    return_days: int = 30
    invoice_prefix: str = "SF"
    sms_sender: str = "SHOPFRONT"
    holidays: tuple[str, ...] = field(default_factory=tuple)


def load() -> Settings:
    holidays = tuple(d for d in os.environ.get("SHOP_HOLIDAYS", "").split(",") if d)
    return Settings(
        shop_country=os.environ.get("SHOP_COUNTRY", "DE"),
        currency=os.environ.get("SHOP_CURRENCY", "EUR"),
        database_url=os.environ.get("DATABASE_URL", "postgresql://localhost/shopfront"),
        session_minutes=_env_int("SESSION_MINUTES", 60 * 24 * 14),
        cart_hold_minutes=_env_int("CART_HOLD_MINUTES", 20),
        return_days=_env_int("RETURN_DAYS", 30),
        invoice_prefix=os.environ.get("INVOICE_PREFIX", "SF"),
        holidays=holidays,
    )


settings = load()
