import uuid

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import Membership, Organization, User


def test_users_create_makes_the_organization_and_prints_the_id(runner, app_ctx):
    result = runner.invoke(args=["users", "create", "Pat@Example.com", "--password", "long-enough",
                                 "--organization", "Pat's Pizza", "--role", "admin"])
    assert result.exit_code == 0, result.output
    user_id = uuid.UUID(result.output.strip().splitlines()[-1])
    user = db.session.get(User, user_id)
    assert user.email == "pat@example.com"
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user_id))
    assert membership.role == "admin" and membership.organization.name == "Pat's Pizza"


def test_users_create_joins_an_existing_organization(runner, app_ctx, organization):
    result = runner.invoke(args=["users", "create", "new@example.com", "--password", "long-enough",
                                 "--organization", organization.name, "--role", "viewer"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(Organization)).all() == [organization]


def test_users_create_refuses_bad_input(runner, app_ctx):
    short = runner.invoke(args=["users", "create", "a@example.com", "--password", "short", "--organization", "X"])
    assert short.exit_code != 0 and "at least 8" in short.output
    role = runner.invoke(args=["users", "create", "a@example.com", "--password", "long-enough",
                               "--organization", "X", "--role", "king"])
    assert role.exit_code != 0
    assert db.session.scalars(select(User)).all() == []


def test_seed_demo_prints_a_login_that_works(runner, client, app_ctx):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    email = result.output.split("email:")[1].split()[0]
    password = result.output.split("password:")[1].split()[0]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    assert b"Bluebird Bakery" in client.get("/").data
    again = runner.invoke(args=["seed-demo"])  # running it twice resets, never duplicates
    assert again.exit_code == 0, again.output
    assert len(db.session.scalars(select(Organization)).all()) == 1
