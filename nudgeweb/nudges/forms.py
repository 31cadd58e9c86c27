"""The forms of employees and campaign periods (shape only; the operations check meaning)."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, SelectMultipleField, StringField, TimeField
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from nudgeweb.nudges.operations import MAX_EVERY_DAYS, MAX_GOAL, WEEKDAY_NAMES


class AskCustomerForm(FlaskForm):
    """The employee's page: the customer in front of them."""

    name = StringField("Customer's name", validators=[Length(max=200, message="At most 200 characters.")])
    phone = StringField("Mobile phone", validators=[Length(max=40, message="At most 40 characters.")])
    email = StringField("Email", validators=[Length(max=254, message="At most 254 characters.")])


class EmployeeForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired("Give their name."), Length(max=200)])
    email = StringField("Email", validators=[Length(max=254)])
    phone = StringField("Mobile phone", validators=[Length(max=40)], description="For SMS nudges.")
    title = StringField("Title", validators=[Length(max=100)])
    location = StringField("Location", validators=[Length(max=100)], description="Optional: a shop or branch.")
    preferred_channel = SelectField("Nudge them by", choices=[("email", "Email"), ("sms", "Text message")])
    user_id = SelectField("Team member", choices=[("", "Not on the team")], validate_choice=False,
                          description="Optional: the person's own login to Nudge, when they have one.")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PeriodForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired("Name the period."), Length(max=200)])
    starts_on = DateField("First day", validators=[InputRequired("Choose the first day.")])
    ends_on = DateField("Last day", validators=[InputRequired("Choose the last day.")])
    goal_kind = SelectField("Goal", choices=[("reviews", "Reviews received"), ("requests_sent", "Review requests sent")])
    goal = IntegerField("Per employee", default=10, validators=[
        InputRequired("Give a goal."), NumberRange(min=1, max=MAX_GOAL, message=f"Use 1 to {MAX_GOAL}.")])
    schedule_kind = SelectField("Nudge", choices=[("weekdays", "On these weekdays"),
                                                  ("every_n_days", "Every few days")])
    weekdays = MultiCheckboxField("Weekdays", coerce=int, choices=list(enumerate(WEEKDAY_NAMES)), default=[0])
    every_days = IntegerField("Every (days)", validators=[
        Optional(), NumberRange(min=1, max=MAX_EVERY_DAYS, message=f"Use 1 to {MAX_EVERY_DAYS}.")])
    send_time = TimeField("At (local time)", default=None, validators=[InputRequired("Choose a time.")])
    channel = SelectField("By", choices=[("preference", "Each employee's preference"), ("email", "Email"),
                                         ("sms", "Text message")])
    template_name = SelectField("Template", choices=[("", "The starter nudge")], validate_choice=False)
    employee_ids = MultiCheckboxField("Who takes part", choices=[], validate_choice=False)
    start_now = BooleanField("Start it now")


class EmployeeFileForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file of your team.")],
                     description="One employee a line, the first line naming the columns (Name, Email, Phone, "
                                 "Title, Location): you match them in the next step. A row with the email or phone "
                                 "of an employee you have fills that one in.")


class EmployeeMappingForm(FlaskForm):
    """The mapping step; the column choices (column-0, column-1 ...) are read by the route."""
