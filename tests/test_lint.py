"""`lint`: what an article's claims say about each other."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.lint import Rate, lint, read_rates
from claimcheck.models import Article, Claim, Kind, Span
from tests.conftest import EXAMPLES, SEED


def _article(text: str, published_source: str = "option") -> Article:
    return Article(
        id="a-000001",
        language="fr",
        published=date(2024, 5, 20),
        published_source=published_source,
        text=text,
        sha256="0",
    )


def _claim(text: str, quote: str, kind: Kind, value: dict, n: int = 0) -> Claim:
    start = text.index(quote)
    return Claim(
        id=f"c-{n:06d}",
        article_id="a-000001",
        kind=kind,
        text=quote,
        value=value,
        span=Span(start=start, end=start + len(quote), quote=quote),
    )


def _distance(text: str, first: str, first_value: dict, second: str, second_value: dict) -> list:
    return lint(
        _article(text),
        [_claim(text, first, Kind.quantity, first_value, 1), _claim(text, second, Kind.quantity, second_value, 2)],
    )


# -- through the command line --------------------------------------------------------


def test_the_seed_article_has_no_warning_or_error(cli, seeded):
    result = cli("lint", "--json", "--strict")
    assert result.exit_code == 0, result.stdout
    findings = result.json()
    assert all(f["severity"] == "info" for f in findings)
    # Without a rate table, the dollar/pound pair is reported as not checkable, nothing more.
    assert [f["code"] for f in findings] == ["exchange-rate-unknown"]
    assert "USD/GBP" in findings[0]["message"]


def test_a_wrong_conversion_is_flagged(cli, seeded, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(
        SEED.read_text(encoding="utf-8").replace("750 km (460 miles)", "750 km (600 miles)"), encoding="utf-8"
    )
    ingested = cli("ingest", wrong, "--published", "2024-05-20", "--lang", "fr", "--json")
    assert ingested.exit_code == 0, ingested.stderr
    article = ingested.json()[0]["article"]["id"]
    claims = {c["span"]["quote"]: c["id"] for c in cli("list", "--article", article, "--json").json()}

    result = cli("lint", article, "--json")
    assert result.exit_code == 0
    errors = [f for f in result.json() if f["severity"] == "error"]
    assert [(f["code"], f["claim_ids"]) for f in errors] == [("conversion", [claims["750 km"], claims["600 miles"]])]
    assert "466" in errors[0]["message"]

    assert cli("lint", article, "--strict").exit_code == 1
    text = cli("lint", article)
    assert text.exit_code == 0 and "conversion" in text.stdout


def test_a_rate_table_checks_the_currency_pair(cli, seeded, registry):
    (registry / "rates.csv").write_text(
        "date,pair,rate\n2024-05-17,USD/GBP,0.79\n2023-01-02,USD/GBP,0.5\n", encoding="utf-8"
    )
    assert cli("lint", "--json").json() == []
    (registry / "rates.csv").write_text("date,pair,rate\n2024-05-20,GBP/USD,2.0\n", encoding="utf-8")
    findings = cli("lint", "--json").json()
    assert [(f["code"], f["severity"]) for f in findings] == [("exchange-rate", "error")]


def test_a_broken_rate_table_is_a_clean_error(cli, seeded, registry):
    (registry / "rates.csv").write_text("date,pair,rate\nyesterday,USD/GBP,0.79\n", encoding="utf-8")
    result = cli("lint")
    assert result.exit_code == 1
    assert "rates.csv, line 2" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["port-expansion.en.txt", "prix-energie.fr.txt"])
def test_the_other_examples_have_no_warning_or_error(cli, registry, name):
    assert cli("init").exit_code == 0
    assert cli("ingest", EXAMPLES / name, "--published", "2024-05-20").exit_code == 0
    findings = cli("lint", "--json").json()
    assert [f for f in findings if f["severity"] != "info"] == []


# -- pure rules ----------------------------------------------------------------------------


def test_conversions_hold_within_rounding():
    text = "Une digue de 2,4 km (1,5 mile) et un lac de 120 hectares (300 acres)."
    assert _distance(text, "2,4 km", {"amount": 2.4, "unit": "km"}, "1,5 mile", {"amount": 1.5, "unit": "mi"}) == []
    assert (
        _distance(text, "120 hectares", {"amount": 120, "unit": "ha"}, "300 acres", {"amount": 300, "unit": "acre"})
        == []
    )  # 296.5 acres


def test_a_round_figure_does_not_excuse_a_wrong_one():
    text = "À 1 000 km (1 000 miles) de la côte."
    found = _distance(text, "1 000 km", {"amount": 1000, "unit": "km"}, "1 000 miles", {"amount": 1000, "unit": "mi"})
    assert [f.code for f in found] == ["conversion"]


def test_units_that_do_not_convert_and_counted_nouns_are_left_alone():
    text = "Il a parcouru 30 km (2 heures) avec 12 soldats (3 officiers)."
    assert _distance(text, "30 km", {"amount": 30, "unit": "km"}, "2 heures", {"amount": 2, "unit": "h"}) == []
    assert (
        _distance(
            text, "12 soldats", {"amount": 12, "unit": "soldats"}, "3 officiers", {"amount": 3, "unit": "officiers"}
        )
        == []
    )


def test_the_rate_nearest_the_publication_date_is_used():
    text = "Un budget de 100 millions de dollars (80 millions de livres)."
    claims = [
        _claim(text, "100 millions de dollars", Kind.money, {"amount": 1e8, "currency": "USD"}, 1),
        _claim(text, "80 millions de livres", Kind.money, {"amount": 8e7, "currency": "GBP"}, 2),
    ]
    near = [Rate(date(2024, 5, 21), "USD/GBP", 0.79), Rate(date(2020, 1, 1), "USD/GBP", 0.6)]
    assert lint(_article(text), claims, near) == []
    far = [Rate(date(2024, 5, 21), "USD/GBP", 0.6), Rate(date(2020, 1, 1), "USD/GBP", 0.79)]
    assert [f.code for f in lint(_article(text), claims, far)] == ["exchange-rate"]


def test_the_same_quantity_with_incompatible_values_is_a_warning():
    text = (
        "Les États-Unis comptent 1 000 soldats stationnés sur cette base.\n\n"
        "Selon le Pentagone, les États-Unis comptent 1 400 soldats stationnés sur cette base."
    )
    claims = [
        _claim(text, "1 000 soldats", Kind.quantity, {"amount": 1000, "unit": "soldats"}, 1),
        _claim(text, "1 400 soldats", Kind.quantity, {"amount": 1400, "unit": "soldats"}, 2),
    ]
    found = lint(_article(text), claims)
    assert [(f.code, f.severity, f.claim_ids) for f in found] == [("inconsistent", "warning", ["c-000001", "c-000002"])]
    # `plus de 1 000` and `1 400` can both hold.
    claims[0] = claims[0].model_copy(update={"value": {"amount": 1000, "unit": "soldats", "bound": "more_than"}})
    assert lint(_article(text), claims) == []


def test_dates_that_could_not_be_anchored_are_warnings():
    text = "Il est parti l'année dernière, puis revenu un jour."
    resolved = _claim(
        text, "l'année dernière", Kind.date, {"start": "2023-01-01", "end": "2023-12-31", "relative": True}, 1
    )
    vague = _claim(text, "un jour", Kind.date, {"relative": True}, 2)
    assert [f.code for f in lint(_article(text), [resolved, vague])] == ["date-unanchored"]
    assumed = lint(_article(text, published_source="ingest"), [resolved])
    assert [(f.code, f.claim_ids) for f in assumed] == [("date-assumed", ["c-000001"])]


def test_read_rates_accepts_a_missing_file(tmp_path):
    assert read_rates(tmp_path / "rates.csv") == []
    (tmp_path / "rates.csv").write_text("date,pair,rate\n2024-05-20, usd/gbp ,0.79\n\n", encoding="utf-8")
    assert read_rates(tmp_path / "rates.csv") == [Rate(date(2024, 5, 20), "USD/GBP", 0.79)]
