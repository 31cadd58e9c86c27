"""The currency a business's revenue is shown in: that of its country (Settings → Business profile), else the
installation's DEFAULT_CURRENCY. No currency column: the country says it for nearly every business."""
from flask import current_app

EURO = ("AD", "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MC", "ME",
        "MT", "NL", "PT", "SI", "SK", "SM", "VA", "XK")
# ISO 3166 country → ISO 4217 currency, for the countries whose businesses are likeliest; the rest take the default
CURRENCIES = dict.fromkeys(EURO, "EUR") | {
    "US": "USD", "PR": "USD", "GB": "GBP", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "CH": "CHF", "LI": "CHF",
    "SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON",
    "BG": "BGN", "JP": "JPY", "IN": "INR", "SG": "SGD", "HK": "HKD", "ZA": "ZAR", "MX": "MXN", "BR": "BRL",
    "IL": "ILS", "AE": "AED",
}


def currency_of(organization):
    """The ISO 4217 code of ``organization``'s revenue on its pages, and of an event it records without one: EUR for
    an Irish business."""
    return CURRENCIES.get(organization.default_country) or current_app.config["DEFAULT_CURRENCY"]


def currency_of_id(organization_id):
    from nudgeweb.organization_cache import organization

    return currency_of(organization(organization_id))
