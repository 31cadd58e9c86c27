from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from nudgeweb.auth.forms import LoginForm, SignupForm
from nudgeweb.auth.operations import AccountError, authenticate, sign_up
from nudgeweb.auth.access import switch_organization

bp = Blueprint("auth", __name__)


def safe_next(default):
    """The ``next`` address if it stays on this site, else the default."""
    target = request.args.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            membership = sign_up(
                form.business_name.data, form.name.data, form.email.data, form.password.data
            )
        except AccountError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            login_user(membership.user)
            switch_organization(membership)
            flash(f"Welcome to Nudge, {membership.user.name}! Let's get {membership.organization.name} set up.", "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(url_for("main.dashboard")))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(url_for("main.dashboard")))
        form.password.errors.append("That email and password don't match an account.")
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    logout_user()
    flash("You have been logged out.", "info")
    return redirect(url_for("auth.login"))
