"""Pages of the Automations area: the list, "new" from a starter or blank, the builder (settings, trigger
and steps edited in place through htmx, each save through operations.update_automation), start and
pause, enrolment by hand, the activity and a dry run for one contact."""
from dataclasses import dataclass

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.automations import builder, engine, operations, starters
from nudgeweb.automations.pages import activity_page, automation_rows
from nudgeweb.automations.workflow import STEP_TYPES, TRIGGER_TYPES, WEEKDAYS, describe_trigger, summary
from nudgeweb.field_errors import INVALID_FORM
from nudgeweb.htmx import render
from nudgeweb.models import Automation, Contact
from nudgeweb.reviews.queries import contacts_like
from nudgeweb.scoping import find_in_organization, get_or_404

bp = Blueprint("automations", __name__, url_prefix="/automations")
PAGE, BUILDER = "automations/show.html", "automations/_builder.html"


@bp.get("")
@member_required
def index():
    return render("automations/index.html", rows=automation_rows(current_organization().id),
                  starters=starters.STARTERS, names=builder.names_of(builder.choices()))


@bp.get("/new")
@role_required("editor")
def new():
    return render("automations/new.html", starters=starters.STARTERS)


@bp.post("/new")
@role_required("editor")
def create():
    key = request.form.get("starter", "")
    if key and key not in starters.STARTERS:
        abort(404)
    organization, user = current_organization(), g.membership.user
    try:
        automation = starters.create_from_starter(organization, key, user) if key else operations.create_automation(
            organization, {"name": "New automation", "trigger": {"type": "manual"}, "workflow": {"steps": []}},
            user=user)
    except operations.AutomationLimitError as error:
        flash(str(error), "error")
        return redirect(url_for(".index"), 303)
    return redirect(url_for(".show", automation_id=automation.id), 303)


def _automation(automation_id):
    return get_or_404(Automation, automation_id)


@dataclass
class Card:
    """One step as the builder shows it: what its inputs hold, its errors, its counts."""

    step: dict
    index: int
    errors: dict
    counts: dict | None
    new: bool = False


def _builder(automation, steps=None, errors=(), new_id=None, position=None, trigger=None, settings=None, **extra):
    """The builder's context: the saved automation, or what was typed (``steps``, ``trigger``, ``settings``)
    with the operation's errors at their inputs."""
    steps = automation.steps if steps is None else steps
    counts, by_step, choices = engine.step_counts(automation), builder.step_errors(errors), builder.choices()
    return {
        "automation": automation, "choices": choices, "summary": summary(automation, builder.names_of(choices)),
        "cards": [Card(step, index, by_step.get(index, {}), counts.get(step["id"]), step["id"] == new_id)
                  for index, step in enumerate(steps)],
        "trigger": trigger or automation.trigger, "trigger_errors": builder.errors_at(errors, "/trigger"),
        "settings": settings or {"name": automation.name, "description": automation.description,
                                 "entry_rule": automation.entry_rule},
        "settings_errors": {key: message for key, message in builder.errors_at(errors, "").items()
                            if key in ("name", "description", "entry_rule")},
        "position": position, "stats": engine.stats(automation), **extra,
    }


def _show(automation, status=200, **context):
    return render(PAGE, BUILDER, status=status, **_builder(automation, **context))


@bp.get("/<automation_id>")
@member_required
def show(automation_id):
    return _show(_automation(automation_id))


def _save(automation, body, **typed):
    """Save ``body`` through the operation; the builder again, with the errors at their inputs when refused,
    and saying where the contacts on a removed step went."""
    try:
        _, moved = operations.update_automation(automation, body, partial=True)
    except operations.AutomationError as error:
        return _show(automation, status=INVALID_FORM, errors=builder.pointer_errors(error), **typed)
    notice = (f"{moved:,} contact{'s were' if moved != 1 else ' was'} on the step you removed: they moved on to "
              "the step after it.") if moved else None
    return _show(automation, notice=notice)


@bp.post("/<automation_id>/settings")
@role_required("editor")
def save_settings(automation_id):
    settings = {name: request.form.get(name, "") for name in ("name", "description", "entry_rule")}
    return _save(_automation(automation_id), settings, settings=settings)


@bp.post("/<automation_id>/trigger")
@role_required("editor")
def save_trigger(automation_id):
    automation = _automation(automation_id)
    trigger = builder.trigger_from_form(request.form)
    return _save(automation, {"trigger": trigger}, trigger=trigger)


@bp.get("/<automation_id>/trigger-fields")
@member_required
def trigger_fields(automation_id):
    """The trigger form's inputs for the type just chosen (not saved until "Save trigger")."""
    automation = _automation(automation_id)
    kind = request.args.get("type")
    if kind not in TRIGGER_TYPES:
        abort(404)
    trigger = automation.trigger if automation.trigger_type == kind else {"type": kind, "conditions": {}}
    return render_template("automations/_trigger_fields.html", automation=automation, trigger=trigger,
                           trigger_errors={}, choices=builder.choices())


@bp.post("/<automation_id>/steps/<step_id>")
@role_required("editor")
def save_step(automation_id, step_id):
    automation = _automation(automation_id)
    steps = list(automation.steps)
    index = _index_or_404(steps, step_id)
    steps[index] = builder.step_from_form(steps[index], request.form)
    return _save(automation, {"workflow": {"steps": steps}}, steps=steps)


def _index_or_404(steps, step_id):
    try:
        return builder.step_index(steps, step_id)
    except KeyError:
        abort(404)


@bp.get("/<automation_id>/steps/new")
@role_required("editor")
def new_step(automation_id):
    """The builder with a new step's empty form at the chosen place (saved by its own "Save")."""
    automation = _automation(automation_id)
    kind, position = _new_step_choice()
    step = builder.blank_step(automation.steps, kind)
    return _show(automation, steps=builder.with_step_inserted(automation.steps, step, position), new_id=step["id"],
                 position=position)


def _new_step_choice():
    kind = request.values.get("type")
    position = request.values.get("position", "")
    if kind not in STEP_TYPES or not position.isdigit():
        abort(404)
    return kind, int(position)


@bp.post("/<automation_id>/steps/new")
@role_required("editor")
def add_step(automation_id):
    automation = _automation(automation_id)
    kind, position = _new_step_choice()
    step = builder.step_from_form(builder.blank_step(automation.steps, kind), request.form)
    steps = builder.with_step_inserted(automation.steps, step, position)
    return _save(automation, {"workflow": {"steps": steps}}, steps=steps, new_id=step["id"], position=position)


@bp.post("/<automation_id>/steps/<step_id>/move")
@role_required("editor")
def move_step(automation_id, step_id):
    automation = _automation(automation_id)
    _index_or_404(automation.steps, step_id)
    offset = -1 if request.form.get("direction") == "up" else 1
    return _save(automation, {"workflow": {"steps": builder.with_step_moved(automation.steps, step_id, offset)}})


@bp.post("/<automation_id>/steps/<step_id>/remove")
@role_required("editor")
def remove_step(automation_id, step_id):
    automation = _automation(automation_id)
    _index_or_404(automation.steps, step_id)
    return _save(automation, {"workflow": {"steps": builder.with_step_removed(automation.steps, step_id)}})


def _act(automation_id, action, done):
    automation = _automation(automation_id)
    try:
        action(automation)
    except (operations.AutomationError, operations.AutomationStateError) as error:
        flash(_words(error), "error")
    else:
        flash(done.format(name=automation.name), "success")
    return redirect(url_for(".show", automation_id=automation.id), 303)


@bp.post("/<automation_id>/start")
@role_required("editor")
def start(automation_id):
    return _act(automation_id, operations.start_automation,
                "“{name}” is on: contacts who meet its trigger from now on go through it.")


@bp.post("/<automation_id>/pause")
@role_required("editor")
def pause(automation_id):
    return _act(automation_id, operations.pause_automation,
                "“{name}” is paused: everyone in it waits where they are until you start it again.")


@bp.post("/<automation_id>/delete")
@role_required("editor")
def delete(automation_id):
    automation = _automation(automation_id)
    operations.delete_automation(automation)
    flash(f"“{automation.name}” is deleted.", "success")
    return redirect(url_for(".index"), 303)


@bp.post("/<automation_id>/enroll")
@role_required("editor")
def enroll(automation_id):
    automation = _automation(automation_id)
    contact = get_or_404(Contact, request.form.get("contact_id", ""))
    try:
        operations.enroll_contact(automation, contact.id, source="manual")
    except (operations.AutomationError, operations.AutomationStateError, operations.EnrollmentRefused) as error:
        flash(f"{contact.display_name} was not enrolled: {_words(error)}", "error")
    else:
        flash(f"{contact.display_name} is enrolled in “{automation.name}”.", "success")
    return redirect(url_for(".show", automation_id=automation.id), 303)


def _words(error):
    """An operation's refusal in words: its fields' messages, or its own."""
    return " ".join(getattr(error, "errors", {}).values()) or str(error)


@bp.get("/<automation_id>/contacts")
@role_required("editor")
def contact_lookup(automation_id):
    """Contacts matching what is typed, to enrol by hand or to try the automation on."""
    automation = _automation(automation_id)
    text = request.args.get("q", "").strip()
    found = contacts_like(automation.organization_id, text) if len(text) >= 2 else []
    return render_template("automations/_contact_matches.html", automation=automation, contacts=found,
                           purpose="enroll" if request.args.get("for") == "enroll" else "dry_run")


@bp.get("/<automation_id>/activity")
@member_required
def activity(automation_id):
    automation = _automation(automation_id)
    return render("automations/activity.html", "automations/_activity.html", automation=automation,
                  runs=activity_page(automation), stats=engine.stats(automation))


@bp.get("/<automation_id>/dry-run")
@member_required
def dry_run(automation_id):
    automation = _automation(automation_id)
    contact_id = request.args.get("contact")
    contact = find_in_organization(Contact, contact_id) if contact_id else None
    return render("automations/dry_run.html", automation=automation, contact=contact, stats=engine.stats(automation),
                  plan=engine.dry_run(automation, contact) if contact else None)


@bp.context_processor
def builder_words():
    return {"TRIGGER_LABELS": builder.TRIGGER_LABELS, "STEP_LABELS": builder.STEP_LABELS,
            "ENTRY_RULE_LABELS": builder.ENTRY_RULE_LABELS, "CONDITION_KINDS": builder.CONDITION_KINDS,
            "WEEKDAYS_CHOICES": [(day, day.capitalize()) for day in WEEKDAYS], "builder_rating": builder.rating_parts,
            "builder_property_rows": builder.property_rows, "PROPERTY_OPERATORS": builder.PROPERTY_OPERATORS,
            "step_targets": _step_targets, "describe_trigger": describe_trigger,
            "step_numbers_of": lambda automation: {step["id"]: n for n, step in enumerate(automation.steps, 1)}}


def _step_targets(cards, step_id):
    """The other steps a branch may go to, as (id, words) for a select."""
    return [(card.step["id"], f"Go to step {card.index + 1}: {builder.STEP_LABELS[card.step['type']]}")
            for card in cards if card.step["id"] != step_id]
