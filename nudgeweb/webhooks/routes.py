"""Settings -> Webhooks: endpoints (create, change, turn on, delete), the secret (shown once, rotated),
a test, the log of deliveries with each attempt and "redeliver", and how to verify a signature."""
from flask import Blueprint, g, redirect, url_for

from nudgeweb.auth.access import role_required
from nudgeweb.field_errors import INVALID_FORM, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.models.webhooks import WebhookDelivery, WebhookEndpoint
from nudgeweb.pagination import paginate, requested_page
from nudgeweb.scoping import get_or_404
from nudgeweb.webhooks import operations
from nudgeweb.webhooks.forms import EndpointForm, TestEventForm

bp = Blueprint("webhooks", __name__, url_prefix="/settings/webhooks")
LOG_PAGE_SIZE = 20


def _render_list(form, new_secret=None, created=None, status=200):
    return render("webhooks/index.html", "webhooks/_endpoints.html", status=status, form=form,
                  endpoints=operations.endpoints_of(g.membership.organization_id), new_secret=new_secret,
                  created=created)


def _render_endpoint(endpoint, form=None, new_secret=None, notice=None, tested=None, status=200):
    log = paginate(operations.deliveries_query(endpoint), requested_page(), LOG_PAGE_SIZE)
    return render("webhooks/show.html", "webhooks/_endpoint.html", status=status, endpoint=endpoint,
                  form=form or EndpointForm.of(endpoint), test_form=TestEventForm(), log=log,
                  attempts=operations.attempts_of(log.items), new_secret=new_secret, notice=notice, tested=tested)


def _endpoint(endpoint_id):
    return get_or_404(WebhookEndpoint, endpoint_id)


@bp.get("")
@role_required("admin")
def index():
    return _render_list(EndpointForm(formdata=None))


@bp.post("")
@role_required("admin")
def create():
    form = EndpointForm()
    if form.validate_on_submit():
        try:
            endpoint, secret = operations.create_endpoint(g.membership.organization_id, form.data_for_operations())
        except operations.WebhookError as error:
            show_field_errors(form, error, fallback=form.url)
        else:
            return _render_list(EndpointForm(formdata=None), new_secret=secret, created=endpoint)
    return _render_list(form, status=INVALID_FORM)


@bp.get("/verify")
@role_required("admin")
def verify():
    return render("webhooks/verify.html")


@bp.get("/<endpoint_id>")
@role_required("admin")
def show(endpoint_id):
    return _render_endpoint(_endpoint(endpoint_id))


@bp.post("/<endpoint_id>")
@role_required("admin")
def update(endpoint_id):
    endpoint = _endpoint(endpoint_id)
    form = EndpointForm()
    if form.validate_on_submit():
        try:
            operations.update_endpoint(endpoint, form.data_for_operations())
        except operations.WebhookError as error:
            show_field_errors(form, error, fallback=form.url)
        else:
            return _render_endpoint(endpoint, notice="Saved.")
    return _render_endpoint(endpoint, form=form, status=INVALID_FORM)


@bp.post("/<endpoint_id>/rotate")
@role_required("admin")
def rotate(endpoint_id):
    endpoint = _endpoint(endpoint_id)
    return _render_endpoint(endpoint, new_secret=operations.rotate_secret(endpoint))


@bp.post("/<endpoint_id>/enable")
@role_required("admin")
def enable(endpoint_id):
    endpoint = _endpoint(endpoint_id)
    operations.enable(endpoint)
    return _render_endpoint(endpoint, notice="Turned back on: the events that waited are on their way.")


@bp.post("/<endpoint_id>/test")
@role_required("admin")
def send_test(endpoint_id):
    endpoint = _endpoint(endpoint_id)
    form = TestEventForm()
    if not form.validate_on_submit():
        return _render_endpoint(endpoint, status=INVALID_FORM)
    return _render_endpoint(endpoint, tested=operations.send_test(endpoint, form.event.data))


@bp.post("/<endpoint_id>/deliveries/<delivery_id>/redeliver")
@role_required("admin")
def redeliver(endpoint_id, delivery_id):
    endpoint = _endpoint(endpoint_id)
    delivery = get_or_404(WebhookDelivery, delivery_id)
    if delivery.endpoint_id != endpoint.id:
        return _render_endpoint(endpoint, status=404)
    operations.redeliver(delivery)
    return _render_endpoint(endpoint, notice=f"The {delivery.event_type} event is on its way again.")


@bp.post("/<endpoint_id>/delete")
@role_required("admin")
def delete(endpoint_id):
    operations.delete_endpoint(_endpoint(endpoint_id))
    return redirect(url_for("webhooks.index"))
