import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from shopfront.config import settings
from shopfront.util.dates import now_utc


@dataclass
class Session:
    token: str
    customer_id: int
    created_at: datetime
    last_seen: datetime
    elevated_until: datetime | None = None


_sessions: dict[str, Session] = {}


def open_session(customer_id: int) -> Session:
    now = now_utc()
    session = Session(secrets.token_urlsafe(32), customer_id, now, now)
    _sessions[session.token] = session
    return session


def lookup(token: str) -> Session | None:
    session = _sessions.get(token)
    if session is None:
        return None
    if now_utc() - session.last_seen > timedelta(minutes=settings.session_minutes):
        _sessions.pop(token, None)
        return None
    session.last_seen = now_utc()
    return session


def elevate(session: Session, minutes: int = 10) -> None:
    """After re-entering the password, sensitive pages are open for a few minutes."""
    session.elevated_until = now_utc() + timedelta(minutes=minutes)


def is_elevated(session: Session) -> bool:
    return session.elevated_until is not None and session.elevated_until > now_utc()


def close_all(customer_id: int) -> int:
    tokens = [t for t, s in _sessions.items() if s.customer_id == customer_id]
    for token in tokens:
        del _sessions[token]
    return len(tokens)
