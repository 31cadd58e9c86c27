"""The import wizard in a real Chromium: upload, match columns, a live progress bar that survives a reload."""
import pytest
from playwright.sync_api import expect

from nudgeweb.imports import operations
from tests.conftest import running_consumer, screenshot
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.consumer]


def spreadsheet(rows):
    lines = ["Name;E-mail address;Cell phone;Company;Notes"]
    for i in range(1, rows + 1):
        email = f"guest{i}@example.com" if i % 40 else "not-an-email"
        phone = f"(646) {300 + i // 10000} {i % 10000:04d}" if i % 40 else "12"  # (one good channel would be kept)
        lines.append(f"Guest {i};{email};{phone};\"Smith; Sons\";\"line one\nline two\"")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_import_wizard_with_its_progress_bar(page, live_server, huey_queue, app_ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(operations, "CHUNK_SIZE", 250)  # many small steps, so the bar has somewhere to be
    owner = MembershipFactory(role="owner", organization__name="Sunrise Dental")
    path = tmp_path / "patients.csv"
    path.write_bytes(spreadsheet(6000))

    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(owner.user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/contacts/import")
    expect(page.get_by_text("No imports yet")).to_be_visible()
    page.get_by_label("CSV file").set_input_files(str(path))
    screenshot(page, "import-1-upload")
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
    expect(page.get_by_text("semicolon separated")).to_be_visible()
    expect(page.locator(".preview-table tbody tr")).to_have_count(5)
    assert page.get_by_label("Name", exact=True).input_value() == "name"
    assert page.get_by_label("E-mail address").input_value() == "email"
    assert page.get_by_label("Cell phone").input_value() == "phone"
    assert page.get_by_label("Notes").input_value() == ""
    page.get_by_label("Company").select_option("company_name")
    screenshot(page, "import-2-mapping")
    page.get_by_role("button", name="Import 6,000 rows").click()

    bar = page.locator('[role="progressbar"]')
    expect(page.get_by_role("heading", name="Importing…")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "0")  # queued: no consumer has taken a chunk yet
    for _ in range(2):  # what a consumer does with the first two chunks
        huey_queue.execute(huey_queue.dequeue())
    expect(bar).to_have_attribute("aria-valuenow", "500")  # the page asked again and moved its bar
    expect(page.get_by_text("500 of 6,000 rows")).to_be_visible()
    screenshot(page, "import-3-progress")
    page.reload()  # the progress lives on the server: the page picks it up again and keeps polling
    expect(bar).to_have_attribute("aria-valuenow", "500")
    with running_consumer():
        page.get_by_role("heading", name="Import finished").wait_for(timeout=120_000)
    assert int(bar.get_attribute("aria-valuenow")) == 6000
    assert page.locator('[data-count="created"]').inner_text() == "5,850"
    assert page.locator('[data-count="failed"]').inner_text() == "150"
    screenshot(page, "import-4-finished")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the failed rows (CSV)").click()
    raw = download.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte order mark: Excel reads the file as UTF-8
    content = raw.decode("utf-8-sig")
    assert content.splitlines()[0] == "line,reason,Name,E-mail address,Cell phone,Company,Notes"
    assert content.count("not-an-email") == 150

    page.get_by_role("link", name="All imports").click()
    expect(page.locator("table.table tbody tr").first.get_by_text("patients.csv")).to_be_visible()
    screenshot(page, "import-5-recent")
