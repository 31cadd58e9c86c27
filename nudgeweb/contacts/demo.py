"""Demo contacts for the demo business (a DEMO_STEPS step): a few hundred customers of a bakery."""
import random
from datetime import timedelta

from sqlalchemy import insert

from nudgeweb.contacts.demo_people import AREA_CODES, person
from nudgeweb.contacts.fields import contact_insert_values
from nudgeweb.contacts.operations import SOURCE_SUMMARIES, add_custom_field, tag_ids_for
from nudgeweb.contacts.version import contacts_changed
from nudgeweb.models import ContactActivity, db, new_id, utcnow
from nudgeweb.models.contacts import Contact, contact_tags

DEMO_CONTACTS = 300
TREATS = ["Sourdough", "Croissant", "Cinnamon roll", "Baguette", "Rye"]


def seed_contacts(organization, count=DEMO_CONTACTS):
    rng = random.Random(2024)
    add_custom_field(organization, "Favourite treat", "choice", choices=", ".join(TREATS))
    add_custom_field(organization, "Birthday", "date")
    add_custom_field(organization, "Loyalty card", "boolean")
    tag_ids = tag_ids_for(organization.id, ["vip", "newsletter", "wholesale", "walk-in", "online", "birthday-club",
                                            "catering", "regular", "lapsed", "staff"])
    now = utcnow()
    contacts, links, activities = [], [], []
    for n in range(count):
        data = person(rng, n)
        data["email"] = data["email"] and data["email"].rsplit("@", 1)[0] + "@" + rng.choice(
            ("example.com", "example.net", "example.org"))
        if data["phone"]:  # 555-01xx: numbers reserved for fiction
            data["phone"] = f"+1{AREA_CODES[(n // 100) % len(AREA_CODES)]}55501{n % 100:02d}"
        created = now - timedelta(days=rng.randint(0, 180), minutes=rng.randint(0, 1440))
        source = rng.choice(["manual", "import", "import", "import", "api", "review_request"])
        values = contact_insert_values(organization.id, data, source, now=created)
        values["custom_fields"] = {"favourite_treat": rng.choice(TREATS), "loyalty_card": rng.random() < 0.4}
        if rng.random() < 0.5:
            values["custom_fields"]["birthday"] = f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        contacts.append(values)
        links += [{"contact_id": values["id"], "tag_id": tag_ids[tag]} for tag in data["tags"]]
        activities.append(_activity(values, "created", SOURCE_SUMMARIES[source], created))
        if rng.random() < 0.06:
            values.update(status="unsubscribed", unsubscribed_at=created + timedelta(days=3),
                          unsubscribe_reason="Asked to stop")
            activities.append(_activity(values, "unsubscribed", "Unsubscribed: Asked to stop", values["unsubscribed_at"]))
        elif rng.random() < 0.02:
            values.update(status="bounced", unsubscribed_at=created + timedelta(days=1))
            activities.append(_activity(values, "bounced", "Marked as bounced", values["unsubscribed_at"]))
    db.session.execute(insert(Contact), contacts)
    db.session.execute(insert(contact_tags), links)
    db.session.execute(insert(ContactActivity), activities)
    contacts_changed(organization.id)
    db.session.flush()


def _activity(contact, kind, summary, occurred_at):
    return {"id": new_id(), "organization_id": contact["organization_id"], "contact_id": contact["id"], "kind": kind,
            "summary": summary, "data": {}, "occurred_at": occurred_at, "created_at": occurred_at}
