"""Commands for operators: ``flask --app app api-keys create`` (a key for a user's organization) and
``flask --app app api-rate-limit`` (an organization's requests a minute)."""
import uuid

import click
from flask.cli import AppGroup
from sqlalchemy import select

from nudgeweb.api.keys import ApiKeyError, create_api_key, parse_expiry, parse_scopes
from nudgeweb.api.ratelimit import rate_limit_of, set_rate_limit
from nudgeweb.auth.operations import find_user, memberships_of
from nudgeweb.extensions import db
from nudgeweb.models import Organization
from nudgeweb.unit_of_work import unit_of_work

api_keys = AppGroup("api-keys", help="Manage API keys.")


@api_keys.command("create")
@click.option("--email", required=True, help="The user the key acts as.")
@click.option("--name", default="Command line", show_default=True)
@click.option("--scopes", default="read write", show_default=True, help='Space-separated, e.g. "contacts:read".')
@click.option("--organization-id", default=None, help="For a user of several businesses (default: the first).")
@click.option("--expires-at", default=None, help="ISO 8601 date or time (default: never).")
def create_key(email, name, scopes, organization_id, expires_at):
    """Create an API key; the key alone is printed on the last line."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No user with the email {email}.")
    memberships = [m for m in memberships_of(user) if organization_id in (None, str(m.organization_id))]
    if not memberships:
        raise click.ClickException(f"{email} is not a member of that organization.")
    try:
        with unit_of_work(memberships[0].organization_id):
            key, secret = create_api_key(memberships[0], name, parse_scopes(scopes),
                                         parse_expiry(expires_at) if expires_at else None)
            # said within the unit of work: after its commit the rows would be read again, with no organization
            said = (f"API key {key.name!r} for {email} in {memberships[0].organization.name} "
                    f"(scopes: {' '.join(key.scopes)}). It is shown only now:")
    except (ApiKeyError, ValueError) as error:
        raise click.ClickException(str(error))
    click.echo(said, err=True)
    click.echo(secret)


@click.command("api-rate-limit")
@click.argument("organization")
@click.argument("per_minute", type=click.IntRange(min=1), required=False)
def api_rate_limit(organization, per_minute):
    """Show, or set to PER_MINUTE, the API requests a minute that each credential of ORGANIZATION
    (its name or id) may make."""
    found = _organization(organization)
    with unit_of_work(found.id):
        if per_minute is not None:
            set_rate_limit(found, per_minute)
        limit = rate_limit_of(found.id)
    click.echo(f"{found.name}: {limit:,} API requests a minute per key or token.")


def _organization(name_or_id):
    try:
        matches = [db.session.get(Organization, uuid.UUID(name_or_id))]
    except ValueError:
        matches = db.session.scalars(select(Organization).where(Organization.name == name_or_id)).all()
    matches = [m for m in matches if m is not None]
    if not matches:
        raise click.ClickException(f"No organization named or with the id {name_or_id}.")
    if len(matches) > 1:
        raise click.ClickException(f"Several organizations are named {name_or_id}; give one of their ids: "
                                   + ", ".join(str(m.id) for m in matches))
    return matches[0]
