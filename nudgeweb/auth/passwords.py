"""Password hashing with Argon2id, and the password policy: a length and a list of common passwords
(no composition rules: NIST SP 800-63B, 5.1.1.2)."""
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"

# The app's PASSWORD_HASHER names one. Every install uses "argon2id" (argon2-cffi's defaults, RFC 9106's
# second recommendation: 64 MiB, 3 passes); only TestConfig picks the cheap one, so that the suite's hundreds
# of logins do not cost a second each on a busy machine (the timing tests switch back to the real one).
HASHERS = {
    "argon2id": PasswordHasher(),
    "argon2id-cheap-for-tests": PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
}


def hasher():
    name = current_app.config.get("PASSWORD_HASHER", "argon2id") if has_app_context() else "argon2id"
    return HASHERS[name]


def hash_password(password):
    return hasher().hash(password)


def verify_password(password_hash, password):
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _stand_in_hash(of_hasher):
    return of_hasher.hash("a password that no account has")


def spend_verification_time(password):
    """The work of verify_password, for an email with no account: an unknown address answers as slowly
    as a wrong password, so the time taken does not tell whether an account exists."""
    verify_password(_stand_in_hash(hasher()), password)


def needs_rehash(password_hash):
    return hasher().check_needs_rehash(password_hash)


@cache
def common_passwords():
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password):
    """What is wrong with ``password`` as a new password, in words; None when it is good."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use at most {MAX_PASSWORD_LENGTH} characters."
    if password.strip().lower() in common_passwords():
        return "This is one of the most common passwords, the first that attackers try. Choose another."
    return None
