"""No page is wider than the window: the demo business, with long real values, at 1280x800 and 390x844.

Every area of the navigation and every tab of Settings (read from nudgeweb/navigation.py, so a new area
is swept as soon as it is listed), the forms they lead to, and one detail page of each kind (a contact,
a review request, an outbox message, a template, an import and its column mapping). A page fails when
``document.documentElement.scrollWidth > innerWidth``, naming the widest element.
"""
import pytest
from flask import url_for
from sqlalchemy import select

from nudgeweb.contacts import operations as contact_operations
from nudgeweb.delivery import queue_direct
from nudgeweb.demo import DEMO_EMAIL, DEMO_ORGANIZATION, DEMO_PASSWORD
from nudgeweb.extensions import db
from nudgeweb.imports import operations as import_operations
from nudgeweb.models import Automation, Contact, ContactImport, Message, MessageTemplate, Organization, ReviewRequest, User
from nudgeweb.navigation import AREAS, SETTINGS_SECTIONS, area_endpoint
from nudgeweb.unit_of_work import unit_of_work
from tests.conftest import commit_test_work, screenshot

pytestmark = pytest.mark.browser

LONG_COMPANY = ("Bluebird Artisanal Sourdough, Viennoiserie & Celebration Cake Cooperative of the Greater Hudson "
                "Valley and Western Connecticut Farmers' Market Alliance, Incorporated (Wholesale Division)")[:200]
LONG_LINK = ("https://bluebird.example/orders/2026/12/03/confirmation?order=BB-0000918273645&utm_source=nudge"
             "&utm_medium=sms&utm_campaign=holiday-preorders-reminder-second-wave&ref=counter-tablet-7")
LONG_HEADER = "Preferred pickup location and notes from the counter staff"
LONG_SAMPLE = ("Back entrance on Maple Street - ask for the manager on duty; allergic to tree nuts and sesame "
               "seeds; prefers oat milk in the complimentary coffee")

# Where a widest element is found: the deepest element that reaches furthest right, outside scrolled boxes.
# A phone zooms out to show a page that is too wide (its innerWidth grows with it): the window is the
# smaller of innerWidth and the viewport the test asked for.
WIDEST = """(viewport) => {
  const width = Math.min(window.innerWidth, viewport), total = document.documentElement.scrollWidth;
  if (total > width) {
    const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
      return false; };
    let widest = null;
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect(), right = box.left + Math.max(box.width, el.scrollWidth);  // (its text too)
      if (right > width + 1 && !clipped(el) && (!widest || right >= widest.right)) {
        widest = {right: Math.round(right), width: Math.round(right - box.left), tag: el.tagName.toLowerCase(),
                  id: el.id, classes: typeof el.className === 'string' ? el.className : '',
                  text: (el.innerText || el.value || '').trim().slice(0, 60)};
      }
    }
    return {total, width, widest};
  }
  // on a desktop no table needs sideways scrolling either (its last column out of sight), nor on a phone a
  // table of Settings or the contacts list (they stack: the buttons of custom fields, tags and team, and a
  // contact's phone, tags and status were cut off); a chart's numbers (a column a series, behind "Show the
  // numbers") may scroll inside their card
  const wrap = [...document.querySelectorAll('.table-wrap')].find(
    w => !w.closest('.chart-table') && (viewport >= 1000 || w.closest('.settings-body') || w.querySelector('.contacts-table'))
      && w.scrollWidth > w.clientWidth + 1);
  if (!wrap) return null;
  const last = wrap.querySelector('th:last-child');
  return {total: wrap.scrollWidth, width: wrap.clientWidth, widest: {tag: 'table scrolling sideways', id: '',
          classes: wrap.firstElementChild.className, width: wrap.scrollWidth, right: wrap.scrollWidth,
          text: last ? last.innerText : ''}};
}"""


@pytest.fixture
def demo(app, app_ctx, runner):
    """The demo business of `flask seed-demo`, plus the long values real businesses have."""
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    organization = db.session.scalar(select(Organization).where(Organization.name == DEMO_ORGANIZATION))
    owner = db.session.scalar(select(User).where(User.email == DEMO_EMAIL))
    with unit_of_work(organization.id):
        contact_operations.create_contact(organization, {
            "email": "orders.and.wholesale.enquiries@bluebird-artisanal-sourdough-cooperative.example",
            "first_name": "Maximilian-Alexander", "last_name": "Wolfeschlegelsteinhausenbergerdorff-Oyelaran-Weatherspoon",
            "company_name": LONG_COMPANY, "tags": ["wholesale-holiday-preorders-2026", "farmers-market"]})
        queue_direct(organization, "sms", "+12125550188", text=f"Your holiday order is confirmed: {LONG_LINK}",
                     purpose="test")
        rows = f"Email,First name,{LONG_HEADER},Company\n" + "".join(
            f'guest{i}@bluebird-artisanal-sourdough-cooperative.example,Guest {i},{LONG_SAMPLE},"{LONG_COMPANY}"\n'
            for i in range(4))
        import_operations.create_draft(organization, owner, rows.encode(), "holiday-preorders-from-the-counter.csv")
        kept = ("Email,First name,Cell #,Company\n"  # the result lists a value left out and a name kept
                f'robert@@bluebird-artisanal-sourdough-cooperative.example,Robert,(212) 555-0199,"{LONG_COMPANY}"\n'
                "guest0@bluebird-artisanal-sourdough-cooperative.example,Guest 0,,\n"
                "guest0@bluebird-artisanal-sourdough-cooperative.example,Guestina Zero-Renamed,(212) 555-0198,\n")
        import_operations.start_import(organization, owner, kept.encode(), "holiday-preorders.csv")
    commit_test_work()
    return organization


def pages_to_sweep(app, organization):
    """(name, path) of every page of the navigation and of Settings, their forms, and one of each detail."""
    with unit_of_work(organization.id):
        first = {model: db.session.scalar(select(model.id).where(model.organization_id == organization.id)
                                          .order_by(*order)) for model, order in (
            (Contact, [db.func.length(Contact.last_name).desc()]), (ReviewRequest, [ReviewRequest.created_at]),
            (Message, [Message.channel.desc(), Message.created_at.desc()]), (MessageTemplate, [MessageTemplate.name]),
            (Automation, [Automation.status]),
        )}
        imports = {status: db.session.scalar(select(ContactImport.id).where(
            ContactImport.organization_id == organization.id, ContactImport.status == status))
            for status in ("draft", "completed")}
    with app.test_request_context():
        pages = [(area.key, url_for(area_endpoint(area))) for area in AREAS]
        pages += [(endpoint.split(".")[-1], url_for(endpoint)) for endpoint, _label in SETTINGS_SECTIONS]
        pages += [
            ("contact-new", url_for("contacts.new")),
            ("contact", url_for("contacts.show", contact_id=first[Contact])),
            ("contact-edit", url_for("contacts.edit", contact_id=first[Contact])),
            ("review-request-new", url_for("reviews.new")),
            ("review-request-bulk", url_for("reviews.bulk_send")),
            ("review-request", url_for("reviews.show", request_id=first[ReviewRequest])),
            ("outbox-message", url_for("delivery.message", message_id=first[Message])),
            ("template", url_for("message_templates.edit", template_id=first[MessageTemplate])),
            ("template-new-email", url_for("message_templates.new", channel="email")),
            ("import-upload", url_for("imports.new")),
            ("import-mapping", url_for("imports.show", import_id=imports["draft"])),
            ("import-result", url_for("imports.show", import_id=imports["completed"])),
            ("automation-new", url_for("automations.new")),
            ("automation", url_for("automations.show", automation_id=first[Automation])),
            ("automation-activity", url_for("automations.activity", automation_id=first[Automation])),
            ("automation-dry-run", url_for("automations.dry_run", automation_id=first[Automation],
                                           contact=first[Contact])),
        ]
    return pages


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_page_is_wider_than_the_window(request, app, demo, live_server, size):
    page = request.getfixturevalue("page" if size == "desktop" else "phone_page")
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")
    too_wide = []
    for name, path in pages_to_sweep(app, demo):
        response = page.goto(f"{live_server}{path}")
        assert response.ok, f"{path} answered {response.status}"
        page.wait_for_load_state("networkidle")
        found = page.evaluate(WIDEST, page.viewport_size["width"])
        screenshot(page, f"overflow-{size}-{name}")
        if found:
            widest = found["widest"] or {}
            too_wide.append(f"{name} ({path}) is {found['total']} px wide in a {found['width']} px window; widest: "
                            f"<{widest.get('tag')} id={widest.get('id')!r} class={widest.get('classes')!r}> "
                            f"{widest.get('width')} px, ends at {widest.get('right')} px: {widest.get('text')!r}")
    assert not too_wide, "\n".join(too_wide)
