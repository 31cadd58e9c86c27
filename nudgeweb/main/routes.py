from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from nudgeweb.analytics.tiles import dashboard_tiles
from nudgeweb.auth.access import current_organization, member_required
from nudgeweb.main.checklist import setup_steps
from nudgeweb.navigation import AREAS

bp = Blueprint("main", __name__)


@bp.get("/", endpoint="dashboard")
def home():
    """The dashboard; a visitor not logged in meets the login page (it offers sign-up), without the
    "Please log in to see that page" of a page they asked for."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return _dashboard()


@member_required
def _dashboard():
    organization = current_organization()
    return render_template("main/dashboard.html", organization=organization, tiles=dashboard_tiles(organization))


@bp.app_template_global("setup_checklist")
def setup_checklist():
    """The current organization's set-up steps, or [] once every one is done."""
    steps = setup_steps(current_organization())
    return [] if all(step.done for step in steps) else steps


def register_coming_soon_pages(app):
    """Give each area that is not built yet its real address, showing an honest page."""
    for area in AREAS:
        if area.endpoint is None:
            view = member_required(lambda area=area: render_template("main/coming_soon.html", area=area))
            app.add_url_rule(area.path, endpoint=f"soon_{area.key}", view_func=view)
