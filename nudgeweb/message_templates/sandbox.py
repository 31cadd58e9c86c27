"""The Jinja environment user-written templates run in: no Python, bounded work, bounded output.

Jinja's ``SandboxedEnvironment`` already refuses attributes such as ``__class__``. On top of
it this environment

* refuses ``include``/``import``/``extends`` (a template is one self-contained text);
* lets templates call only a short list of harmless methods (``str.upper``, ``dict.items`` ...);
* counts every loop step and every call against a budget and a deadline, so a loop that
  would run for ever (``range(10**9)``, loops nested in loops, self-calling macros) stops
  with a clear message instead of holding a worker;
* checks the size of every value that can grow (``*``, ``+``, ``~``, ``%``, filters, macro
  output, ``{% set %}`` blocks) and of the whole output, so no template renders megabytes.

Errors are raised as ``TemplateRefused`` (a ``TemplateRenderError``) with a message for the
template's author.
"""
import re
import time
from contextvars import ContextVar
from functools import wraps

from jinja2 import StrictUndefined, nodes
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference, Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

MAX_OUTPUT = 256 * 1024  # characters of one rendered part
MAX_SOURCE = 128 * 1024  # characters of one template part
MAX_STEPS = 100_000  # loop steps + calls in one render
MAX_RANGE = 10_000  # items of one range()
MAX_SECONDS = 1.0  # wall time of one render
MAX_INT_BITS = 4096
MAX_FORMAT_WIDTH = 1000


class TemplateRenderError(Exception):
    """A template can't be rendered; ``str(error)`` says why in words for its author.

    ``field`` names the template part at fault (subject, html_content, text_content, body,
    variables) when known, ``lineno`` the line in it.
    """

    def __init__(self, message, field=None, lineno=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.lineno = lineno

    def __str__(self):
        where = f"Line {self.lineno}: " if self.lineno else ""
        return where + self.message


class TemplateRefused(TemplateRenderError):
    """The template tried something the sandbox does not allow."""


SAFE_METHODS = {
    str: frozenset(
        "capitalize casefold count endswith find index isalnum isalpha isdigit islower isnumeric "
        "isspace istitle isupper lower lstrip partition removeprefix removesuffix replace rfind "
        "rindex rpartition rsplit rstrip split splitlines startswith strip swapcase title upper "
        "striptags unescape escape".split()
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
}
JINJA_HELPERS = (LoopContext, Cycler, Joiner, Namespace, Macro, Undefined, BlockReference, TemplateReference)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


class _Budget:
    __slots__ = ("steps", "deadline")

    def __init__(self):
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS


_budget: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


def start_budget():
    """Give the render about to start its own step budget and deadline; returns a reset token."""
    return _budget.set(_Budget())


def end_budget(token):
    _budget.reset(token)


def spend(steps=1):
    budget = _budget.get()
    if budget is None:
        return
    budget.steps += steps
    if budget.steps > MAX_STEPS:
        raise TemplateRefused(
            f"This template does too much work (over {MAX_STEPS:,} loop steps and calls): "
            "loops must be short, a message can't loop for ever."
        )
    if budget.steps & 31 == 0 and time.monotonic() > budget.deadline:
        raise TemplateRefused(
            f"This template does too much work (it took over {MAX_SECONDS:g} s to render): "
            "loops must be short, a message can't loop for ever."
        )


def check_size(value):
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_OUTPUT:
        raise TemplateRefused(
            f"This template would make a message larger than {MAX_OUTPUT // 1024} KB."
        )
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateRefused("This template makes a number too large to show.")
    return value


def _check_percent_format(fmt):
    for width, precision in _PERCENT_SPEC.findall(fmt):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_FORMAT_WIDTH):
                raise TemplateRefused(f"Format widths above {MAX_FORMAT_WIDTH} are not allowed.")


def _safe_range(*args):
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateRefused(f"range() is limited to {MAX_RANGE:,} numbers in a template.")
    return numbers


def _guarded_iter(iterable):
    """What a {% for %} loop iterates over: the same items, each one spending a step."""
    for item in iterable:
        spend()
        yield item


def _check_size_filter(value):
    return check_size(value)


def _limit_arg(name, limit):
    def check(value):
        if isinstance(value, int) and abs(value) > limit:
            raise TemplateRefused(f"The {name} is limited to {limit:,} in a template.")
        if isinstance(value, str) and len(value) > limit:
            raise TemplateRefused(f"The {name} is limited to {limit:,} characters in a template.")

    return check


# Filters whose arguments can make their output huge, and how to check them beforehand.
_FILTER_ARG_CHECKS = {
    "center": {1: _limit_arg("width", MAX_FORMAT_WIDTH), "width": _limit_arg("width", MAX_FORMAT_WIDTH)},
    "indent": {1: _limit_arg("indent", 100), "width": _limit_arg("indent", 100)},
    "batch": {1: _limit_arg("batch size", MAX_RANGE), "linecount": _limit_arg("batch size", MAX_RANGE)},
    "slice": {1: _limit_arg("number of slices", MAX_RANGE), "slices": _limit_arg("number of slices", MAX_RANGE)},
    "wordwrap": {1: _limit_arg("width", MAX_FORMAT_WIDTH), "width": _limit_arg("width", MAX_FORMAT_WIDTH)},
    "truncate": {1: _limit_arg("length", MAX_OUTPUT), "length": _limit_arg("length", MAX_OUTPUT)},
}


def _guard_filter(name, function):
    arg_checks = _FILTER_ARG_CHECKS.get(name, {})

    @wraps(function)
    def guarded(*args, **kwargs):
        spend()
        # filters that receive the environment/context get it as their first argument
        offset = 1 if getattr(function, "jinja_pass_arg", None) else 0
        for position, check in arg_checks.items():
            if isinstance(position, int) and len(args) > position + offset:
                check(args[position + offset])
            elif isinstance(position, str) and position in kwargs:
                check(kwargs[position])
        if name == "format" and len(args) > offset:
            _check_percent_format(str(args[offset]))
        if name == "replace" and len(args) > offset + 2:
            _check_replace(str(args[offset]), str(args[offset + 1]), str(args[offset + 2]))
        return check_size(function(*args, **kwargs))

    return guarded


def _check_replace(text, old, new):
    growth = max(0, len(new) - len(old))
    occurrences = text.count(old) if old else len(text) + 1
    if len(text) + occurrences * growth > MAX_OUTPUT:
        raise TemplateRefused(
            f"This template would make a message larger than {MAX_OUTPUT // 1024} KB."
        )


class NudgeSandbox(SandboxedEnvironment):
    """SandboxedEnvironment with Nudge's limits (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, autoescape):
        super().__init__(autoescape=autoescape, undefined=StrictUndefined, auto_reload=False, cache_size=0)
        self.globals.pop("lipsum", None)
        self.globals["range"] = _safe_range
        self.guarded_iter = _guarded_iter
        self.check_size = check_size
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.filters["_nudge_checked"] = _check_size_filter

    # -- what a template may touch -------------------------------------------------------
    def wrap_str_format(self, value):
        return None  # str.format is not on the list of methods a template may call

    def is_safe_attribute(self, obj, attr, value):
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if not callable(value) or isinstance(obj, JINJA_HELPERS) or isinstance(value, JINJA_HELPERS):
            return True
        for kind, methods in SAFE_METHODS.items():
            if isinstance(obj, kind):
                return attr in methods
        return False

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        spend()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "replace" and len(args) >= 2:
            _check_replace(owner, str(args[0]), str(args[1]))
        return check_size(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context, operator, left, right):
        spend()
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                    if len(sequence) * max(times, 0) > MAX_OUTPUT:
                        raise TemplateRefused(
                            f"This template would make a message larger than {MAX_OUTPUT // 1024} KB."
                        )
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise TemplateRefused("This template makes a number too large to show.")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
                if left.bit_length() * right > MAX_INT_BITS:
                    raise TemplateRefused("This template makes a number too large to show.")
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left)
        return check_size(super().call_binop(context, operator, left, right))

    # -- the template's syntax tree, checked and instrumented before it is compiled ------
    def _parse(self, source, name, filename):
        if len(source) > MAX_SOURCE:
            raise TemplateRefused(f"A template part is limited to {MAX_SOURCE // 1024} KB.")
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            keyword = type(node).__name__.lower().replace("fromimport", "from … import")
            raise TemplateRefused(
                f"Templates can't use {{% {keyword} %}}: each template is self-contained.",
                lineno=node.lineno,
            )
        for loop in tree.find_all(nodes.For):
            loop.iter = self._wrap("guarded_iter", loop.iter)
        for concat in list(tree.find_all(nodes.Concat)):
            self._replace(tree, concat, self._wrap("check_size", concat))
        for block in tree.find_all(nodes.AssignBlock):
            if block.filter is None:
                block.filter = nodes.Filter(None, "_nudge_checked", [], [], None, None, lineno=block.lineno)
        return tree

    @staticmethod
    def _wrap(helper, node):
        return nodes.Call(nodes.EnvironmentAttribute(helper), [node], [], None, None, lineno=node.lineno)

    @staticmethod
    def _replace(tree, old, new):
        for parent in tree.find_all(nodes.Node):
            for field, value in parent.iter_fields():
                if value is old:
                    setattr(parent, field, new)
                    return
                if isinstance(value, list) and any(item is old for item in value):
                    setattr(parent, field, [new if item is old else item for item in value])
                    return
