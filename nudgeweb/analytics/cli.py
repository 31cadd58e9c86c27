"""``flask analytics rebuild``: the hourly counts again from the raw rows."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from nudgeweb.analytics.rebuild import rebuild_counts
from nudgeweb.campaigns import summaries as campaign_summaries
from nudgeweb.extensions import db
from nudgeweb.models import Organization
from nudgeweb.unit_of_work import unit_of_work

analytics = AppGroup("analytics", help="The hourly counts behind the charts.")


@analytics.command("rebuild")
@click.option("--organization", "organization_id", default=None, help="One organization's id (default: every one).")
def rebuild_command(organization_id):
    """Rebuild the hourly counts from contacts, messages, review requests and events, and the campaigns' summaries."""
    with unit_of_work():
        ids = [organization_id] if organization_id else db.session.scalars(select(Organization.id)).all()
    for one in ids:
        with unit_of_work(one):  # one transaction an organization: a long rebuild does not hold the others
            buckets = rebuild_counts(one)
            summaries = campaign_summaries.rebuild(db.session, one)
        click.echo(f"{one}: {buckets} hourly buckets, {summaries} campaign summary rows")
