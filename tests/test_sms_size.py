"""What an SMS costs as it leaves: GSM-7 or UCS-2, segments of 160/153 or 70/67, the opt-out line, and the
real length of the review link, the same count on the template preview, the send form and the bulk confirmation."""
import re

import pytest

from nudgeweb.delivery.sms import SMS_OPT_OUT, sms_as_sent, sms_segments, sms_size_as_sent
from nudgeweb.reviews import messaging, operations
from nudgeweb.reviews.links import review_link
from nudgeweb.reviews.settings import review_settings_for
from nudgeweb.unit_of_work import unit_of_work
from tests.factories import ContactFactory
from tests.reviews_support import frozen_clock  # noqa: F401

HX = {"HX-Request": "true"}
# The message of the issue: 118 characters in the old preview, 194 as it went out (a real link + opt-out line).
SENT_194 = (
    "Hi Jane, thanks for choosing Maple Street Plumbing today! Would you leave us a quick review? "
    "https://nudge.example/r/ImRmY2xjZ0xYV3VmX2UzZlQi.Z3q1bQ.8r0aQ2vj1ePnX4uYs0Yx12 "
    "Reply STOP to opt out."
)


@pytest.mark.parametrize("text, encoding, characters, segments", [
    (SENT_194, "GSM-7", 194, 2),
    ("a" * 160, "GSM-7", 160, 1),
    ("a" * 161, "GSM-7", 161, 2),
    ("a" * 306, "GSM-7", 306, 2),
    ("a" * 307, "GSM-7", 307, 3),
    ("Price: 20€ [incl. tax] {ok}", "GSM-7", 32, 1),  # the extension table costs two septets each
    ("a" * 158 + "€", "GSM-7", 160, 1),
    ("a" * 159 + "€", "GSM-7", 161, 2),
    ("Thanks 🙂", "UCS-2", 9, 1),  # an emoji makes the whole message UCS-2, and costs two units
    ("Ça va? ê" + "x" * 62, "UCS-2", 70, 1),
    ("ê" * 71, "UCS-2", 71, 2),
    ("ê" * 134, "UCS-2", 134, 2),
    ("ê" * 135, "UCS-2", 135, 3),
])
def test_real_messages_are_counted_as_the_carrier_bills_them(text, encoding, characters, segments):
    size = sms_segments(text)
    assert (size.encoding, size.characters, size.segments) == (encoding, characters, segments)


def test_a_part_never_splits_an_escape_pair_or_an_emoji():
    # 152 plain septets then "€" (two septets): 154 > 153, so the euro sign starts the second part
    assert sms_segments("a" * 152 + "€" + "a" * 160).segments == 3  # 152 | €+151 | 9
    assert sms_segments("a" * 153 + "a" * 153).segments == 2
    # 66 units then an emoji (two units, a surrogate pair) cannot share the first 67-unit part
    assert sms_segments("ê" * 66 + "🙂" + "ê" * 65).segments == 2  # 66 | 🙂 + 65
    assert sms_segments("ê" * 66 + "🙂" + "ê" * 66).segments == 3  # 134 units, yet three parts


def test_the_opt_out_line_is_counted_once_and_only_for_marketing():
    assert sms_as_sent("Thanks!") == f"Thanks! {SMS_OPT_OUT}"
    assert sms_as_sent("Thanks! Text STOP to stop.") == "Thanks! Text STOP to stop."
    assert sms_as_sent("Your code is 1234", marketing=False) == "Your code is 1234"
    assert sms_size_as_sent("x" * 140).segments == 2  # 140 + the line = 163
    assert sms_size_as_sent("x" * 140, marketing=False).segments == 1


def test_the_count_shown_before_sending_is_the_count_of_the_message_that_goes_out(organization):
    with unit_of_work(organization.id):
        request = operations.create_review_request(
            organization, {"first_name": "Jane", "mobile_phone_number": "+12125551234"}, 24, channel="sms")
        message = messaging.queue_review_message(request, 0, review_settings_for(organization), review_link(request))
        shown = messaging.first_sms_size(organization, {"first_name": "Jane", "phone": "+12125551234"})
    sent = sms_segments(message.text)
    assert message.text.endswith(SMS_OPT_OUT) and "/r/" in message.text
    assert (shown.characters, shown.segments, shown.encoding) == (sent.characters, sent.segments, sent.encoding)


def test_template_preview_shows_the_message_as_sent(owner_client, organization):
    data = {"channel": "sms", "name": "x", "body": "Hi {{ first_name }}, a quick review? {{ review_link }} 🙂"}
    text = owner_client.post("/templates/preview", data=data, headers=HX).get_data(as_text=True)
    assert SMS_OPT_OUT in text and "UCS-2" in text
    assert "2 segments" in text  # the real link (about 80 characters) + the line: over 70 units


def test_send_form_and_bulk_confirmation_show_the_segments(owner_client, organization):
    ContactFactory(organization=organization, first_name="Ann", phone="+12125550100", email=None)
    form = owner_client.get("/review-requests/new").get_data(as_text=True)
    assert 'data-testid="send-sms-size"' in form and "segment" in form and "GSM-7" in form
    bulk = owner_client.get("/review-requests/bulk?everyone=yes").get_data(as_text=True)
    assert 'data-testid="bulk-sms-size"' in bulk and "for 1 customer." in bulk and "A name with a letter outside GSM-7" in bulk
    bubble = re.search(r'<div class="rr-sms-bubble">(.*?)</div>', bulk, re.S).group(1)
    assert bubble.strip().endswith("Reply STOP to opt out.")  # the message counted is the message shown


def test_the_bulk_confirmation_counts_segments_only_for_those_texted(owner_client, organization):
    ContactFactory(organization=organization, first_name="Ann", phone="+12125550100", email=None)
    ContactFactory(organization=organization, first_name="Ben", phone="+12125550101", email="ben@example.com")
    for number in range(3):
        ContactFactory(organization=organization, first_name=f"Email{number}", phone=None,
                       email=f"only{number}@example.com")
    bulk = owner_client.get("/review-requests/bulk?everyone=yes").get_data(as_text=True)
    channels = re.search(r'data-testid="bulk-channels">(.*?)</p>', bulk, re.S).group(1)
    assert " ".join(channels.split()) == "How they are asked: 2 by text message, 3 by email."
    size = " ".join(re.search(r'data-testid="bulk-sms-size">(.*?)</p>', bulk, re.S).group(1).split())
    assert size.startswith("This text message takes") and "about" in size and "segments for 2 customers." in size


def test_the_outbox_shows_what_a_sent_sms_cost(owner_client, organization):
    from nudgeweb.delivery import queue_direct

    with unit_of_work(organization.id):
        message = queue_direct(organization, "sms", "+12125550188", text=SENT_194, purpose="test")
    page = owner_client.get(f"/outbox/{message.id}").get_data(as_text=True)
    assert "2 segments" in page and "194 characters, GSM-7" in page
    assert '<a href="https://nudge.example/r/ImRmY2xjZ0xYV3VmX2UzZlQi.Z3q1bQ.8r0aQ2vj1ePnX4uYs0Yx12"' in page  # it opens


def test_the_bulk_confirmation_sizes_the_text_it_shows(owner_client, organization):
    """Seán's text went out in UCS-2 (4 segments) while the confirmation counted the sample's GSM-7 one (2)."""
    ContactFactory(organization=organization, first_name="Seán", phone="+12125550100", email=None)
    bulk = owner_client.get("/review-requests/bulk?everyone=yes").get_data(as_text=True)
    size = " ".join(re.search(r'data-testid="bulk-sms-size">(.*?)</p>', bulk, re.S).group(1).split())
    assert size.startswith("This text message takes") and "UCS-2" in size
