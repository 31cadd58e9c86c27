"""The endpoint's secret and the signatures of a delivery.

Two signatures ride on every POST, made with the same secret:

- ``X-NudgeCampaign-Signature: sha256=<hex>``: the HMAC-SHA256 of the raw body with the secret
  (the whole ``whsec_...`` text) as key, exactly as seed 001's Node example verifies it;
- Standard Webhooks (https://www.standardwebhooks.com): ``webhook-id`` (the event's id, the same on
  every retry), ``webhook-timestamp`` (seconds) and ``webhook-signature: v1,<base64>``, the HMAC-SHA256
  of ``{id}.{timestamp}.{body}`` with the base64-decoded part of the secret after ``whsec_`` as key. The
  timestamp lets a receiver refuse a replayed request.
"""
import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"


def new_secret():
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def seed_signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def standard_signature(secret, message_id, timestamp, body):
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signed_headers(secret, message_id, timestamp, body):
    """The headers of one POST of ``body`` (bytes)."""
    return {
        "Content-Type": "application/json",
        "User-Agent": "Nudge-Webhooks/1.0",
        "X-NudgeCampaign-Signature": seed_signature(secret, body),
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard_signature(secret, message_id, timestamp, body),
    }
