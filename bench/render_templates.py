"""How fast render_message turns the starter review-request email into a message (CSS inlined, text derived).

Prints messages/s for the email and the SMS starter templates; the send engine needs >= 400 messages/s
overall, so rendering should cost a small part of that budget (PASS at >= 2,000 emails/s).
"""
import sys
import time
from types import SimpleNamespace

sys.path.insert(0, ".")

from nudgeweb.message_templates.rendering import render_message  # noqa: E402
from nudgeweb.message_templates.starter import STARTERS  # noqa: E402

N = 5000
ORGANIZATION = SimpleNamespace(name="Bluebird Bakery", website="https://bluebird.example", brand_color="#ff6600")


def rate(key, channel):
    fields = {"subject": "", "html_content": "", "text_content": "", "body": "", **STARTERS[key, channel]}
    template = SimpleNamespace(organization=ORGANIZATION, channel=channel, **fields)
    started = time.perf_counter()
    for number in range(N):
        contact = {"first_name": f"Customer{number}", "last_name": "Lee", "email": f"c{number}@example.com"}
        render_message(template, contact, context={"review_link": f"https://nudge.example/r/{number}",
                                                   "unsubscribe_link": f"https://nudge.example/u/{number}"})
    return N / (time.perf_counter() - started)


if __name__ == "__main__":
    email, sms = rate("review_request", "email"), rate("review_request", "sms")
    print(f"render_message, starter review request: email {email:,.0f}/s (CSS inlined, text derived), sms {sms:,.0f}/s")
    print("PASS" if email >= 2000 else "FAIL", "(needs >= 2,000 emails/s)")
