"""`claimcheck ingest URL` against a real HTTP server on loopback, serving saved pages and hostile ones."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimcheck.errors import InputError, InputTooLarge
from claimcheck.sources.fetch import fetch
from claimcheck.store import open_registry

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
PORTUGUESE = (
    "<html lang='pt'><head><title>Governo anuncia plano para hospitais</title></head><body><article>"
    "<h1>Governo anuncia plano para hospitais</h1><p>O governo anunciou ontem um novo plano para os hospitais do "
    "país, com um investimento de dois mil milhões de euros até 2030.</p><p>A oposição considera que a medida é "
    "insuficiente e que não resolve a falta de médicos nas regiões do interior, onde faltam mais de 600.</p>"
    "</article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # the test output stays clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one route per hostile case reads best as one table
        path = self.path
        if path == "/article":
            self._send(200, (PAGES / "fr-two-mains.html").read_bytes())
        elif path == "/latin1":
            page = "<html><head><meta charset='iso-8859-1'></head><body><p>Le prix a baissé de 15 % en 2024.</p>"
            self._send(200, page.encode("latin-1"), "text/html")
        elif path == "/plain":
            self._send(200, "Plus de 1 000 soldats ont quitté le Niger en 2024.\n".encode(), "text/plain")
        elif path == "/moved":
            self._send(302, b"", Location="/article")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/missing":
            self._send(404, b"<p>Not found</p>")
        elif path == "/pt":
            self._send(200, PORTUGUESE.encode())
        elif path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**12))
            self.end_headers()
        elif path == "/gzip-bomb":
            self._send(200, gzip.compress(b"<p>" + b"a" * 5_000_000), Content_Encoding="gzip")
        elif path in ("/endless", "/drip"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self._stream(b"<p>" + b"x" * 8192 if path == "/endless" else b"x", 0.0 if path == "/endless" else 0.05)
        elif path == "/host":
            self._send(200, f"<p>Host: {self.headers['Host']}</p>".encode())
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"<p>late</p>")

    def _stream(self, chunk: bytes, pause: float) -> None:
        try:
            for _ in range(100_000):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client hung up: what it should do


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up mid-body is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def test_ingest_url_stores_the_page_body_and_the_url(cli, registry, server):
    assert cli("init").exit_code == 0
    result = cli("ingest", f"{server}/moved", "--allow-private", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no spinner when stderr is not a terminal
    (ingested,) = result.json()
    article = ingested["article"]
    assert article["url"] == f"{server}/article"  # where the redirect led, not the page's canonical URL
    assert article["title"] == "Incendies dans les Landes : 1 200 hectares brûlés en deux jours"
    assert (article["language"], article["published"], article["published_source"]) == ("fr", "2025-07-14", "metadata")
    stored = open_registry(registry).article(article["id"])
    assert stored.format == "html" and stored.text.startswith("Deux incendies ont parcouru")
    assert "Publicité" not in stored.text
    for claim in ingested["claims"]:
        assert stored.text[claim["span"]["start"] : claim["span"]["end"]] == claim["span"]["quote"]
    again = cli("ingest", f"{server}/article", "--allow-private", "--json")
    assert again.json()[0]["outcome"] == "unchanged"


def test_plain_text_and_declared_charsets(cli, registry, server):
    assert cli("init").exit_code == 0
    plain = cli("ingest", f"{server}/plain", "--allow-private", "--published", "2024-05-20", "--json")
    assert plain.exit_code == 0, plain.stderr
    assert plain.json()[0]["article"]["language"] == "fr"
    latin = cli("ingest", f"{server}/latin1", "--allow-private", "--lang", "fr", "--json")
    assert latin.exit_code == 0, latin.stderr
    text = open_registry(registry).article(latin.json()[0]["article"]["id"]).text
    assert text == "Le prix a baissé de 15 % en 2024."


def test_loopback_is_refused_without_the_opt_in(cli, registry, server):
    assert cli("init").exit_code == 0
    result = cli("ingest", f"{server}/article")
    assert result.exit_code == 1 and result.stdout == ""
    assert "private or local address" in result.stderr and "--allow-private" in result.stderr
    assert result.stderr.count("\n") == 1
    assert cli("list", "--json").json() == []


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "redirected more than 5 times"),
        ("/pdf", "application/pdf, not a web page"),
        ("/missing", "answered 404"),
        ("/declared-huge", "over the 100,000-byte limit"),
        ("/endless", "over the 100,000-byte limit"),
        ("/gzip-bomb", "over the 100,000-byte limit"),
        ("/pt", "looks Portuguese (pt)"),
    ],
)
def test_hostile_pages_are_refused_in_one_line(cli, registry, server, path, message):
    assert cli("init").exit_code == 0
    result = cli("ingest", f"{server}{path}", "--allow-private", "--max-size", "100000")
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert cli("list", "--json").json() == []


def test_a_page_in_another_language_says_how_to_force_one(cli, registry, server):
    assert cli("init").exit_code == 0
    refused = cli("ingest", f"{server}/pt", "--allow-private")
    assert "--lang fr or --lang en" in refused.stderr


def test_slow_servers_time_out(server):
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}/slow", max_bytes=10_000, timeout=0.3, allow_private=True)
    with pytest.raises(InputError, match="too slowly"):
        fetch(f"{server}/drip", max_bytes=10_000_000, timeout=0.3, allow_private=True)


def test_size_limit_is_enforced_while_downloading(server):
    with pytest.raises(InputTooLarge):
        fetch(f"{server}/endless", max_bytes=50_000, allow_private=True)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/x", "http://[::1]/", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data"]
)
def test_private_addresses_are_refused_before_connecting(url):
    with pytest.raises(InputError, match="private or local address"):
        fetch(url, max_bytes=1000)


def test_only_http_and_https():
    with pytest.raises(InputError, match="only http and https"):
        fetch("ftp://example.org/a", max_bytes=1000)


def test_the_connection_goes_to_the_address_checked(server, monkeypatch):
    """A name resolved once: checked, then connected to, so that a second answer (127.0.0.1) cannot slip in."""
    import socket

    import claimcheck.sources.fetch as fetch_module

    port = int(server.rsplit(":", 1)[1])
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]])
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "127.0.0.1":  # the connection itself, to the address checked
            return real(host, *args, **kwargs)
        assert host == "news.example"
        return next(answers)  # a second look-up of the name would raise StopIteration

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(fetch_module, "is_public", lambda address: True)  # pretend 127.0.0.1 is on the internet
    page = fetch(f"http://news.example:{port}/host", max_bytes=10_000)
    assert page.url == f"http://news.example:{port}/host"
    assert page.body == f"<p>Host: news.example:{port}</p>".encode()
