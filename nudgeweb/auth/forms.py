from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from nudgeweb.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem


def new_password_policy(form, field):
    """The password policy (auth/passwords.py) next to the field, with the form's other errors."""
    problem = password_problem(field.data)
    if problem:
        raise ValidationError(problem)


def valid_email(form, field):
    """The one rule of every address in Nudge (contacts.fields.normalize_email), next to the field."""
    from nudgeweb.contacts.fields import normalize_email

    _address, problem = normalize_email((field.data or "").strip())
    if problem:
        raise ValidationError(problem)


NEW_PASSWORD_HELP = (f"At least {MIN_PASSWORD_LENGTH} characters (up to {MAX_PASSWORD_LENGTH}). A few words "
                     f"you'll remember make a strong one.")


class SignupForm(FlaskForm):
    business_name = StringField(
        "Business name", validators=[DataRequired("Tell us the name of your business."), Length(max=200)]
    )
    name = StringField("Your name", validators=[DataRequired("Tell us your name."), Length(max=200)])
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter your email address."),
            valid_email,
            Length(max=254),
        ],
    )
    password = PasswordField("Password", validators=[DataRequired("Choose a password."), new_password_policy],
                             description=NEW_PASSWORD_HELP)
    # Filled in by the browser (static/js/app.js); a value the operation does not know is ignored.
    timezone = HiddenField(validators=[Length(max=64)])
    country = HiddenField(validators=[Length(max=2)])


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired("Enter your email address.")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password.")])
    remember = BooleanField("Remember me")


class JoinForm(FlaskForm):
    """Joining with the account one is logged in with: the CSRF token is all it takes."""


class NewMemberForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired("Tell us your name."), Length(max=200)])
    password = PasswordField("Choose a password", validators=[DataRequired("Choose a password."), new_password_policy],
                             description=NEW_PASSWORD_HELP)


class ForgotPasswordForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired("Enter your email address."), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired("Choose a password."), new_password_policy],
                             description=NEW_PASSWORD_HELP)
    confirm = PasswordField("Type it again", validators=[
        DataRequired("Type the new password again."), EqualTo("password", "The two passwords are not the same.")])


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password.")])


class ConfirmForm(FlaskForm):
    """A button that changes something: the CSRF token is all it takes."""
