"""Reading article files: plain text kept byte for byte, Markdown as rendered text, HTML main text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimcheck.errors import InputError, InputTooLarge
from claimcheck.sources import load_document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "article.html"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_keeps_crlf_and_drops_only_the_bom(tmp_path):
    raw = "Le Niger\r\n\r\na quitté\u00a0la Cedeao.\rFin.\n"
    doc = load_document(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + raw.encode()))
    assert doc.text == raw
    assert doc.format == "txt" and doc.title is None and doc.published is None


def test_unknown_extension_is_read_as_text(tmp_path):
    doc = load_document(write(tmp_path, "article.text", b"Un texte."))
    assert (doc.text, doc.format) == ("Un texte.", "txt")


def test_markdown_front_matter_and_title(tmp_path):
    source = (
        '---\ntitle: "Le retrait"\ndate: 2024-05-20T10:00:00Z\nlang: fr-FR\n---\n'
        "# Titre\n\nLe **Niger** a quitté la Cedeao.\n"
    )
    doc = load_document(write(tmp_path, "a.md", source.encode()))
    assert doc.format == "md"
    assert (doc.title, doc.published, doc.lang) == ("Le retrait", date(2024, 5, 20), "fr")
    assert doc.text == "Titre\n\nLe Niger a quitté la Cedeao."


def test_markdown_title_from_first_heading(tmp_path):
    doc = load_document(write(tmp_path, "a.md", b"Intro\n\n## Le **vrai** titre ##\n\nTexte."))
    assert doc.title == "Le vrai titre"
    assert doc.text == "Intro\n\nLe vrai titre\n\nTexte."


def test_markdown_is_stored_as_the_text_a_reader_sees(tmp_path):
    source = (
        "# Le *plan* hôpitaux\n\nLe gouvernement a annoncé\nun plan de **2\u00a0milliards** d'euros "
        "([le communiqué](https://example.org/c)).\n\n"
        "- 300 lits en plus\n- 1\u202f200 postes\n\n> « C'est insuffisant », dit `la CGT`.  \n> Fin.\n\n"
        "![une photo](p.jpg)\n\n| Région | Lits |\n|---|---|\n| Bretagne | 40 |\n\n<div>bloc html</div>\n"
    )
    doc = load_document(write(tmp_path, "plan.md", source.encode()))
    assert doc.text.split("\n\n") == [
        "Le plan hôpitaux",
        "Le gouvernement a annoncé un plan de 2\u00a0milliards d'euros (le communiqué).",
        "300 lits en plus",
        "1\u202f200 postes",
        "« C'est insuffisant », dit la CGT.\nFin.",
        "Région | Lits",
        "Bretagne | 40",
    ]
    assert doc.title == "Le plan hôpitaux"
    for markup in ("#", "**", "[", "](", "> ", "`", "<div"):
        assert markup not in doc.text


def test_html_main_text_and_metadata():
    doc = load_document(FIXTURE)
    assert doc.format == "html"
    assert doc.title == "Niger : les troupes américaines partiront d'ici septembre"
    assert doc.url == "https://www.example.org/monde/niger-retrait"
    assert doc.outlet == "Le Quotidien"
    assert doc.published == date(2024, 5, 20)  # JSON-LD beats the byline's <time>
    assert doc.lang == "fr" and doc.published_from == "metadata"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Les États-Unis et le Niger ont convenu")
    assert "Une base de 100\u00a0millions de dollars" in paragraphs  # an h2 is its own paragraph
    assert "plus de 1\u202f000 soldats" in doc.text  # entities decoded, French spaces kept
    noises = ("dataLayer", "Accueil", "Monde", "À lire aussi", "Publicité", "Rechercher", "Partager", "©", "Par la")
    for noise in noises:
        assert noise not in doc.text


def test_html_without_article_uses_body_and_falls_back_on_title(tmp_path):
    html = (
        "<html><head><title> Prix  de l'énergie </title><meta name='date' content='2025-01-16'></head>"
        "<body><nav>Menu</nav><p>Les tarifs baisseront de 15 %.</p><footer>Pied</footer></body></html>"
    )
    doc = load_document(write(tmp_path, "a.htm", html.encode()))
    assert doc.text == "Les tarifs baisseront de 15 %."
    assert doc.title == "Prix de l'énergie"
    assert doc.published == date(2025, 1, 16)
    assert doc.lang is None and doc.url is None


def test_html_deeply_nested_does_not_overflow(tmp_path):
    html = "<html><body>" + "<div>" * 5000 + "Texte profond." + "</div>" * 5000 + "</body></html>"
    assert load_document(write(tmp_path, "deep.html", html.encode())).text == "Texte profond."


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_document(tmp_path)


def test_not_utf8_says_which_byte_and_where(tmp_path):
    path = write(tmp_path, "latin1.txt", "Le café".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        load_document(path)
    message = str(exc.value)
    assert "not UTF-8" in message and "0xe9" in message and "position 6" in message
    assert str(path) in message and "\n" not in message


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf \n"])
def test_empty_files_are_refused(tmp_path, data):
    with pytest.raises(InputError, match="empty"):
        load_document(write(tmp_path, "empty.txt", data))


def test_html_with_no_text_is_refused(tmp_path):
    with pytest.raises(InputError, match="no article text"):
        load_document(write(tmp_path, "empty.html", b"<html><body><script>x()</script></body></html>"))


def test_binary_is_refused(tmp_path):
    with pytest.raises(InputError, match="binary"):
        load_document(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00"))
    with pytest.raises(InputError, match="binary"):
        load_document(write(tmp_path, "utf16.txt", "Bonjour".encode("utf-16")))


def test_size_limit_says_how_to_raise_it(tmp_path):
    path = write(tmp_path, "big.txt", b"a" * 101)
    with pytest.raises(InputTooLarge) as exc:
        load_document(path, max_bytes=100)
    assert "--max-size" in str(exc.value) and "CLAIMCHECK_MAX_SIZE" in str(exc.value) and "100" in str(exc.value)
    assert load_document(path, max_bytes=101).text == "a" * 101


# ---- metadata, language, and the CLI over the readers -----------------------------------


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-05-20T09:30:00+02:00", date(2024, 5, 20)),  # the day the publisher wrote, no time-zone shift
        ("20240520", date(2024, 5, 20)),
        ("0001-01-01T00:00:00", None),  # a placeholder of structured data
        ("1970-01-01", None),
        ("2024-02-30", None),
        ("2999-01-01", None),
        ("lundi", None),
        ("", None),
    ],
)
def test_publication_days_reject_placeholders_and_impossible_dates(value, day):
    from claimcheck.sources.meta import valid_day

    assert valid_day(value) == day


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://x.example/news/2025/03/11/port-expansion", date(2025, 3, 11)),
        ("https://x.example/eco/2025-05-13-unemployment", date(2025, 5, 13)),
        ("https://x.example/a/20250513/story.html", date(2025, 5, 13)),
        ("https://x.example/a/story-2025", None),
        (None, None),
    ],
)
def test_the_date_in_a_url(url, day):
    from claimcheck.sources.meta import url_date

    assert url_date(url) == day


def test_multi_valued_itemprop_dates_skip_the_placeholder(tmp_path):
    html = (
        "<html><head><meta itemprop='datePublished' content='0001-01-01'>"
        "<meta itemprop='datePublished' content='2025-08-05T08:15:00+02:00'></head>"
        "<body><article><p>Soixante-deux départements font l'objet de restrictions d'eau, un record.</p></article>"
        "</body></html>"
    )
    doc = load_document(write(tmp_path, "a.html", html.encode()))
    assert (doc.published, doc.published_from) == (date(2025, 8, 5), "metadata")


def test_language_is_decided_on_the_text_the_tag_is_a_hint():
    from claimcheck.workflows.ingest import decide_language

    english = "Berlin airport handled 2.1 million passengers in October, matching its level before the pandemic."
    assert decide_language(english, "de") == "en"
    assert decide_language(english, "fr") == "en"  # a long text: detection wins over a wrong tag
    assert decide_language("Le 15 mai.", "fr") == "fr"  # too short to tell: the tag breaks the tie
    with pytest.raises(InputError) as exc:
        decide_language("O governo anunciou ontem um novo plano para os hospitais do país, com dois mil milhões.")
    assert "Portuguese (pt)" in str(exc.value) and "--lang fr or --lang en" in str(exc.value)
    with pytest.raises(InputError, match="Cyrillic"):
        decide_language("Правительство объявило о новом плане для больниц страны.", "de")


def test_ingest_markdown_stores_no_markup(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    source = (
        "---\ndate: 2025-04-08\n---\n# Le **plan** hôpitaux\n\n"
        "- Plus de 3 000 lits\n- 120 services\n\n> « Insuffisant »\n"
    )
    result = cli("ingest", write(tmp_path, "plan.md", source.encode()), "--json")
    assert result.exit_code == 0, result.stderr
    (ingested,) = result.json()
    assert ingested["article"]["title"] == "Le plan hôpitaux"
    assert ingested["article"]["published"] == "2025-04-08"
    for claim in ingested["claims"]:
        for markup in ("**", "#", "> ", "- "):
            assert markup not in claim["span"]["quote"] and markup not in claim["text"]


def test_ingest_html_says_where_the_date_came_from(cli, registry):
    assert cli("init").exit_code == 0
    page = Path(__file__).resolve().parent / "fixtures" / "pages" / "fr-paywall.html"
    result = cli("ingest", page)
    assert result.exit_code == 0, result.stderr
    assert "published 2025-06-19 (from the URL)" in result.stdout


def test_one_article_shows_its_stage_on_a_terminal_only(cli, registry, monkeypatch):
    import io

    from rich.console import Console

    import claimcheck.cli.output as output

    assert cli("init").exit_code == 0
    page = Path(__file__).resolve().parent / "fixtures" / "pages" / "fr-two-mains.html"
    screen, piped_console = io.StringIO(), output.err_console
    monkeypatch.setattr(output, "err_console", Console(file=screen, force_terminal=True, width=80))
    assert cli("ingest", page).exit_code == 0
    monkeypatch.setattr(output, "err_console", piped_console)
    shown = screen.getvalue()
    assert "Reading the file" in shown and "Extracting claims" in shown
    piped = cli("ingest", page.with_name("en-live-blog.html"))  # stderr not a terminal: nothing on it
    assert piped.exit_code == 0 and piped.stderr == ""
