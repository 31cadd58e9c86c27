"""One error family for "these fields are wrong", and the one way a page shows it.

An operation raises ``FieldErrors({field: message, ...})`` (or an area's subclass, so that callers
read well) naming every bad field at once. A page puts it beside its form's inputs with
``show_field_errors`` and answers ``form_status(form)`` (422 for a form with errors); the API turns
it into one JSON:API document (``nudgeweb.api.errors.validation_error``, also the API's handler for
an uncaught FieldErrors).
"""
from flask import flash
from wtforms import FieldList, FormField

INVALID_FORM = 422  # a form re-rendered with its errors (htmx is told to swap it: templates/base.html)


class FieldErrors(ValueError):
    """Input that cannot be used: ``errors`` maps each bad field (dotted when nested, as
    ``custom_fields.size``) to its message; ``duplicates`` names those among them whose value
    belongs to another record (an email or a phone of another contact)."""

    def __init__(self, errors, duplicates=()):
        self.errors = dict(errors)
        self.duplicates = frozenset(duplicates)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


def show_field_errors(form, errors, aliases=None, fallback=None):
    """Put each message of ``errors`` (a FieldErrors or its {field: message}) beside the form's
    input of that name: its field name, its full name when nested (``templates-0-email``) or
    ``aliases[name]``. The messages of fields the form lacks (or aliased to None) go to
    ``fallback`` (a field or a list), by default the form's own errors (``form.form_errors``)."""
    errors = getattr(errors, "errors", errors)
    aliases = aliases or {}
    fields = _fields_by_name(form)
    for name, message in errors.items():
        target = fields.get(aliases.get(name, name))
        if target is None:
            target = fallback if fallback is not None else form.form_errors
        _add_error(target, message)


def show_more_field_errors(form, errors, aliases=None, fallback=None):
    """show_field_errors for the inputs that hold no error yet: an operation's own check run beside a form
    refused by its validators, so that every bad field is named at once, not one round after another."""
    errors, aliases, fields = getattr(errors, "errors", errors), aliases or {}, _fields_by_name(form)
    show_field_errors(form, {name: message for name, message in errors.items()
                             if not getattr(fields.get(aliases.get(name, name)), "errors", None)}, aliases, fallback)


def has_errors(form):
    """Whether any input of the form (nested ones too) or the form itself holds an error."""
    return bool(form.form_errors) or any(field.errors for field in _leaf_fields(form))


def form_status(form):
    """The status of a page that shows this form: 422 when it holds errors, else 200."""
    return INVALID_FORM if has_errors(form) else 200


def _add_error(target, message):
    if isinstance(target, list):
        target.append(message)
    else:  # a field's errors may be a tuple until it is validated
        target.errors = [*target.errors, message]


def _fields_by_name(form):
    found = dict(form._fields)
    for field in _all_fields(form):
        found.setdefault(field.name, field)
    return found


def _all_fields(fields):
    for field in fields:
        yield field
        if isinstance(field, FieldList):
            yield from _all_fields(field.entries)
        elif isinstance(field, FormField):
            yield from _all_fields(field.form)


def _leaf_fields(form):
    return (field for field in _all_fields(form) if not isinstance(field, (FieldList, FormField)))


def flash_field_errors(errors):
    """For an action with no form to show again (a rename, a bulk action): the messages, flashed."""
    flash(" ".join(getattr(errors, "errors", errors).values()), "error")
