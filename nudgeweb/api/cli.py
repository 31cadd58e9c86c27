"""``flask --app app api-keys create``: a key for a user's organization, for operators and tests."""
import click
from flask.cli import AppGroup

from nudgeweb.api.keys import ApiKeyError, create_api_key, parse_expiry, parse_scopes
from nudgeweb.auth.operations import find_user, memberships_of

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
        key, secret = create_api_key(memberships[0], name, parse_scopes(scopes),
                                     parse_expiry(expires_at) if expires_at else None)
    except (ApiKeyError, ValueError) as error:
        raise click.ClickException(str(error))
    click.echo(f"API key {key.name!r} for {email} in {memberships[0].organization.name} "
               f"(scopes: {' '.join(key.scopes)}). It is shown only now:", err=True)
    click.echo(secret)
