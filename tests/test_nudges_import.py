"""Employees from a CSV file, the contacts import's way: upload, a mapping step (guessed, editable),
a Huey task that imports in chunks with a progress bar, then added, updated and the bad rows listed
with their reasons (the good rows kept). Limits, and another business sees nothing."""
import re
from io import BytesIO

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models.employees import Employee, EmployeeImport
from nudgeweb.nudges import imports
from tests.nudges_support import make_team

TEAM_CSV = ("Full name;E-mail;Mobile;Job title;Shop\n"
            "Maria Lopez;maria@acme.example;;Technician;Downtown\n"
            "Dev Patel;dev@acme.example;+1 212 555 0142;;Uptown\n"
            "No Contact;;;;Downtown\n"
            ";nobody@acme.example;;;\n"
            "Ann Bad;ann@@acme;;;\n")


def upload(client, data, filename="team.csv"):
    return client.post("/employees/import", data={"file": (BytesIO(data.encode()), filename)},
                       content_type="multipart/form-data")


def selected(html, column):
    """The option chosen for a column in the mapping step."""
    select_html = re.search(rf'<select id="column-{column}".*?</select>', html, re.S).group(0)
    found = re.search(r'<option value="([^"]*)" selected>', select_html)
    return found.group(1) if found else ""


def names():
    return db.session.scalars(select(Employee.name).order_by(Employee.name)
                              .execution_options(populate_existing=True)).all()


def test_upload_map_import_and_see_added_updated_and_the_bad_rows(owner_client, organization):
    make_team(organization, [{"name": "Maria L", "email": "maria@acme.example"}])
    answer = upload(owner_client, TEAM_CSV)
    assert answer.status_code == 303
    mapping_page = owner_client.get(answer.location).get_data(as_text=True)
    assert "Match the columns" in mapping_page and "Dev Patel" in mapping_page  # the first rows
    guessed = [selected(mapping_page, column) for column in range(5)]
    assert guessed == ["name", "email", "phone", "title", ""]  # "Shop" is not a name we know
    assert names() == ["Maria L"]  # nothing imported before the columns are confirmed

    done = owner_client.post(answer.location, data={"column-0": "name", "column-1": "email", "column-2": "phone",
                                                    "column-3": "title", "column-4": "location"})
    assert done.status_code == 303
    html = owner_client.get(done.location).get_data(as_text=True)
    assert "Import finished" in html and 'aria-valuenow="5"' in html and 'value="100"' in html
    assert re.search(r'data-count="added">1<', html) and re.search(r'data-count="updated">1<', html)
    assert re.search(r'data-count="failed">3<', html)
    failures = re.findall(r"<tr><td>(\d+)</td><td class=\"error\">([^<]*)</td>", html)
    assert [line for line, _ in failures] == ["4", "5", "6"]  # by their line in the file
    assert "email address or a mobile phone" in failures[0][1] and "Name" in failures[1][1]
    assert "Email" in failures[2][1]
    assert names() == ["Dev Patel", "Maria Lopez"]  # the good rows kept, Maria filled in
    dev = db.session.scalar(select(Employee).where(Employee.name == "Dev Patel"))
    assert (dev.phone, dev.location) == ("+12125550142", "Uptown")

    csv_text = owner_client.get(done.location + "/failed-rows.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "\ufeffline,reason,Full name,E-mail,Mobile,Job title,Shop"
    assert len(csv_text.splitlines()) == 4


def test_a_mapping_without_a_name_is_refused_at_the_mapping_step(owner_client, organization):
    answer = upload(owner_client, TEAM_CSV)
    refused = owner_client.post(answer.location, data={"column-0": "", "column-1": "email"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="mapping-error"' in html and "column of the name" in html
    twice = owner_client.post(answer.location, data={"column-0": "name", "column-1": "email", "column-2": "email"})
    assert twice.status_code == 422 and 'id="column-2-error"' in twice.get_data(as_text=True)
    assert names() == []


def test_a_large_team_runs_in_the_background_in_chunks_with_a_progress_bar(owner_client, organization, huey_queue):
    rows = "".join(f"Person {n},p{n}@acme.example\n" for n in range(250))
    answer = upload(owner_client, "Name,Email\n" + rows)
    owner_client.post(answer.location, data={"column-0": "name", "column-1": "email"})
    record = db.session.scalar(select(EmployeeImport))
    assert record.status == "processing" and len(record.chunks) == 3  # 100 rows a chunk

    page = owner_client.get(answer.location)
    assert "hx-get" in page.get_data(as_text=True) and "<html" in page.get_data(as_text=True)
    fragment = owner_client.get(answer.location, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and 'id="import-progress"' in fragment
    assert "0 of 250 rows" in fragment and 'value="0"' in fragment

    imports.run_import(record.id)  # the consumer's turn: chunk by chunk, each committed
    db.session.commit()
    fragment = owner_client.get(answer.location, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "250 of 250 rows" in fragment and "hx-get" not in fragment  # done: it stops asking
    assert len(names()) == 250


def test_limits_are_said_at_the_file_field(owner_client, organization):
    too_many = upload(owner_client, "Name,Email\n" + "A,a@acme.example\n" * (imports.MAX_ROWS + 1))
    html = too_many.get_data(as_text=True)
    assert too_many.status_code == 422 and "an import takes at most 5,000" in html
    too_big = upload(owner_client, "Name,Email\n" + "x" * (imports.MAX_FILE_BYTES + 1))
    assert too_big.status_code == 422 and "larger than 2 MB" in too_big.get_data(as_text=True)
    empty = upload(owner_client, "Name,Email\n")
    assert empty.status_code == 422 and "no rows of employees" in empty.get_data(as_text=True)
    assert db.session.scalar(select(EmployeeImport)) is None


def test_another_business_sees_nothing_of_an_import(owner_client, other_client, organization):
    answer = upload(owner_client, TEAM_CSV)
    assert other_client.get(answer.location).status_code == 404
    assert other_client.post(answer.location, data={"column-0": "name", "column-1": "email"}).status_code == 404
    assert other_client.get(answer.location + "/failed-rows.csv").status_code == 404
    assert "team.csv" not in other_client.get("/employees/import").get_data(as_text=True)


def test_a_chunk_another_worker_has_done_is_not_imported_twice(owner_client, organization, huey_queue):
    answer = upload(owner_client, "Name,Email\n" + "".join(f"P{n},p{n}@acme.example\n" for n in range(150)))
    owner_client.post(answer.location, data={"column-0": "name", "column-1": "email"})
    record = db.session.scalar(select(EmployeeImport))
    organization_row = db.session.get(type(organization), organization.id)
    assert imports.take_turn(record.id, 0)
    imports.import_chunk(record, organization_row, 0, 0)
    db.session.commit()
    assert not imports.take_turn(record.id, 0)  # a second run of the task, late for chunk 0, stops there
    imports.run_import(record.id)
    db.session.commit()
    record = db.session.scalar(select(EmployeeImport).execution_options(populate_existing=True))
    assert (record.added, record.updated, record.processed, record.status) == (150, 0, 150, "completed")
