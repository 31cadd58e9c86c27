"""Demo data: a messy spreadsheet from the bakery's old booking system, imported with what it could keep."""
from nudgeweb.imports.operations import start_import
from nudgeweb.models import Membership, db

FARMERS_MARKET_SIGN_UPS = (
    "Full Name,E-mail,Cell #,Company,Tag(s)\n"
    "Priya Natarajan,priya.natarajan@example.com,(718) 555-0141,\"Natarajan\nCatering\",\"catering, farmers-market\"\n"
    "Tom Becker,tom.becker@@example,(718) 555-0142,,farmers-market\n"
    "Lucia Romero,lucia.romero@example.com,,Romero's Deli,farmers-market\n"
    "Lucio Romero,lucia.romero@example.com,(718) 555-0143,,newsletter\n"
    "Noor Haddad,not-an-address,12,,farmers-market\n"
)


def seed_import(organization):
    owner = db.session.query(Membership).filter_by(organization_id=organization.id, role="owner").first().user
    start_import(organization, owner, FARMERS_MARKET_SIGN_UPS.encode(), "farmers-market-sign-ups.csv")
