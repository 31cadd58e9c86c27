"""Secrets at rest (SMTP passwords, Twilio tokens, DKIM keys): Fernet with a key derived from SECRET_KEY."""
import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


@lru_cache(maxsize=8)
def _fernet(secret_key):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"nudge", info=b"sending-secrets").derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value):
    return _fernet(current_app.config["SECRET_KEY"]).encrypt(value.encode()).decode()


def decrypt(token):
    """The plain text, or None when SECRET_KEY changed since it was stored (re-enter the secret)."""
    try:
        return _fernet(current_app.config["SECRET_KEY"]).decrypt(token.encode()).decode()
    except InvalidToken:
        return None
