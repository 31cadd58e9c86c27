"""Settings -> API keys: create (the key is shown once), list with last use, revoke."""
from datetime import datetime, time, timezone

from flask import Blueprint, g

from nudgeweb.api.forms import ApiKeyForm
from nudgeweb.api.keys import ApiKeyError, api_keys_of, create_api_key, parse_scopes, revoke_api_key
from nudgeweb.api.ratelimit import rate_limit_of
from nudgeweb.auth.access import role_required
from nudgeweb.field_errors import INVALID_FORM, show_field_errors
from nudgeweb.htmx import render
from nudgeweb.models import ApiKey
from nudgeweb.scoping import get_or_404

bp = Blueprint("api_settings", __name__, url_prefix="/settings/api-keys")

PAGE, FRAGMENT = "settings/api_keys.html", "settings/_api_keys.html"


def _render(form, new_secret=None, status=200):
    organization_id = g.membership.organization_id
    return render(PAGE, FRAGMENT, status=status, form=form, keys=api_keys_of(organization_id),
                  rate_limit=rate_limit_of(organization_id), new_secret=new_secret)


@bp.get("")
@role_required("admin")
def api_keys():
    return _render(ApiKeyForm())


@bp.post("")
@role_required("admin")
def create():
    form = ApiKeyForm()
    if form.validate_on_submit():
        scopes = parse_scopes(form.other_scopes.data) or [s for s in ("read", "write") if form[s].data]
        expires_at = (datetime.combine(form.expires_on.data, time.max, timezone.utc)
                      if form.expires_on.data else None)
        try:
            _, secret = create_api_key(g.membership, form.name.data, scopes, expires_at)
        except ApiKeyError as error:
            show_field_errors(form, error, aliases={"scopes": "other_scopes", "expires_at": "expires_on"},
                              fallback=form.name)
        else:
            return _render(ApiKeyForm(formdata=None), new_secret=secret)
    return _render(form, status=INVALID_FORM)


@bp.post("/<key_id>/revoke")
@role_required("admin")
def revoke(key_id):
    revoke_api_key(get_or_404(ApiKey, key_id))
    return _render(ApiKeyForm(formdata=None))
