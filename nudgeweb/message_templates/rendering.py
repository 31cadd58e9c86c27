"""Turn a template and a contact into the message they make: ``render_message``.

Every email and SMS Nudge sends goes through here. User-written templates run in the
sandbox of ``message_templates.sandbox``; whatever goes wrong comes out as a
``TemplateRenderError`` whose message the template's author can act on.

What a template can use:

* the contact: ``first_name``, ``last_name``, ``full_name``, ``email``, ``phone``,
  ``company_name``, ``tags``, ``custom_fields.<key>`` (a missing custom field is empty),
  and the same under ``contact.``;
* the business: ``business_name``, ``business_website``, ``brand_color``;
* the template's declared variables (value given, else default; a required one without
  either is an error, never a blank in the customer's inbox);
* what the sender passes as ``context`` (``review_link``, ``unsubscribe_link``, ...),
  which wins over everything else.

Any other name is an error (a typo such as ``{{ frist_name }}`` is caught when the template
is saved). Compiled templates are cached by their source; CSS in ``<style>`` is inlined into
the HTML (css_inline, about 20 µs a message); an email without a text part gets one made
from its HTML.
"""
import re
from dataclasses import dataclass
from functools import lru_cache

import css_inline
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from nudgeweb.delivery.sms import SmsSize, sms_as_sent, sms_segments, sms_size_as_sent
from nudgeweb.message_templates.mistakes import plain_mistake
from nudgeweb.message_templates.sandbox import MAX_OUTPUT, NudgeSandbox, TemplateRefused, TemplateRenderError, end_budget, start_budget
from nudgeweb.message_templates.text import html_to_text, tidy_text

__all__ = [
    "Rendered", "TemplateRenderError", "TemplateRefused", "render_message", "render_values",
    "sms_segments", "SmsSize", "CONTACT_VARIABLES", "BUSINESS_VARIABLES", "LINK_VARIABLES",
]

CONTACT_VARIABLES = {
    "first_name": "The contact's first name",
    "last_name": "The contact's last name",
    "full_name": "First and last name together",
    "email": "The contact's email address",
    "phone": "The contact's mobile number",
    "company_name": "The contact's company",
    "tags": "The contact's tags (a list)",
    "custom_fields": "The contact's custom fields, e.g. custom_fields.birthday",
    "contact": "All of the above, e.g. contact.first_name",
}
BUSINESS_VARIABLES = {
    "business_name": "Your business's name",
    "business_website": "Your business's website",
    "brand_color": "Your brand colour, e.g. for buttons",
    "logo_url": "The address of your logo (Settings → Business profile)",
}
# Given by whoever sends (review requests, delivery): present when it makes sense.
LINK_VARIABLES = {
    "review_link": "The customer's review page (review requests and follow-ups)",
    "unsubscribe_link": "One-click unsubscribe (added to every marketing message)",
    "employee_name": "The employee's name (employee nudges)",
    "employee_link": "The employee's own page (employee nudges)",
    "progress": "The employee's progress, e.g. 7 of 20 reviews (employee nudges)",
}
RESERVED_NAMES = frozenset(CONTACT_VARIABLES) | frozenset(BUSINESS_VARIABLES) | {"range", "loop", "dict", "namespace", "cycler", "joiner"}

_ENVIRONMENTS = {"html": NudgeSandbox(autoescape=True), "text": NudgeSandbox(autoescape=False)}
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


@dataclass(frozen=True)
class Rendered:
    """A rendered message: ``subject``, ``html`` and ``text`` for email; ``body`` (also as ``text``) for SMS."""

    channel: str
    subject: str | None = None
    html: str | None = None
    text: str | None = None
    body: str | None = None

    @property
    def sms_as_sent(self) -> str | None:
        """The SMS as it leaves, with the opt-out line the engine adds (review requests are marketing)."""
        return sms_as_sent(self.body) if self.body is not None else None

    @property
    def sms(self) -> SmsSize | None:
        """What the SMS costs as it leaves (see ``sms_as_sent``)."""
        return sms_size_as_sent(self.body) if self.body is not None else None


def render_message(template, contact, variables=None, context=None) -> Rendered:
    """Render ``template`` (a MessageTemplate or any object with its attributes) for ``contact``.

    ``contact`` may be a Contact, a dict of contact fields, or None. Raises TemplateRenderError.
    """
    values = render_values(template, contact, variables, context)
    if template.channel == "sms":
        body = _render_part("text", template.body, values, "body").strip()
        return Rendered("sms", body=body, text=body)
    subject = " ".join(_render_part("text", template.subject, values, "subject").split())
    html = _render_part("html", template.html_content, values, "html_content") or None
    text = _render_part("text", template.text_content, values, "text_content").strip()
    if not text and html:
        text = _derived_text(template, values, html)
    if html and ("<style" in html or "<link" in html):
        html = _inline_css(html)
    return Rendered("email", subject=subject, html=html, text=text)


def render_values(template, contact, variables=None, context=None):
    """Every name the template can use, for this contact and these values."""
    variables, context = variables or {}, context or {}
    values = contact_values(contact)
    values.update(business_values(getattr(template, "organization", None)))
    values.update(declared_values(template.variables or [], {**variables, **context}))
    values.update({name: value for name, value in variables.items() if name not in values})
    values.update(context)
    return values


def contact_values(contact):
    def get(name):
        value = contact.get(name) if isinstance(contact, dict) else getattr(contact, name, None)
        return value if value is not None else ""

    fields = {name: get(name) for name in ("first_name", "last_name", "email", "phone", "company_name")}
    fields["full_name"] = get("full_name") or " ".join(
        part for part in (fields["first_name"], fields["last_name"]) if part
    )
    fields["tags"] = list(get("tags") or [])
    fields["custom_fields"] = _EmptyWhenMissing(get("custom_fields") or {})
    return {**fields, "contact": dict(fields)}


def business_values(organization):
    if organization is None:
        return {"business_name": "", "business_website": "", "brand_color": "#4f46e5", "logo_url": ""}
    return {
        "business_name": organization.name or "",
        "business_website": organization.website or "",
        "brand_color": organization.brand_color or "#4f46e5",
        "logo_url": getattr(organization, "logo_url", None) or "",
    }


def declared_values(declared, given):
    values = {}
    for variable in declared:
        name = variable.get("name")
        value = given.get(name)
        if value in (None, ""):
            value = variable.get("default")
        if value in (None, ""):
            if variable.get("required"):
                raise TemplateRenderError(
                    f"The required variable “{name}” has no value. Give it a value or a default.",
                    field="variables",
                )
            value = ""
        values[name] = Markup(value) if variable.get("type") == "html" else value
    return values


class _EmptyWhenMissing(dict):
    """Custom fields: a field this contact doesn't have reads as empty, not as an error."""

    def __missing__(self, key):
        return ""


@lru_cache(maxsize=2048)
def _compiled(kind, source):
    return _ENVIRONMENTS[kind].from_string(source)


def _render_part(kind, source, values, field):
    if not source:
        return ""
    compiled = None
    try:
        compiled = _compiled(kind, source)
        token = start_budget()
        try:
            chunks, size = [], 0
            for chunk in compiled.generate(values):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateRefused(
                        f"This template would make a message larger than {MAX_OUTPUT // 1024} KB."
                    )
                chunks.append(chunk)
            return "".join(chunks)
        finally:
            end_budget(token)
    except TemplateRenderError as error:
        error.field = error.field or field
        error.lineno = error.lineno or _template_line(error)
        raise
    except TemplateSyntaxError as error:
        message, line = plain_mistake(error, source)
        raise TemplateRenderError(message, field, line) from None
    except SecurityError as error:
        raise TemplateRefused(_security_message(error), field, _template_line(error)) from None
    except UndefinedError as error:
        raise TemplateRenderError(_undefined_message(error), field, _template_line(error)) from None
    except RecursionError:
        raise TemplateRefused("This template calls itself too deeply.", field) from None
    except Exception as error:  # anything else a template can provoke: 1/0, int('x') ...
        raise TemplateRenderError(
            f"This template can't be rendered: {error}", field, _template_line(error)
        ) from None


def _derived_text(template, values, html):
    """The text part of an email written only in HTML.

    Made from the template's source once (HTML to text, keeping the Jinja in it), then rendered
    like any text template: about ten times cheaper than converting every message's HTML. When
    that can't be done safely (Jinja containing < or >, HTML variables) each message's HTML is
    converted instead.
    """
    source = None
    if not any(variable.get("type") == "html" for variable in template.variables or []):
        source = _text_source_from_html(template.html_content)
    if source is not None:
        try:
            return tidy_text(_render_part("text", source, values, "html_content"))
        except TemplateRenderError:
            pass
    return html_to_text(html)


_JINJA_WITH_ANGLE = re.compile(r"\{[{%#](?:(?![}%#]\}).)*[<>]", re.DOTALL)


@lru_cache(maxsize=2048)
def _text_source_from_html(source):
    return None if _JINJA_WITH_ANGLE.search(source) else html_to_text(source)


def _inline_css(html):
    try:
        return _INLINER.inline(html)
    except ValueError:  # css_inline refuses broken CSS: send the HTML as written
        return html


def _template_line(error):
    """The template line where a runtime error happened (Jinja rewrites tracebacks to point there)."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_UNSAFE = re.compile(r"access to attribute '([^']+)' of '([^']+)' object is unsafe")


def _security_message(error):
    match = _UNSAFE.search(str(error))
    what = f"“{match.group(1)}”" if match else "that"
    return (
        f"Templates can't use {what}: they may use your variables, filters and simple "
        "text methods, never reach into Python."
    )


_UNDEFINED = re.compile(r"'([^']+)' is undefined")


def _undefined_message(error):
    match = _UNDEFINED.search(str(error))
    if match and match.group(1) in LINK_VARIABLES:
        return (
            f"“{match.group(1)}” has no value here: it is given only when Nudge sends this kind "
            f"of message ({LINK_VARIABLES[match.group(1)]})."
        )
    if match:
        return (
            f"“{match.group(1)}” is not something this template knows. Check the spelling, "
            "or declare it as a variable."
        )
    return f"This template uses something that has no value: {error}"
