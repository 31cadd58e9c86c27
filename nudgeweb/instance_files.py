"""The instance folder holds the secret key, the SQLite database and the queue: only the account that
runs Nudge may read them, whatever its umask."""
import os
from pathlib import Path

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(path):
    path = Path(path)
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    path.chmod(PRIVATE_FOLDER)


def private_file(path):
    """Create ``path`` empty and private if it is missing, and make it private if it is not.
    Writing the file's content is left to its owner (SQLite, Huey, the secret key)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)


def private_sqlite_file(url_or_path, relative_to="."):
    """A SQLite database made before SQLite opens it: SQLite creates its -wal and -shm with the
    database's own mode, so they are private too. Other databases (PostgreSQL) are left alone."""
    path = sqlite_path(url_or_path)
    if path is None:
        return
    path = Path(relative_to) / path  # (an absolute path stays itself)
    path.parent.mkdir(parents=True, exist_ok=True)
    private_file(path)
    for suffix in SQLITE_COMPANIONS:  # left by an earlier version with the umask's mode
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.chmod(PRIVATE_FILE)


def sqlite_path(url_or_path):
    if "://" not in url_or_path:
        return Path(url_or_path)
    if not url_or_path.startswith("sqlite:///") or url_or_path.startswith("sqlite:///:memory:"):
        return None
    return Path(url_or_path.removeprefix("sqlite:///").split("?", 1)[0])
