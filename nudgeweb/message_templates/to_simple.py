"""An email written in HTML as the simple editor's text: ``simple_text(html)``.

What the simple editor can say is kept: paragraphs, line breaks, **bold**, *italic*, links, lists, and a link on
a line of its own (the ``{{ review_link }}`` button). Variables and tags stay as written. What it cannot say
(headings, images, tables, the HTML's own styles …) is named in ``not_kept``, in words the owner reads beside
the box. A footer with the unsubscribe link is left to the branded layout, which has its own.
"""
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from nudgeweb.message_templates.simple import JINJA, simple_html

BLOCKS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr html li main nav ol p pre section table tbody thead tfoot tr td th ul".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
LINES = frozenset({"tr", "td", "th", "li", "dt", "dd"})  # a new line, not a new paragraph
SKIPPED = frozenset({"head", "style", "script", "title", "template", "noscript"})
VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"})
MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
# Formatting the simple editor has no way to write: its text is kept, its look named.
LOOKS = {
    "u": "underlining", "s": "crossed-out text", "strike": "crossed-out text", "del": "crossed-out text",
    "code": "code formatting", "pre": "code formatting", "kbd": "code formatting", "tt": "code formatting",
    "sup": "raised and lowered text", "sub": "raised and lowered text", "small": "text sizes", "big": "text sizes",
    "mark": "highlighting", "font": "the HTML's own fonts and colours", "blockquote": "quotes (now ordinary text)",
    "center": "centred text", "table": "the table layout (its cells are now lines)",
}
STYLES = "the HTML's own styles (colours, fonts, sizes, layout): the simple editor uses your logo and brand colour"
FOOTER = "the footer: your branded layout has its own, with the unsubscribe link"
_STATEMENT_ONLY = re.compile(r"^(?:\s*\{%.*?%\})+\s*$", re.DOTALL)
_CLOSING = re.compile(r"^\s*\{%-?\s*(?:end\w*|else|elif)\b")
_ESCAPED = re.compile(r"[\\*\[\]`]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")  # (a_b is no emphasis: left as it is)
_LIST_LIKE = re.compile(r"^(\d*)([-+>]|(?<=\d)[.)])(?=\s|$)", re.MULTILINE)  # a line the editor reads as a list or quote
_LONE_LINK = re.compile(r"^\[((?:\\.|[^\]\\])*)\]\((<[^>]*>|[^()<>]*)\)$")


@dataclass(frozen=True)
class SimpleText:
    text: str
    not_kept: tuple  # what of the HTML the text cannot say, each in a few words


def simple_text(html):
    """The simple editor's text for an email's ``html``, and what of the HTML it does not keep."""
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return SimpleText(_joined(reader.paragraphs), tuple(dict.fromkeys(reader.not_kept)))


def simple_version(html, simple_content):
    """The simple editor's version of an email whose HTML is ``html``: None when that HTML is what the text
    ``simple_content`` makes (the text is the version) or when there is no HTML, else ``simple_text(html)``."""
    if not (html or "").strip() or simple_html(simple_content or "") == html:
        return None
    return simple_text(html)


def _joined(paragraphs):
    """The paragraphs, a blank line between them; a paragraph of {% %} tags alone joins its neighbour (an
    {% if %} the paragraph it shows, an {% endif %} the one before), so that no empty paragraph is left."""
    joined, waiting = [], ""
    for paragraph in paragraphs:
        if _STATEMENT_ONLY.match(paragraph) and _CLOSING.match(paragraph) and joined and not waiting:
            joined[-1] += paragraph
        elif _STATEMENT_ONLY.match(paragraph):
            waiting += paragraph
        else:
            joined.append(waiting + paragraph)
            waiting = ""
    if waiting:
        joined.append(waiting)
    return "\n\n".join(joined)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.not_kept = [], []
        self.parts = []  # the paragraph being read, as the simple editor's text
        self.open = []  # the inline tags open in it: (tag, where its text starts in parts, href, classes)
        self.buttons = []  # the words of the links styled as buttons in it
        self.lists = []  # [tag, items so far] of the lists the text is in
        self.skipping = 0
        self.footer = None  # [depth, index of its first paragraph] while in a footer

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED or self.skipping:
            self.skipping += tag in SKIPPED
            self.not_kept += [STYLES] if tag == "style" else []
            return
        if self.footer is not None and tag not in VOID:
            self.footer[0] += 1
        if any(attrs.get(name) for name in ("style", "bgcolor", "color")):
            self.not_kept.append(STYLES)
        if tag in LOOKS:
            self.not_kept.append(LOOKS[tag])
        if tag in BLOCKS and self.footer is None and "footer" in (attrs.get("class") or "").split():
            self._end_paragraph()
            self.footer = [0, len(self.paragraphs)]
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "hr":
            self._end_paragraph()
            self.paragraphs.append("---")
        elif tag == "img":
            alt = " ".join((attrs.get("alt") or "").split())
            self.not_kept.append(f"the image “{alt}”" if alt else "images")
        elif tag in ("ul", "ol"):
            self._end_paragraph()
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self._end_line()
            self.lists[-1][1] += 1
            self.parts.append("- " if self.lists[-1][0] == "ul" else f"{self.lists[-1][1]}. ")
        elif tag in LINES:
            self._end_line()
        elif tag in BLOCKS:
            self._end_paragraph()
            if tag in HEADINGS:
                self.open.append((tag, 0, None, ""))
        elif tag in MARKS or tag == "a":
            self.open.append((tag, len(self.parts), attrs.get("href"), attrs.get("class") or ""))

    def handle_startendtag(self, tag, attrs):  # <br/>, <img …/>: nothing to close
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= tag in SKIPPED
            return
        if tag in MARKS or tag == "a":
            self._close(tag)
        elif tag in ("ul", "ol"):
            self._end_paragraph()
            self.lists = self.lists[:-1]
        elif tag in LINES:
            self._end_line()
        elif tag in BLOCKS and tag != "hr":
            self._end_paragraph()
        if self.footer is not None and tag not in VOID:
            self.footer[0] -= 1
            if self.footer[0] < 0:
                self._end_footer()

    def handle_data(self, data):
        if self.skipping:
            return
        text = re.sub(r"\s+", " ", data)
        tags = JINJA.findall(text) + [""]
        pieces = [_ESCAPED.sub(lambda match: "\\" + match.group(0), piece) for piece in JINJA.split(text)]
        self.parts.append("".join(piece + tag for piece, tag in zip(pieces, tags)))

    def close(self):
        super().close()
        self._end_paragraph()
        if self.footer is not None:
            self._end_footer()

    def _end_footer(self):
        """A footer with the unsubscribe link is the branded layout's; another one stays as written."""
        start, self.footer = self.footer[1], None
        self._end_paragraph()
        if any("unsubscribe_link" in paragraph for paragraph in self.paragraphs[start:]):
            del self.paragraphs[start:]
            self.not_kept.append(FOOTER)

    def _close(self, tag):
        """Close ``tag`` (and what was left open inside it): its text, written as the simple editor writes it."""
        if all(opened != tag for opened, *_ in self.open):
            return
        while self.open:
            opened, start, href, classes = self.open.pop()
            inner = "".join(self.parts[start:])
            del self.parts[start:]
            self.parts.append(self._written(opened, inner, href, classes))
            if opened == tag:
                return

    def _written(self, tag, inner, href, classes):
        before, text, after = _edges(inner)
        if tag in HEADINGS and text:
            self.not_kept.append(f"the heading style of “{_unescaped(text)}” (now an ordinary paragraph)")
        if tag in HEADINGS or not text or (tag == "a" and not href):
            return inner
        if tag in MARKS:
            return f"{before}{MARKS[tag]}{text}{MARKS[tag]}{after}"
        if {"button", "btn"} & set(classes.split()):
            self.buttons.append(text)
        destination = f"<{href}>" if re.search(r"[\s()<>]", JINJA.sub("", href)) else href
        return f"{before}[{text}]({destination}){after}"

    def _end_line(self):
        if "".join(self.parts).strip() and not "".join(self.parts).endswith("\n"):
            self.parts.append("\n")

    def _end_paragraph(self):
        while self.open:  # what is left open at the paragraph's end (a heading's text, an unclosed <b>)
            self._close(self.open[-1][0])
        text = "\n".join(line.strip() for line in "".join(self.parts).split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()
        buttons, self.parts, self.buttons = self.buttons, [], []
        if not text:
            return
        if not self.lists:
            text = _LIST_LIKE.sub(r"\1\\\2", text)
        lone = _LONE_LINK.match(text)
        for words in buttons:
            if not (lone and lone.group(1) == words):
                self.not_kept.append(f"the button look of “{_unescaped(words)}” (a link on a line of its own "
                                     "is a button)")
        if lone and not buttons and "\n" not in text:
            self.not_kept.append(f"the plain look of the link “{_unescaped(lone.group(1))}”: on a line of its own "
                                 "it is a button")
        self.paragraphs.append(text)


def _edges(text):
    """(spaces before, the words, spaces after): **bold** must hug its words."""
    words = text.strip()
    if not words:
        return text, "", ""
    start = text.index(words)
    return text[:start], words, text[start + len(words):]


def _unescaped(text):
    return re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*+", "", text))
