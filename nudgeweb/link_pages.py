"""The public pages opened through a signed link in an email or SMS (/r/<token> for customers, /e/<token> for
employees): no login, the link is the credential. One decorator gives each of their views what the link stands
for, or answers with the friendly page a forged, revoked or expired link gets; and it keeps the token out of
Referer headers (security_headers.token_in_url).

    @bp.post("/<token>/rate")
    @posts_limited                          # a limit per link goes outside: it is checked before the lookup
    @opened_by_link(review_request_of)      # review_request_of(token) gives the row or raises LinkRefused
    def rate(review_request, token): ...
"""
import functools

from nudgeweb.security_headers import token_in_url


class LinkRefused(Exception):
    """The link opens nothing: ``answer`` is what the visitor gets instead (a friendly page and its status)."""

    def __init__(self, answer):
        super().__init__("link refused")
        self.answer = answer


def opened_by_link(load):
    """A view of a public link page, called with what ``load(token)`` found, then the token."""

    def decorate(view):
        @functools.wraps(view)
        def opened(token, **kwargs):
            try:
                found = load(token)
            except LinkRefused as refused:
                return refused.answer
            return view(found, token, **kwargs)

        return token_in_url(opened)

    return decorate
