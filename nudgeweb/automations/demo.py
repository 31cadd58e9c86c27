"""Demo automations: the low-rating starter switched on, and the welcome series left as a draft to try."""
from nudgeweb.automations import operations, starters


def seed_automations(organization):
    low_rating = starters.create_from_starter(organization, "low_rating")
    operations.start_automation(low_rating)
    starters.create_from_starter(organization, "welcome_series")
