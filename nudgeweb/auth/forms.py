from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length

from nudgeweb.auth.operations import MIN_PASSWORD_LENGTH


class SignupForm(FlaskForm):
    business_name = StringField(
        "Business name", validators=[DataRequired("Tell us the name of your business."), Length(max=200)]
    )
    name = StringField("Your name", validators=[DataRequired("Tell us your name."), Length(max=200)])
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter your email address."),
            Email("Enter a valid email address.", check_deliverability=False),
            Length(max=254),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Choose a password."),
            Length(min=MIN_PASSWORD_LENGTH, message=f"Use at least {MIN_PASSWORD_LENGTH} characters."),
        ],
    )


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired("Enter your email address.")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password.")])
    remember = BooleanField("Remember me")


class JoinForm(FlaskForm):
    """Joining with the account one is logged in with: the CSRF token is all it takes."""


class NewMemberForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired("Tell us your name."), Length(max=200)])
    password = PasswordField("Choose a password", validators=[
        DataRequired("Choose a password."),
        Length(min=MIN_PASSWORD_LENGTH, message=f"Use at least {MIN_PASSWORD_LENGTH} characters.")])
