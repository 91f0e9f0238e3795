"""Customer accounts: who is billed, in which currency, and how much they owe.

``balance_cents`` is positive while the customer owes money; charges raise it, payments and
credit notes lower it. A charge may not take the balance above ``credit_limit_cents``.
"""

from dataclasses import dataclass

from ledgerkit.errors import InvalidState, LimitExceeded, require
from ledgerkit.ids import make_id
from ledgerkit.money import format_cents, require_currency


@dataclass
class Account:
    account_id: str
    name: str
    currency: str
    credit_limit_cents: int = 0
    balance_cents: int = 0
    closed: bool = False


def make_account(seq: int, name: str, currency: str, credit_limit_cents: int = 0) -> Account:
    """A new open account with a zero balance; the name is stored without surrounding blanks."""
    require(isinstance(name, str) and name.strip(), "name", "must not be blank")
    require_currency(currency)
    require(credit_limit_cents >= 0, "credit_limit_cents", "must not be negative")
    return Account(make_id("account", seq), name.strip(), currency, credit_limit_cents)


def available_cents(account: Account) -> int:
    """How much more can be charged before the credit limit is reached."""
    return account.credit_limit_cents - account.balance_cents


def apply_charge(account: Account, amount_cents: int) -> int:
    """Charge an open account within its credit limit; return the new balance."""
    if account.closed:
        raise InvalidState(account.account_id, "closed", "charge")
    require(amount_cents > 0, "amount_cents", "must be positive")
    if amount_cents > available_cents(account):
        raise LimitExceeded(account.account_id, amount_cents, available_cents(account))
    account.balance_cents += amount_cents
    return account.balance_cents


def close_account(account: Account) -> None:
    """Close a settled account; an account with a balance either way stays open."""
    if account.balance_cents != 0:
        raise InvalidState(account.account_id, "unsettled", "close")
    account.closed = True


def describe_account(account: Account) -> str:
    """One line for the back office: ``acc_000001 Acme GmbH: 1,250.00 EUR of 5,000.00 EUR [closed]``."""
    balance = format_cents(account.balance_cents, account.currency)
    limit = format_cents(account.credit_limit_cents, account.currency)
    text = f"{account.account_id} {account.name}: {balance} of {limit}"
    return f"{text} [closed]" if account.closed else text
