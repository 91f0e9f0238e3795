import hashlib
import hmac
import os
import re

ITERATIONS = 390_000
MIN_LENGTH = 10
_COMMON = {"password123", "qwertyuiop", "1234567890", "letmein123", "shopfront1"}


class WeakPassword(ValueError):
    pass


def check_policy(password: str, email: str) -> None:
    """Raises WeakPassword with a message the sign-up form can show."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"use at least {MIN_LENGTH} characters")
    if password.lower() in _COMMON:
        raise WeakPassword("this password is too common")
    local = email.split("@", 1)[0].lower()
    if len(local) >= 4 and local in password.lower():
        raise WeakPassword("do not use your e-mail address in the password")
    if not (re.search(r"[A-Za-z]", password) and re.search(r"[0-9\W]", password)):
        raise WeakPassword("mix letters with digits or symbols")


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return f"pbkdf2${ITERATIONS}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2":
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), int(iterations))
    return hmac.compare_digest(digest.hex(), digest_hex)


def needs_rehash(stored: str) -> bool:
    parts = stored.split("$")
    return len(parts) != 4 or int(parts[1]) < ITERATIONS
