from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, SelectMultipleField, StringField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from nudgeweb.domain_events import EVENT_TYPES
from nudgeweb.webhooks.operations import ALL_EVENTS, MAX_DESCRIPTION_CHARS, MAX_URL_CHARS

EVENT_CHOICES = [SelectChoice(name, label) for name, label in EVENT_TYPES.items()]


class EndpointForm(FlaskForm):
    url = StringField("Endpoint URL", validators=[Length(max=MAX_URL_CHARS)],
                      description="Where Nudge POSTs the events: a public http:// or https:// address.")
    description = StringField("Description", validators=[Length(max=MAX_DESCRIPTION_CHARS)],
                              description="What receives them, e.g. “Production CRM sync”.")
    all_events = BooleanField("All events (also those Nudge adds later)", default=True)
    events = SelectMultipleField("Events", choices=EVENT_CHOICES, widget=ListWidget(prefix_label=False),
                                 option_widget=CheckboxInput(), validate_choice=True)
    active = BooleanField("Active: send events to it", default=True)

    def data_for_operations(self):
        return {"url": self.url.data, "description": self.description.data, "active": self.active.data,
                "events": [ALL_EVENTS] if self.all_events.data else (self.events.data or [])}

    @classmethod
    def of(cls, endpoint):
        form = cls(obj=endpoint)
        form.events.data = endpoint.events or []
        return form


class TestEventForm(FlaskForm):
    event = SelectField("Event to send", choices=EVENT_CHOICES, default="contact.created")
