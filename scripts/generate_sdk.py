"""`make sdk`: regenerate the checked-in Python SDK (clients/python) from the API's OpenAPI document."""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from config import TestConfig  # noqa: E402  (a self-contained app: no database or queue is touched)
from nudgeweb import create_app  # noqa: E402
from nudgeweb.api.sdk import GeneratorComplained, write_sdks  # noqa: E402

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as instance:
        try:
            written = write_sdks(create_app(TestConfig(instance)))
        except GeneratorComplained as complaint:
            sys.exit(f"openapi-python-client complained; nothing was written:\n{complaint}")
    print("Regenerated " + ", ".join(written))
