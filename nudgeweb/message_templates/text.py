"""A readable plain-text part made from an HTML email, for clients that show no HTML."""
import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
SKIPPED = frozenset({"head", "style", "script", "title", "template"})


class _TextMaker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.links = []  # (href, length of parts when the <a> opened)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "table", "hr") else "\n")
            if tag == "li":
                self.parts.append("- ")
            if tag == "hr":
                self.parts.append("----\n")
        elif tag == "a":
            self.links.append((attrs.get("href") or "", len(self.parts)))
        elif tag == "img" and attrs.get("alt"):
            self.parts.append(attrs["alt"])
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS and tag != "li":
            self.parts.append("\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            if href and not href.startswith(("#", "mailto:", "tel:")) and href != label:
                self.parts.append(f" ({href})" if label else href)

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html):
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    return tidy_text("".join(maker.parts))


def tidy_text(text):
    """Lines without edge spaces, at most one blank line between paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
