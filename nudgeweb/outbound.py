"""Connections that Nudge opens on a tenant's behalf (their SMTP server, their webhook endpoints).

A tenant must not reach, through Nudge, what only Nudge's own machine can: loopback, private
networks, link-local addresses (cloud metadata at 169.254.169.254), multicast and reserved ranges.
Every address a name resolves to is checked, then the connection goes to a checked address, not
to the name again, so a second DNS answer cannot switch it (DNS rebinding). ALLOW_PRIVATE_OUTBOUND
lets an operator's local set-up (and the tests) reach such addresses; a caller with a setting of
its own (webhooks: WEBHOOK_ALLOW_PRIVATE) passes ``allow_private``.
"""
import ipaddress
import re
import socket

from flask import current_app

_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
_TOP_LABEL = re.compile(r"[a-z][a-z0-9-]*\Z")  # a name's last label starts with a letter: "10.0.0.1" is no name
# Names that are local by definition (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal).
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
MAX_ADDRESSES_TRIED = 3


class HostError(ValueError):
    """Not a host name or IP address, or one that may not be connected to; the text is for the user."""


class OutboundAddressError(ValueError):
    """A resolved address that may not be connected to; the text is for the server's log only."""


def parse_host(text):
    """A host name (lower case) or an IP address (in its usual form); raises HostError."""
    text = (text or "").strip().lower()
    try:
        return str(ipaddress.ip_address(text.removeprefix("[").removesuffix("]")))
    except ValueError:
        pass
    labels = text.split(".")
    if not (0 < len(text) <= 253 and all(_LABEL.match(label) for label in labels) and _TOP_LABEL.match(labels[-1])):
        raise HostError("Give only the server's name (like smtp.example.com) or its IP address: "
                        "no scheme, port, user name or options.")
    return text


def private_allowed():
    return current_app.config["ALLOW_PRIVATE_OUTBOUND"]


def is_public(address):
    """False for loopback, private, link-local (metadata), shared, multicast, reserved and unspecified
    addresses, and for IPv6 forms of such an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


def check_host(host, allow_private=None):
    """At the field, without DNS: an IP address or a name that is local by definition is refused
    (unless the operator allows private addresses). Returns the parsed host; raises HostError."""
    host = parse_host(host)
    if private_allowed() if allow_private is None else allow_private:
        return host
    try:
        local = not is_public(ipaddress.ip_address(host))
    except ValueError:
        local = host == _LOCAL_NAMES[0] or host.endswith(_LOCAL_NAMES[1:])
    if local:
        raise HostError("Nudge does not connect to private, loopback or link-local addresses: "
                        "give your server's public name or address.")
    return host


def resolve(host, port, allow_private=None):
    """The addresses to connect to for ``host``, every one checked; raises OutboundAddressError
    (or OSError when the name does not resolve)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in found))
    if not (private_allowed() if allow_private is None else allow_private):
        refused = [str(address) for address in addresses if not is_public(address)]
        if refused:
            raise OutboundAddressError(f"{host} resolves to an address Nudge does not connect to: {', '.join(refused)}")
    return addresses


def connect(host, port, timeout, allow_private=None):
    """A TCP connection to a checked address of ``host`` (the first of them that answers)."""
    error = None
    for address in resolve(host, port, allow_private)[:MAX_ADDRESSES_TRIED]:
        try:
            return socket.create_connection((str(address), port), timeout=timeout)
        except OSError as failure:
            error = failure
    raise error or OSError(f"{host} has no address")
