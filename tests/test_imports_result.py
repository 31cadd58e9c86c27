"""What the result of an import says about its rows: a full name cut to its column."""
from tests.test_import_keeps_what_it_can import notes, run
from tests.test_imports import contacts_of

LONG_LAST = " ".join(["Zachariah Wolfeschlegelsteinhausenbergerdorff"] * 3)  # 140 characters


def test_a_full_name_cut_to_its_column_is_listed_with_what_was_left_out(app_ctx, owner, organization):
    record = run(organization, owner, f"Name,Email\nAl Short,al@x.com\nYancy {LONG_LAST},yancy@x.com\n")
    _al, yancy = contacts_of(organization)
    assert (yancy.first_name, yancy.last_name) == ("Yancy", LONG_LAST[:100])
    assert notes(record, "warning") == [(3, f"Last name shortened to 100 characters: “{LONG_LAST[100:]}” left out.")]
