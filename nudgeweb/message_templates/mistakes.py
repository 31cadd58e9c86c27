"""A template's syntax mistakes in plain words: what is wrong, where, and what to write instead.

Jinja's parser says ``expected token 'end of print statement', got 'name'``; the template's author
reads "A variable's name can't hold spaces: write {{ first_name }}". ``plain_mistake(error, source)``
gives (message, line), the line being where the mistake starts (an unclosed ``{{`` or ``{% if %}``,
not the end of the template where the parser noticed it).
"""
import re

_TAG = re.compile(r"\{\{.*?(?:\}\}|\Z)|\{%.*?(?:%\}|\Z)|\{#.*?(?:#\}|\Z)", re.DOTALL)  # as Jinja reads them
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_UNCLOSED_BLOCK = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")
_NO_FILTER = re.compile(r"No filter named '([^']+)'")
_WORDS_IN_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\s+[A-Za-z_][A-Za-z0-9_]*)+)\s*\}\}")
FILTERS_TO_SUGGEST = "default, upper, lower, title, capitalize, trim, truncate, replace, round"
EXAMPLE = "{{ first_name }}"


def plain_mistake(error, source):
    """(message, line) for a jinja2.TemplateSyntaxError raised on ``source``."""
    text, line = error.message or "", error.lineno
    opening = _unclosed_variable_at(source, line)
    if opening is not None:  # whatever the parser stumbled on after it (a </p>, a comma, the next {{ … }})
        return _unclosed_variable(source, opening)
    for matches, explain in _EXPLANATIONS:
        if matches(text):
            return explain(text, source, line)
    return ("Something here is not written the way templates are: check the {{ }} and {% %} on this line.", line)


def _unclosed_variable_at(source, line):
    """The {{ … whose }} is missing and whose reading reached ``line``, where the parser gave up."""
    for tag in _TAG.finditer(source):
        first = source.count("\n", 0, tag.start()) + 1
        if first > line:
            return None
        inside = tag.group(0)[2:]
        unclosed = not inside.endswith("}}") or any(mark in inside for mark in ("\n", "{{", "{%"))
        if tag.group(0).startswith("{{") and unclosed and first + inside.count("\n") >= line:
            return tag
    return None


def _unclosed_variable(source, opening):
    name = _NAME.search(opening.group(0)[2:])
    example = "{{ " + name.group(0) + " }}" if name else EXAMPLE
    return f"A variable is not closed: write {example}.", source.count("\n", 0, opening.start()) + 1


def _no_closing(text, source, line):
    return f"A variable is not closed: end it with }}}}, e.g. {EXAMPLE}.", line


def _words_in_variable(text, source, line):
    lines = source.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    words = _WORDS_IN_VARIABLE.search(here)
    if words:
        joined = "_".join(words.group(1).split())
        return (f"A variable's name can't hold spaces: write {{{{ {joined} }}}} (not “{words.group(1)}”). "
                "Put one name, or one expression, between {{ and }}.", line)
    return "Put one variable between {{ and }}, e.g. " + EXAMPLE + "; a comma or a second word can't go there.", line


def _empty(text, source, line):
    if "statement block" in text:
        return "A {% %} tag is missing what it checks: write e.g. {% if first_name %} … {% endif %}.", line
    return f"The {{{{ }}}} here is empty: write a variable's name inside, e.g. {EXAMPLE}.", line


def _unclosed_block(text, source, line):
    block = _UNCLOSED_BLOCK.search(text).group(1)
    unknown = _UNKNOWN_TAG.search(text)
    if unknown:
        return (f"{{% {unknown.group(1)} %}} doesn't match the {{% {block} %}} that is open here: "
                f"close that one first with {{% end{block} %}}.", line)
    openings = [match.start() for match in re.finditer(r"\{%-?\s*" + block + r"\b", source)]
    if openings:
        line = source.count("\n", 0, openings[-1]) + 1
    return f"This {{% {block} %}} is not closed: add {{% end{block} %}} where its part ends.", line


def _unknown_tag(text, source, line):
    tag = _UNKNOWN_TAG.search(text).group(1)
    if tag.startswith("end"):
        return f"There is a {{% {tag} %}} without a {{% {tag[3:]} %}} before it to close.", line
    return (f"{{% {tag} %}} is not something templates know: use {{% if … %}}, {{% for … in … %}} or "
            "{% set … %}, or write the text without {% %}.", line)


def _no_filter(text, source, line):
    name = _NO_FILTER.search(text).group(1)
    return f"There is no filter called “{name}”. Filters you can use include {FILTERS_TO_SUGGEST}.", line


def _unclosed_quote(text, source, line):
    return "A text in quotes is not closed: end it with the same quote mark it starts with.", line


def _unclosed_bracket(text, source, line):
    return "A bracket is not closed: every ( needs its ) before the }} or %}.", line


_EXPLANATIONS = (
    (lambda text: "innermost block that needs to be closed" in text, _unclosed_block),
    (lambda text: text.startswith("Encountered unknown tag"), _unknown_tag),
    (lambda text: "expected 'end of print statement'" in text or text == "unexpected '}'", _no_closing),
    (lambda text: text.startswith("expected token 'end of print statement'"), _words_in_variable),
    (lambda text: text.startswith("Expected an expression"), _empty),
    (lambda text: text.startswith("No filter named"), _no_filter),
    (lambda text: text.startswith("unexpected char '\"'") or text.startswith("unexpected char \"'\""), _unclosed_quote),
    (lambda text: "expected ')'" in text or "expected ']'" in text, _unclosed_bracket),
)
