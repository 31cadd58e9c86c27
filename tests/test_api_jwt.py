"""JWT refresh tokens are single-use: a reused one is refused, and so is every token of its family."""
import threading
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.extensions import db
from nudgeweb.models import UsedRefreshToken, utcnow
from tests.factories import DEFAULT_PASSWORD


def login(client, owner):
    response = client.post("/api/v1/auth/login", json={"email": owner.user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    return response.json


def refresh(client, refresh_token):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


def assert_refused(response, detail_starts):
    assert response.status_code == 401
    [error] = response.json["errors"]
    assert error["code"] == "ERR_AUTH_INVALID_TOKEN" and error["status"] == "401"
    assert error["detail"].startswith(detail_starts)
    assert "data" not in response.json  # JSON:API: an error document has no data
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="nudge", error="invalid_token"'


def test_a_refresh_answers_a_new_pair_whose_refresh_token_works_in_turn(client, owner):
    first = login(client, owner)
    second = refresh(client, first["refresh_token"])
    assert second.status_code == 200
    assert second.json["refresh_token"] != first["refresh_token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {second.json['access_token']}"})
    assert me.status_code == 200
    third = refresh(client, second.json["refresh_token"])
    assert third.status_code == 200 and third.json["user"]["id"] == str(owner.user_id)


def test_a_refresh_token_used_twice_is_refused(client, owner):
    tokens = login(client, owner)
    assert refresh(client, tokens["refresh_token"]).status_code == 200
    assert_refused(refresh(client, tokens["refresh_token"]), "This refresh token was already used.")


def test_a_reuse_revokes_the_newer_refresh_tokens_of_its_family(client, owner):
    stolen = login(client, owner)["refresh_token"]
    newer = refresh(client, stolen).json["refresh_token"]
    assert_refused(refresh(client, stolen), "This refresh token was already used.")
    assert_refused(refresh(client, newer), "This refresh token was revoked")
    assert_refused(refresh(client, newer), "This refresh token was revoked")


def test_a_reuse_leaves_other_logins_alone(client, owner):
    mine, theirs = login(client, owner), login(client, owner)
    assert refresh(client, theirs["refresh_token"]).status_code == 200
    assert refresh(client, theirs["refresh_token"]).status_code == 401
    assert refresh(client, mine["refresh_token"]).status_code == 200


def test_concurrent_refreshes_with_one_token_give_exactly_one_new_pair(app, owner, app_ctx):
    refresh_token = login(app.test_client(), owner)["refresh_token"]
    results, start = [], threading.Barrier(4)

    def post():
        client = app.test_client()
        start.wait()
        results.append(refresh(client, refresh_token))

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results) == [200, 401, 401, 401]
    assert all(r.json["errors"][0]["code"] == "ERR_AUTH_INVALID_TOKEN" for r in results if r.status_code == 401)


def test_the_periodic_clean_up_removes_only_expired_rows(client, owner, app_ctx):
    from nudgeweb.api.tasks import forget_used_refresh_tokens

    now = utcnow()
    db.session.add_all([UsedRefreshToken(jti="old", family="a", expires_at=now - timedelta(minutes=1)),
                        UsedRefreshToken(jti="live", family="a", expires_at=now + timedelta(days=1)),
                        UsedRefreshToken(jti="revoked", family="b", expires_at=now + timedelta(days=30),
                                         family_revoked_at=now)])
    db.session.commit()
    assert forget_used_refresh_tokens.call_local() == 1
    db.session.expire_all()
    assert sorted(db.session.scalars(select(UsedRefreshToken.jti))) == ["live", "revoked"]


def test_a_revoked_family_stays_revoked_until_its_last_token_has_expired(client, owner, app_ctx):
    stolen = login(client, owner)["refresh_token"]
    newer = refresh(client, stolen).json["refresh_token"]
    db.session.scalar(select(UsedRefreshToken)).expires_at = utcnow() + timedelta(hours=1)  # as if nearly expired
    db.session.commit()
    assert refresh(client, stolen).status_code == 401
    db.session.expire_all()
    [row] = db.session.scalars(select(UsedRefreshToken))
    assert row.family_revoked_at is not None
    assert row.expires_at > utcnow() + timedelta(days=29, hours=23)  # as long as `newer` may live
    assert refresh(client, newer).status_code == 401
