"""When two claims state the same thing: value, wording and context, on hand-made claims."""

from __future__ import annotations

import pytest

from claimcheck.models import Claim, Kind, Span
from claimcheck.similar import content_words, same_thing, value_key


def _claim(
    ident: str, article: str, kind: Kind, quote: str, label: str, value: dict, prefix: str = "", suffix: str = ""
) -> Claim:
    return Claim(
        id=ident,
        article_id=article,
        kind=kind,
        text=label,
        value=value,
        span=Span(start=0, end=len(quote), quote=quote, prefix=prefix, suffix=suffix),
    )


def test_value_only_claims_need_shared_context():
    soldiers = {"amount": 1000, "unit": "soldats", "bound": "more_than"}
    a = _claim("c-000001", "a-1", Kind.quantity, "plus de 1 000 soldats", "1,000+ soldats", soldiers)
    b = _claim("c-000002", "a-2", Kind.quantity, "plus de 1 000 soldat", "1,000+ soldat", soldiers | {"unit": "soldat"})
    assert same_thing(a, b)
    km = {"amount": 750, "unit": "km", "bound": "exact"}
    agadez = _claim(
        "c-000003",
        "a-1",
        Kind.quantity,
        "750 km",
        "750 km",
        km,
        "la ville centrale d'Agadez, à ",
        " (460 miles) au nord-est de Niamey",
    )
    agadez2 = _claim(
        "c-000004",
        "a-2",
        Kind.quantity,
        "750 km",
        "750 km",
        km,
        "Agadez se trouve à ",
        " au nord-est de Niamey, la capitale",
    )
    road = _claim(
        "c-000005",
        "a-3",
        Kind.quantity,
        "750 km",
        "750 km",
        km,
        "Le nouveau tronçon d'autoroute fait ",
        " de long et coûtera cher",
    )
    assert same_thing(agadez, agadez2)
    assert not same_thing(agadez, road)
    assert content_words("l'Agadez, à 750 km de Niamey") == {"agadez", "niamey"}


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        (
            Kind.quantity,
            {"amount": 1000, "unit": "Soldats", "bound": "more_than"},
            (1000.0, None, "more_than", "soldat", ""),
        ),
        (Kind.money, {"amount": "1e8", "currency": "USD"}, (100000000.0, None, "exact", "", "USD")),
        (Kind.date, {"start": "2024-09-15", "end": "2024-09-15"}, ("2024-09-15", "2024-09-15")),
        (Kind.quote, {"speaker": "  Emmanuel\u00a0Macron"}, ("emmanuel macron",)),
        (Kind.statement, {"checkworthiness": 1.0}, ()),
    ],
)
def test_value_key_is_what_two_claims_of_a_kind_must_share(kind, value, key):
    assert value_key(_claim("c-000001", "a-1", kind, "x", "x", value)) == key


def test_a_different_value_is_never_the_same_thing_whatever_the_wording():
    a = _claim("c-000001", "a-1", Kind.percent, "15 %", "~15%", {"amount": 15, "bound": "about"})
    b = _claim("c-000002", "a-2", Kind.percent, "15 %", "~15%", {"amount": 16, "bound": "about"})
    assert not same_thing(a, b)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("dans les négociations avec Niamey", {"négociations", "niamey"}),
        ("d'Agadez jusqu'à l'aéroport", {"agadez", "aéroport"}),
        ("the 2024 deadline was before that", {"deadline"}),
    ],
)
def test_content_words_drop_short_words_stopwords_and_elisions(text, words):
    assert content_words(text) == words
