import os

from config import Config, TestConfig
from nudgeweb import create_app


def test_testing_config(app):
    assert app.testing
    assert app.config["HUEY_IMMEDIATE"] is True


def test_default_config_needs_nothing_running(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "HUEY_URL", "SECRET_KEY", "MAIL_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    config = Config()
    assert config.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path}/nudge.db"
    assert config.HUEY_URL == f"sqlite:///{tmp_path}/huey.db"
    assert config.MAIL_URL == ""


def test_missing_secret_key_is_generated_once_and_reused(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    first = create_app(Config()).config["SECRET_KEY"]
    second = create_app(Config()).config["SECRET_KEY"]
    assert len(first) >= 32 and first == second
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert oct(os.stat(tmp_path / "secret_key").st_mode)[-3:] == "600"


def test_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/nudge")
    monkeypatch.setenv("HUEY_URL", "redis://cache.example:6379/1")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    config = Config()
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://db.example/nudge"
    assert config.HUEY_URL == "redis://cache.example:6379/1"
    assert config.SECRET_KEY == "from-env"


def test_sqlite_runs_in_wal_mode(app_ctx):
    from sqlalchemy import text

    from nudgeweb.extensions import db

    if db.engine.dialect.name != "sqlite":
        return
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_huey_storage_follows_huey_url(tmp_path):
    from huey.storage import RedisStorage, SqliteStorage

    from nudgeweb.extensions import huey

    create_app(TestConfig(tmp_path, HUEY_IMMEDIATE=False, HUEY_URL="redis://127.0.0.1:6379/0"))
    assert isinstance(huey.storage, RedisStorage)
    create_app(TestConfig(tmp_path, HUEY_IMMEDIATE=False))
    assert isinstance(huey.storage, SqliteStorage)
    assert huey.storage.filename == f"{tmp_path}/huey.db"
