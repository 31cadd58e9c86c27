"""SMS through Twilio's API with the ``twilio`` package: a from number or a messaging service."""
from dataclasses import dataclass

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from nudgeweb.delivery.backends import Backend, SendError

# Twilio error codes that mean "this number will never take the message".
UNREACHABLE_CODES = {21211, 21214, 21217, 21401, 21407, 21408, 21421, 21612, 21614, 30003, 30005, 30006}


@dataclass(frozen=True)
class TwilioAccount:
    account_sid: str
    auth_token: str
    from_number: str | None = None
    messaging_service_sid: str | None = None
    api_url: str | None = None  # another address for Twilio's API (tests)

    def validator(self):
        return RequestValidator(self.auth_token)


class TwilioBackend(Backend):
    name = "twilio"

    def __init__(self, account, status_callback=None):
        self.account = account
        self.status_callback = status_callback
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = Client(self.account.account_sid, self.account.auth_token,
                                  http_client=TwilioHttpClient(timeout=30))
            if self.account.api_url:
                self._client.api.base_url = self.account.api_url.rstrip("/")
        return self._client

    def send(self, message, unsubscribe_url=None):
        options = {"to": message.to, "body": message.text or ""}
        if self.account.messaging_service_sid:
            options["messaging_service_sid"] = self.account.messaging_service_sid
        else:
            options["from_"] = self.account.from_number
        if self.status_callback:
            options["status_callback"] = self.status_callback
        try:
            sent = self.client.messages.create(**options)
        except TwilioRestException as error:
            reason = f"Twilio refused the message ({error.status}, code {error.code}): {error.msg}"
            if error.status == 429 or error.status >= 500:
                raise SendError(reason) from None
            raise SendError(reason, permanent=True, bounce=error.code in UNREACHABLE_CODES) from None
        except (requests.RequestException, TwilioException) as error:
            raise SendError(f"Could not reach Twilio: {error}") from None
        return sent.sid
