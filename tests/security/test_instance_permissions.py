"""The instance folder's secrets (the key, the database, the queue) are readable by their owner only."""
import os
import stat

import pytest

from config import TestConfig
from nudgeweb import create_app
from nudgeweb.extensions import db
from tests.factories import UserFactory


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def permissive_umask():
    """The umask most machines have: files 0644 and folders 0755 unless the code says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def fresh_install(tmp_path, permissive_umask):
    """An app on its own instance folder, with SQLite for data and queue, as `make run` starts it."""
    instance = tmp_path / "instance"
    app = create_app(TestConfig(instance, SECRET_KEY=None, HUEY_IMMEDIATE=False))
    with app.app_context():
        db.create_all()
        UserFactory()  # a write: SQLite in WAL mode now has its -wal and -shm beside the database
        db.session.commit()
        yield instance
        db.session.remove()
        db.engine.dispose()


def test_instance_folder_and_every_file_in_it_are_private(fresh_install):
    assert mode(fresh_install) == 0o700
    names = {path.name for path in fresh_install.iterdir()}
    assert {"secret_key", "nudge.db", "nudge.db-wal", "nudge.db-shm", "huey.db"} <= names
    assert {name: oct(mode(fresh_install / name)) for name in names} == {name: oct(0o600) for name in names}


def test_files_left_readable_by_an_earlier_version_are_made_private(tmp_path, permissive_umask):
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    for name in ("secret_key", "nudge.db", "nudge.db-wal", "huey.db"):
        (instance / name).touch(mode=0o644)
    (instance / "secret_key").write_text("an-old-key")
    create_app(TestConfig(instance, SECRET_KEY=None, HUEY_IMMEDIATE=False))
    assert mode(instance) == 0o700
    assert {path.name: oct(mode(path)) for path in instance.iterdir()} == {
        "secret_key": oct(0o600), "nudge.db": oct(0o600), "nudge.db-wal": oct(0o600), "huey.db": oct(0o600)}
