"""Fetch a web page for `claimcheck ingest https://…`, defensively.

A registry is often shared by a desk, and a URL given to it must not become a
way to probe the desk's own network, hang the command or fill the disk: only
http(s); every hop's host is resolved and refused when any of its addresses is
private, loopback, link-local or reserved (unless `allow_private`, which the
tests' loopback server needs); redirects are followed by hand, each one checked,
at most `max_redirects`; connect and read timeouts plus a deadline for the
whole download (a server dripping a byte a second never trips a read timeout);
the size limit is enforced while the body arrives, not after; only text/html,
application/xhtml+xml and text/plain are read. Every refusal is an `InputError`
of one line. httpx is imported here, and only here.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from claimcheck import __version__
from claimcheck.errors import InputError, InputTooLarge
from claimcheck.sources.document import too_large

PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt"}
MAX_REDIRECTS = 5
TIMEOUT = 15.0  # seconds: to connect, between two chunks, and (twice that) for the whole download


@dataclass(frozen=True)
class Page:
    """A fetched page: where it ended up, what it is, its bytes and when it was fetched."""

    url: str
    format: str  # "html" | "txt"
    charset: str | None
    body: bytes
    fetched_at: datetime


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    allow_private: bool = False,
) -> Page:
    """GET `url` (following up to `max_redirects` redirects) and return the page, or refuse in one line."""
    import httpx

    deadline = time.monotonic() + 2 * timeout
    headers = {"User-Agent": f"claimcheck/{__version__}", "Accept": "text/html, text/plain;q=0.8"}
    limits = httpx.Timeout(timeout)
    with httpx.Client(timeout=limits, follow_redirects=False, headers=headers, trust_env=False) as client:
        for _hop in range(max_redirects + 1):
            target, pin = _check_target(url, allow_private)
            try:
                with client.stream("GET", target, **pin) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    fmt, charset = _check_response(url, response, max_bytes)
                    body = _read_body(url, response, max_bytes, deadline)
                    return Page(url, fmt, charset, body, datetime.now(UTC))
            except httpx.TimeoutException:
                raise InputError(f"{_short(url)}: no answer within {timeout:g} s (timed out)") from None
            except httpx.HTTPError as exc:
                raise InputError(f"{_short(url)}: cannot fetch it ({_reason(exc)})") from None
    raise InputError(f"{url}: redirected more than {max_redirects} times (a redirect loop?)")


def _check_target(url: str, allow_private: bool) -> tuple[str, dict[str, Any]]:
    """Where to connect for `url`, and how: refused when the host has a private or local address.

    The connection goes to the address checked, not to the name resolved again (a name can resolve to a
    public address for the check and to 127.0.0.1 for the connection); the Host header and the TLS name
    keep the host's name.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{_short(url)}: only http and https pages can be fetched")
    if allow_private:
        return url, {}
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise InputError(f"{_short(url)}: cannot find the host {host!r} ({exc})") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if not is_public(address):
            raise InputError(
                f"{_short(url)}: {host} is a private or local address ({address}); claimcheck does not fetch "
                "those, so that a shared registry cannot probe its network; pass --allow-private to fetch it"
            )
    if not addresses:
        raise InputError(f"{_short(url)}: cannot find the host {host!r}")
    address = addresses[0]
    shown = f"[{address}]" if address.version == 6 else str(address)
    port = f":{parts.port}" if parts.port else ""
    target = urlunsplit((parts.scheme, shown + port, parts.path or "/", parts.query, ""))
    name = host.encode("idna").decode("ascii")
    extensions = {"sni_hostname": name} if parts.scheme.lower() == "https" else {}
    return target, {"headers": {"Host": name + port}, "extensions": extensions}


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the internet: not private, loopback, link-local, reserved or multicast."""
    return address.is_global and not address.is_multicast


def _check_response(url: str, response: Any, max_bytes: int) -> tuple[str, str | None]:
    if response.status_code >= 400 or response.is_redirect:
        raise InputError(f"{_short(url)}: the server answered {response.status_code} {response.reason_phrase}")
    raw_type = response.headers.get("content-type", "")
    mime = raw_type.split(";")[0].strip().lower()
    if mime not in PAGE_TYPES:
        shown = mime or "no content type"
        raise InputError(f"{_short(url)} is {shown}, not a web page (claimcheck reads text/html and text/plain)")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputTooLarge(too_large(_short(url), int(length), max_bytes))
    m = re.search(r"charset=[\"']?([\w.:-]+)", raw_type, re.I)
    return PAGE_TYPES[mime], m.group(1) if m else None


def _read_body(url: str, response: Any, max_bytes: int, deadline: float) -> bytes:
    # Counted after decompression: a small gzip body can unpack to gigabytes.
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(too_large(_short(url), max_bytes, max_bytes, stopped=True))
        if time.monotonic() > deadline:
            raise InputError(f"{_short(url)}: the page is arriving too slowly (stopped after {size:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _short(url: str) -> str:
    return url if len(url) <= 100 else url[:97] + "..."


def decode_page(page: Page) -> str:
    """The page's text: its declared charset (header, else <meta charset>), else UTF-8; bad bytes replaced."""
    if b"\x00" in page.body:
        raise InputError(f"{_short(page.url)} looks binary (it contains NUL bytes), not a web page")
    charset = page.charset
    if charset is None and page.format == "html":
        m = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", page.body[:4096], re.I)
        charset = m.group(1).decode("ascii") if m else None
    try:
        text = page.body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        text = page.body.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")
