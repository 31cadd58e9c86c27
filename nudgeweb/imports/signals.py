"""What an import asks for once its transaction has committed (the tasks module answers)."""
from blinker import Namespace

import_signals = Namespace()

# chunk_due.send(organization_id, import_id=..., index=..., from_row=...): run this chunk in the background
chunk_due = import_signals.signal("import-chunk-due")
