"""The simple email editor: text with a little formatting, put in the business's branded layout.

What a person writes (the ``simple_content`` of a template): paragraphs separated by a blank line,
``**bold**``, ``*italic*``, ``[a link](https://…)``, and a link on a line of its own, which becomes a
button (``[Leave a review]({{ review_link }})``, or ``{{ review_link }}`` alone on its line). Variables (``{{ first_name }}``) and tags
(``{% if … %}``) are kept as written, so the result is a template like any other and renders in
the same sandbox. No HTML is taken from the text: what looks like a tag is shown as text.

``simple_html(text)`` gives the whole email's HTML: the business's logo (or name) at the top, its
colour on the links and the button, the unsubscribe link at the bottom.
"""
import re

from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(["image", "heading", "code", "fence",
                                                                              "html_block", "html_inline", "table"],
                                                                             ignoreInvalid=True)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_LONE_LINK = re.compile(r'<p><a href="([^"]*)">((?:(?!</a>).)*)</a></p>')  # (not a line that starts and ends with links)
# The variables that are links, with the words of their button when one stands alone on a line.
BUTTON_LABELS = {"review_link": "Leave a review", "unsubscribe_link": "Unsubscribe", "employee_link": "Open your page"}
_LONE_LINK_VARIABLE = re.compile(r"^[ \t]*(\{\{-?\s*(" + "|".join(BUTTON_LABELS) + r")\s*-?\}\})[ \t]*$", re.MULTILINE)
_LONE_ADDRESS = re.compile(r"^[ \t]*(https?://([^\s/<>()\[\]]+)[^\s<>()\[\]]*)[ \t]*$", re.MULTILINE)

LAYOUT = """<!doctype html>
<html>
<head>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; padding: 24px 12px; background: #f4f4f7; font-family: Helvetica, Arial, sans-serif; color: #1f2937; }
  .card { max-width: 560px; margin: 0 auto; background: #ffffff; border-radius: 10px; padding: 28px; border-top: 4px solid {{ brand_color }}; overflow-wrap: anywhere; word-break: break-word; }
  .brand { margin: 0 0 20px; }
  .brand img { max-height: 56px; max-width: 220px; }
  .brand-name { font-size: 18px; font-weight: bold; color: {{ brand_color }}; }
  p { font-size: 16px; line-height: 1.5; margin: 0 0 14px; }
  a { color: {{ brand_color }}; }
  .button-row { margin: 22px 0; }
  .button { display: inline-block; background: {{ brand_color }}; color: #ffffff; text-decoration: none; padding: 12px 22px; border-radius: 6px; font-weight: bold; }
  .footer { max-width: 560px; margin: 14px auto 0; font-size: 12px; color: #6b7280; text-align: center; }
  .footer a { color: #6b7280; }
</style>
</head>
<body>
<div class="card">
<p class="brand">{% if logo_url %}<img src="{{ logo_url }}" alt="{{ business_name }}">{% else %}<span class="brand-name">{{ business_name }}</span>{% endif %}</p>
{content}
</div>
<p class="footer">{{ business_name }}{% if unsubscribe_link is defined %} · <a href="{{ unsubscribe_link }}">Unsubscribe</a>{% endif %}</p>
</body>
</html>
"""  # noqa: E501  (one CSS rule a line)


def simple_html(text):
    """The branded email's HTML (a template) for what was written in the simple editor."""
    return LAYOUT.replace("{content}", simple_body(text))


def simple_body(text):
    """The formatted text as HTML, variables and tags kept as written."""
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"NUDGEJINJA{len(kept) - 1}Z"

    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")  # (a browser sends a text box's lines with \r\n)
    text = _LONE_LINK_VARIABLE.sub(lambda match: f"\n\n[{BUTTON_LABELS[match.group(2)]}]({match.group(1)})\n\n", text)
    text = _LONE_ADDRESS.sub(lambda match: f"\n\n[{match.group(2)}]({match.group(1)})\n\n", text)  # its host names it
    html = _MARKDOWN.render(JINJA.sub(keep, text)).strip()
    html = _LONE_LINK.sub(r'<p class="button-row"><a class="button" href="\1">\2</a></p>', html)
    return re.sub(r"NUDGEJINJA(\d+)Z", lambda match: kept[int(match.group(1))], html)
