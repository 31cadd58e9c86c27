import pytest

from tests.oauth_flow import OAuthDance, register_client


@pytest.fixture
def dance(app, owner):
    """The integration of seeds 000 and 002: an OAuth app of the owner's organization."""
    return OAuthDance(app, *register_client(owner))


@pytest.fixture
def bearer(dance, owner):
    return {"Authorization": f"Bearer {dance.tokens_for(owner.user.email)['access_token']}"}
