"""The Python SDK: generated from the API's OpenAPI document by openapi-python-client, as an
integrator would generate it, and checked in under ``clients/`` (``make sdk`` regenerates it).

Generation is deterministic (the document is built from the routes, the generator and the ruff
that formats its output are pinned), so the checked-in client can be compared file by file with
a fresh one: tests/test_sdk.py fails when it is out of date.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATOR_NOISE = (".ruff_cache", "__pycache__", "build", "dist")  # and *.egg-info: what tools leave beside a client


@dataclass(frozen=True)
class Sdk:
    spec_path: str  # where the app serves the OpenAPI document
    directory: str  # where the client lives in the repository
    package: str  # the Python package (openapi-python-client would name it from the document's title)


SDKS = (
    Sdk("/api/v1/openapi.json", "clients/python", "nudge_api_client"),
    Sdk("/api/v2/openapi.json", "clients/python-v2", "nudge_api_v2_client"),  # once /api/v2 is served
)


class GeneratorComplained(Exception):
    """openapi-python-client failed, or warned: a warning means a part of the client is missing."""


def served_sdks(app):
    """(sdk, OpenAPI document) of each SDK whose document the app serves."""
    found = []
    client = app.test_client()
    for sdk in SDKS:
        response = client.get(sdk.spec_path)
        if response.status_code == 200:
            found.append((sdk, response.get_json()))
    return found


def generate(document, output_dir, package=None):
    """Generate the client of ``document`` into ``output_dir`` (made anew), its package named
    ``package`` if given; returns the generator's output, or raises GeneratorComplained with it on
    any warning or error."""
    with tempfile.TemporaryDirectory() as scratch:
        spec = Path(scratch) / "openapi.json"
        spec.write_text(json.dumps(document, indent=2, sort_keys=True))
        command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec), "--meta", "setup",
                   "--output-path", str(output_dir), "--overwrite", "--fail-on-warning"]
        if package:
            names = Path(scratch) / "config.json"
            names.write_text(json.dumps({"package_name_override": package,
                                         "project_name_override": package.replace("_", "-")}))
            command += ["--config", str(names)]
        # its ruff hooks run the pinned ruff of this interpreter's environment
        path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PATH": path})
    output = done.stdout + done.stderr
    said = "\n".join(line for line in output.splitlines() if not line.startswith("Generating "))  # (names a path)
    if done.returncode != 0 or "warning" in said.lower() or "error" in said.lower():
        raise GeneratorComplained(output)
    shutil.rmtree(Path(output_dir) / ".ruff_cache", ignore_errors=True)
    return output


def files_of(directory):
    """{relative path: bytes} of a generated client, without the caches its tools leave."""
    directory = Path(directory)
    return {str(path.relative_to(directory)): path.read_bytes() for path in sorted(directory.rglob("*"))
            if path.is_file() and not any(part in GENERATOR_NOISE or part.endswith(".egg-info")
                                          for part in path.relative_to(directory).parts)}


def write_sdks(app, root=ROOT):
    """Regenerate every served SDK in place under ``root``; returns the directories written."""
    written = []
    for sdk, document in served_sdks(app):
        destination = Path(root) / sdk.directory
        with tempfile.TemporaryDirectory() as scratch:
            fresh = Path(scratch) / "client"
            generate(document, fresh, sdk.package)
            shutil.rmtree(destination, ignore_errors=True)
            shutil.copytree(fresh, destination)
        written.append(sdk.directory)
    return written
