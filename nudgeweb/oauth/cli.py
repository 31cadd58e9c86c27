"""``flask --app app oauth-clients create``: register an OAuth app for operators and tests."""
import json

import click
from flask.cli import AppGroup

from nudgeweb.auth.operations import find_user, memberships_of
from nudgeweb.oauth import clients
from nudgeweb.oauth.scopes import DEFAULT_SCOPE
from nudgeweb.unit_of_work import unit_of_work

oauth_clients = AppGroup("oauth-clients", help="Manage OAuth apps.")


@oauth_clients.command("create")
@click.option("--email", required=True, help="The user who owns the app; it belongs to their organization.")
@click.option("--name", required=True, help="Shown to people on the consent page.")
@click.option("--redirect-uri", "redirect_uris", required=True, multiple=True, help="Repeat for several.")
@click.option("--scopes", default=DEFAULT_SCOPE, show_default=True, help="Space-separated scopes it may ask for.")
@click.option("--public", is_flag=True, help="A public client: no secret, PKCE required.")
def create_client_command(email, name, redirect_uris, scopes, public):
    """Register an app; prints {"client_id": ..., "client_secret": ...} as JSON on the last line."""
    user = find_user(email)
    memberships = memberships_of(user) if user else []
    if not memberships:
        raise click.ClickException(f"No user with the email {email} in any organization.")
    try:
        with unit_of_work(memberships[0].organization_id):
            client, secret = clients.create_client(memberships[0].organization, user, name, redirect_uris, scopes,
                                                   public)
    except clients.ClientValidationError as error:
        raise click.ClickException(str(error))
    click.echo(json.dumps({"client_id": client.client_id, "client_secret": secret}))
