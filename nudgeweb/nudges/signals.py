"""What nudges ask for once a transaction has committed (the tasks module answers)."""
from blinker import Namespace

nudge_signals = Namespace()

# employee_import_due.send(organization_id, import_id=...): run this employee import in the background
employee_import_due = nudge_signals.signal("employee-import-due")
