import hashlib
import json
from datetime import timedelta

from shopfront.util.dates import now_utc

# Invoices must be kept ten years; everything else goes on request.
INVOICE_RETENTION = timedelta(days=3653)


def export_customer(customer, orders, addresses) -> str:
    """Machine-readable copy of what we store about a person (right of access)."""
    payload = {
        "customer": {"id": customer.id, "email": customer.email, "created_at": customer.created_at.isoformat()},
        "addresses": [vars(a) for a in addresses],
        "orders": [{"number": o.number, "total_cents": o.total_cents, "status": o.status,
                    "placed_at": o.placed_at.isoformat()} for o in orders],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def pseudonym(email: str) -> str:
    return "deleted-" + hashlib.sha256(email.lower().encode()).hexdigest()[:12]


def erase(customer, orders, addresses) -> list[str]:
    """Removes personal data but keeps what bookkeeping needs; returns what was kept."""
    kept = []
    customer.email = pseudonym(customer.email) + "@invalid"
    customer.name = ""
    customer.phone = None
    for a in addresses:
        a.name, a.street, a.company = "", "", None
    for o in orders:
        if now_utc() - o.placed_at < INVOICE_RETENTION:
            kept.append(o.number)
    return kept
