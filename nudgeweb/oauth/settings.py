"""Settings -> OAuth apps (the apps this business registered) and Connected apps (the apps
that act for this business)."""
import uuid

from flask import Blueprint, abort, flash, g, redirect, url_for
from flask_login import current_user

from nudgeweb.auth.access import current_organization, member_required, role_required
from nudgeweb.field_errors import INVALID_FORM, show_field_errors
from nudgeweb.htmx import render, wants_fragment
from nudgeweb.models.oauth import OAuthClient
from nudgeweb.oauth import clients
from nudgeweb.oauth.forms import ClientForm
from nudgeweb.scoping import get_or_404

bp = Blueprint("oauth_settings", __name__, url_prefix="/settings")


def render_apps(form=None, new_client=None, secret=None, notice=None, status=200):
    return render(
        "settings/oauth_apps.html", "oauth/_apps.html", status=status,
        form=form or ClientForm(formdata=None), apps=clients.clients_of(g.membership.organization_id),
        new_client=new_client, secret=secret, notice=notice,
    )


@bp.get("/oauth-apps")
@member_required
def apps():
    return render_apps()


@bp.post("/oauth-apps")
@role_required("admin")
def apps_create():
    form = ClientForm()
    if not form.validate_on_submit():
        return render_apps(form, status=INVALID_FORM)
    try:
        client, secret = clients.create_client(
            current_organization(), current_user, form.name.data, form.redirect_uri_list(),
            " ".join(form.scopes.data or []), form.public.data,
        )
    except clients.ClientValidationError as error:
        show_field_errors(form, error)
        return render_apps(form, status=INVALID_FORM)
    return render_apps(new_client=client, secret=secret, status=201)


@bp.post("/oauth-apps/<client_id>/delete")
@role_required("admin")
def apps_delete(client_id):
    client = get_or_404(OAuthClient, client_id)
    name = client.name
    clients.delete_client(client)
    notice = f"{name} is deleted: every connection to it has stopped working."
    if wants_fragment():
        return render_apps(notice=notice)
    flash(notice, "success")
    return redirect(url_for(".apps"), 303)


def render_connections(notice=None):
    return render(
        "settings/connected_apps.html", "oauth/_connections.html",
        connections=clients.connections_of(g.membership.organization_id), notice=notice,
    )


@bp.get("/connected-apps")
@member_required
def connections():
    return render_connections()


@bp.post("/connected-apps/<client_id>/<user_id>/disconnect")
@member_required
def connections_disconnect(client_id, user_id):
    """Admins may disconnect anyone's app; other members only their own."""
    try:
        client_uuid, user_uuid = uuid.UUID(client_id), uuid.UUID(user_id)
    except ValueError:
        abort(404)
    if user_uuid != current_user.id and not g.membership.can("admin"):
        abort(403)
    if not clients.disconnect(g.membership.organization_id, client_uuid, user_uuid):
        abort(404)
    notice = "The app is disconnected: its tokens no longer work."
    if wants_fragment():
        return render_connections(notice=notice)
    flash(notice, "success")
    return redirect(url_for(".connections"), 303)
