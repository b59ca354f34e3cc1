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
