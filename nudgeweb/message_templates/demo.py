"""Demo data: an email written in the simple editor, in the bakery's branded layout."""
from nudgeweb.message_templates.operations import create_template

THANK_YOU = (
    "Hi {{ first_name|default('there', true) }},\n\n"
    "Thank you for ordering from **{{ business_name }}**! We bake everything the morning you pick it up.\n\n"
    "If you have a minute, tell us how it was: *it helps neighbours find us*.\n\n"
    "[Leave a review]({{ review_link }})\n\n"
    "See you at the counter,\nThe {{ business_name }} team"
)


def seed_templates(organization):
    organization.brand_color = "#0f766e"
    create_template(organization, {
        "name": "Thank-you note (simple editor)", "category": "review_request", "channel": "email",
        "description": "Written without HTML: the simple editor puts it in the bakery's colours.",
        "subject": "Thank you, {{ first_name|default('friend', true) }}!", "editor": "simple",
        "simple_content": THANK_YOU,
    })
