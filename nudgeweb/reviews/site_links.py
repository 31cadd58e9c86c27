"""Whether a pasted link opens a business's "write a review" page, and why not when it does not.

Customers who land on a search page or a home page rarely find the review button; a link is refused
with the reason, at its field, so the owner can paste the right one.
"""
import re
from urllib.parse import parse_qs, urlparse

# Where each site shows the link, in the words of its own screens.
WHERE_TO_FIND = {
    "google": "In Google Business Profile (search your business name while logged in, or open "
              "business.google.com), choose “Ask for reviews” and copy the link (g.page/r/… or "
              "search.google.com/local/writereview?placeid=…).",
    "facebook": "Open your Facebook Page, then the Reviews tab, and copy the address "
                "(facebook.com/yourpage/reviews).",
    "yelp": "Open your business on Yelp and copy the address of its page (yelp.com/biz/…) or of "
            "“Write a review” (yelp.com/writeareview/biz/…).",
    "trustpilot": "In Trustpilot Business, Get reviews → Review link, or use "
                  "trustpilot.com/evaluate/yourdomain.com.",
    "other": "The address of the page where customers write a review of you on that site.",
}
NO_REVIEW_LINK = ("You have not added your review link yet, so customers would have nowhere to review you. "
                  "Add your Google, Facebook or Yelp \"write a review\" link in Settings → Reviews first.")
SEARCH_HOSTS = re.compile(r"(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|search\.yahoo\.com|yandex\.[a-z]+)$")
SITE_HOSTS = {
    "google": re.compile(r"(^|\.)(google\.[a-z.]+|g\.page|goo\.gl)$"),
    "facebook": re.compile(r"(^|\.)(facebook\.com|fb\.com|fb\.me)$"),
    "yelp": re.compile(r"(^|\.)yelp\.[a-z.]+$"),
    "trustpilot": re.compile(r"(^|\.)trustpilot\.com$"),
}
SITE_WORDS = {"google": "Google", "facebook": "Facebook", "yelp": "Yelp", "trustpilot": "Trustpilot"}
# A review page of the site: a path that is not a search or a home page (Facebook: _facebook_problem).
REVIEW_PATHS = {
    "google": re.compile(r"^/(r/|local/writereview|maps/place/|maps/|[A-Za-z0-9_-]{6,}$)"),
    "yelp": re.compile(r"^/(biz|writeareview)/"),
    "trustpilot": re.compile(r"^/(evaluate|review)/[^/]+"),
}


def review_link_problem(kind, url):
    """Why ``url`` is not the "write a review" page of a ``kind`` site, in the owner's words; None when it is."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return "Paste the full address of your review page, starting with https://."
    host, path = (parsed.hostname or "").lower(), parsed.path or "/"
    if _is_search(host, path, parsed.query):
        return ("That is a page of search results, not your review page: customers would have to find you "
                "first. " + WHERE_TO_FIND.get(kind, WHERE_TO_FIND["other"]))
    if kind in SITE_HOSTS and not SITE_HOSTS[kind].search(host):
        return (f"That is not a {SITE_WORDS[kind]} address. Choose “Other site” for it, or paste your "
                f"{SITE_WORDS[kind]} review link.")
    if kind == "facebook":
        return _facebook_problem(parsed)
    if kind in REVIEW_PATHS and not REVIEW_PATHS[kind].search(path):
        return f"That is not a review page on {SITE_WORDS[kind]}. " + WHERE_TO_FIND[kind]
    if kind == "other" and path in ("", "/") and not parsed.query:
        return "That is a home page, not a review page. Paste the address of the page where customers write a review."
    return None


# The Reviews tab of a Page, in the addresses Facebook gives it: /page/reviews, the old /pg/page/reviews
# and /pages/Name/123/reviews; a Page with no username is profile.php?id=…&sk=reviews.
FACEBOOK_REVIEWS = re.compile(r"^/(pg/[^/]+|pages/[^/]+/\d+|[^/]+)/reviews/?$")
FACEBOOK_NOT_PAGES = {"home.php", "login", "login.php", "watch", "marketplace", "groups", "events", "share",
                      "pages", "pg", "people", "permalink.php", "story.php", "photo.php"}


def _facebook_problem(parsed):
    """Why a facebook.com address is not a Page's Reviews tab, naming the address to paste when it is the Page."""
    path, query = parsed.path.rstrip("/") or "/", parse_qs(parsed.query)
    if path == "/profile.php" and query.get("id"):
        if "reviews" in query.get("sk", []):
            return None
        return ("That is your Facebook Page, not its reviews: add &sk=reviews to the end "
                f"({parsed.scheme}://{parsed.netloc}/profile.php?id={query['id'][0]}&sk=reviews).")
    if FACEBOOK_REVIEWS.search(path):
        return None
    page = path.strip("/")
    if page and "/" not in page and page.lower() not in FACEBOOK_NOT_PAGES:
        return ("That is your Facebook Page, not its reviews: add /reviews to the end "
                f"({parsed.scheme}://{parsed.netloc}/{page}/reviews).")
    return "That is not a review page on Facebook. " + WHERE_TO_FIND["facebook"]


def _is_search(host, path, query):
    if path.startswith("/search") or path.startswith("/s?") or "/search/" in path:
        return True
    return bool(SEARCH_HOSTS.search(host)) and host != "search.google.com" and (
        path in ("/", "/webhp", "/url") or "q=" in query and not path.startswith(("/maps", "/local")))


def is_search_page(site):
    """A site that sends customers to a search page (the old sign-up default, or old demo data)."""
    parsed = urlparse(site.get("url") or "")
    return _is_search((parsed.hostname or "").lower(), parsed.path or "/", parsed.query)


def has_review_link(settings):
    """Whether customers asked for a review are offered at least one real review page."""
    return any(not is_search_page(site) for site in settings.review_sites or [])
