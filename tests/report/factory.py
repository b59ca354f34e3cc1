"""Hand-made articles and claims for the report tests, built through the models and actions.

`seed_item()` is the seed article (examples/niger-us-withdrawal.fr.txt) with
claims in every status, a statement sentence holding atomic claims (nested
highlights) and an orphaned claim; `hostile_item()` is an article whose text,
metadata, notes and URLs try to inject markup and script.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from claimcheck import actions
from claimcheck.models import Article, Claim, Evidence, Kind, Span, Stance, Status, sha256_text
from claimcheck.workflows.drafts import created

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = EXAMPLES / "niger-us-withdrawal.fr.txt"
WHEN = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
DOD = "https://www.defense.gov/News/Releases/Release/Article/3781213/"
AFRICOM = "https://www.africom.mil/pressrelease/35000/us-niger-joint-statement"


def article(
    text: str,
    *,
    id: str = "a-5eed01",
    title: str | None = "Niger : les troupes américaines partiront",
    url: str | None = "https://news.example.org/afrique/niger-retrait-americain",
    outlet: str | None = "Example News",
    language: str = "fr",
    published: date = date(2024, 5, 20),
) -> Article:
    return Article(
        id=id,
        title=title,
        url=url,
        outlet=outlet,
        language=language,
        published=published,
        text=text,
        sha256=sha256_text(text),
        source="niger-us-withdrawal.fr.txt",
        ingested_at=WHEN,
        ingested_by="tester",
    )


def claim(
    art: Article,
    quote: str,
    kind: Kind,
    *,
    occurrence: int = 0,
    value: dict[str, Any] | None = None,
    text: str | None = None,
    n: int = 0,
) -> Claim:
    """A claim on the `occurrence`-th appearance of `quote` in the article, as ingest would store it."""
    start = -1
    for _ in range(occurrence + 1):
        start = art.text.index(quote, start + 1)
    end = start + len(quote)
    made = Claim(
        id=f"c-{n:06x}",
        article_id=art.id,
        kind=kind,
        text=text or quote,
        span=Span(
            start=start,
            end=end,
            quote=quote,
            prefix=art.text[max(0, start - 32) : start],
            suffix=art.text[end : end + 32],
        ),
        value=value or {},
        created_at=WHEN,
        updated_at=WHEN,
    )
    return created(made, by="extractor")


def set_status(
    claim: Claim,
    status: Status,
    *,
    by: str,
    evidence: list[Evidence] = (),  # type: ignore[assignment]
    note: str | None = None,
) -> Claim:
    """actions.set_status (which works on stored documents) on a model."""
    items = [e.model_dump(mode="json") for e in evidence]
    return Claim.model_validate(
        actions.set_status(claim.model_dump(mode="json"), status, by=by, evidence=items, note=note)
    )


def add_evidence(claim: Claim, item: Evidence, *, by: str) -> Claim:
    return Claim.model_validate(
        actions.add_evidence(claim.model_dump(mode="json"), item.model_dump(mode="json"), by=by)
    )


def evidence(url: str, stance: Stance = Stance.supports, note: str | None = None) -> Evidence:
    return Evidence(url=url, stance=stance, note=note, added_at=WHEN, added_by="alice")


def seed_item() -> tuple[Article, list[Claim]]:
    art = article(SEED.read_text(encoding="utf-8"))
    specs = [
        ("15 septembre", Kind.date, {"start": "2024-09-15", "end": "2024-09-15", "granularity": "day"}, "2024-09-15"),
        ("dimanche", Kind.date, {"start": "2024-05-19", "end": "2024-05-19", "granularity": "day"}, "2024-05-19"),
        (
            "parvenus à un accord de désengagement pour effectuer le retrait des forces américaines, qui a déjà "
            "commencé",
            Kind.quote,
            {"speaker": None},
            None,
        ),
        ("attitude condescendante", Kind.quote, {"speaker": "Amadou Abdramane"}, None),
        ("menaces de représailles", Kind.quote, {"speaker": "Amadou Abdramane"}, None),
        (
            "Les États-Unis ont construit il y a six ans une base militaire de 100 millions de dollars (80 millions "
            "de livres sterling) dans la ville centrale d’Agadez, à 750 km (460 miles) au nord-est de Niamey.",
            Kind.statement,
            {"checkworthiness": 0.82},
            None,
        ),
        (
            "deux bases militaires",
            Kind.quantity,
            {"amount": 2, "unit": "bases militaires", "bound": "exact"},
            "2 bases militaires",
        ),
        (
            "il y a six ans",
            Kind.date,
            {"start": "2018-01-01", "end": "2018-12-31", "granularity": "year", "relative": True},
            "2018",
        ),
        (
            "100 millions de dollars",
            Kind.money,
            {"amount": 100000000, "currency": "USD", "bound": "exact"},
            "$100M base militaire",
        ),
        (
            "80 millions de livres sterling",
            Kind.money,
            {"amount": 80000000, "currency": "GBP", "bound": "exact"},
            "£80M",
        ),
        ("750 km", Kind.quantity, {"amount": 750, "unit": "km", "bound": "exact"}, "750 km"),
        ("460 miles", Kind.quantity, {"amount": 460, "unit": "mi", "bound": "exact"}, "460 mi"),
        (
            "plus de 1 000 soldats",
            Kind.quantity,
            {"amount": 1000, "unit": "soldats", "bound": "more_than"},
            "1,000+ soldats",
        ),
        (
            "Le mois dernier",
            Kind.date,
            {"start": "2024-04-01", "end": "2024-04-30", "granularity": "month", "relative": True},
            "2024-04",
        ),
    ]
    claims = {
        quote: claim(art, quote, kind, value=value, text=text, n=n + 1)
        for n, (quote, kind, value, text) in enumerate(specs)
    }

    def change(quote: str, status: Status, items: list[Evidence] = (), note: str | None = None) -> None:  # type: ignore[assignment]
        claims[quote] = set_status(claims[quote], status, by="alice", evidence=list(items), note=note)

    change(
        "plus de 1 000 soldats",
        Status.verified,
        [evidence(DOD, note="About 1,100 US troops in Niger")],
        note="The Pentagon gives about 1,100.",
    )
    change("15 septembre", Status.verified, [evidence(AFRICOM)])
    change(
        "100 millions de dollars",
        Status.misleading,
        [evidence("https://www.example.org/agadez-base-cost", Stance.refutes, "Total cost was $110M")],
        note="The base cost $110M with its runway.",
    )
    change(
        "750 km",
        Status.false,
        [evidence("https://www.example.org/maps/agadez-niamey", Stance.refutes, "About 920 km by road")],
        note="Straight-line distance is 770 km.",
    )
    change("deux bases militaires", Status.in_review)
    change("dimanche", Status.unverifiable, note="The joint statement gives no day.")
    change("Le mois dernier", Status.dismissed, note="Not check-worthy.")
    claims["attitude condescendante"] = add_evidence(
        claims["attitude condescendante"], evidence("https://www.example.org/abdramane-tv", Stance.context), by="alice"
    )
    # A claim whose quote was lost when the article was edited: listed, never highlighted.
    lost = claim(art, "Le trio", Kind.quantity, value={"amount": 3, "bound": "exact"}, n=99)
    lost = lost.model_copy(update={"orphaned": True})
    return art, [*claims.values(), lost]


HOSTILE_TEXT = (
    "Breaking: <script>window.__pwned = 'script'; alert('script')</script> officials said 40 people left.\n\n"
    "An image <img src=x onerror=\"window.__pwned='img'; alert('img')\"> and a "
    "<a href=\"javascript:window.__pwned='link'\">link</a> appear in the text.\n\n"
    "They said \"</mark></p><script>window.__pwned='break'</script>\" and & &amp; &lt;b&gt; too."
)


def hostile_item() -> tuple[Article, list[Claim]]:
    art = article(
        HOSTILE_TEXT,
        id="a-bad001",
        title="<script>window.__pwned='title'</script> Title",
        url="javascript:window.__pwned='url'",
        outlet="<img src=x onerror=alert('outlet')>",
        language="en",
    )
    script = claim(art, "<script>window.__pwned = 'script'; alert('script')</script>", Kind.statement, n=0xBAD001)
    img = claim(
        art,
        "<img src=x onerror=\"window.__pwned='img'; alert('img')\">",
        Kind.statement,
        n=0xBAD002,
        text="<svg onload=alert('text')>",
    )
    link = claim(
        art,
        "<a href=\"javascript:window.__pwned='link'\">link</a>",
        Kind.quote,
        value={"speaker": "<b onmouseover=alert('speaker')>x</b>"},
        n=0xBAD003,
    )
    people = claim(
        art, "40 people", Kind.quantity, value={"amount": 40, "unit": "people", "bound": "exact"}, n=0xBAD004
    )
    breaker = claim(art, "</mark></p><script>window.__pwned='break'</script>", Kind.quote, n=0xBAD005)
    bad = Evidence(
        url="javascript:window.__pwned='evidence'",
        stance=Stance.refutes,
        note="</script><script>window.__pwned='note'</script>",
        added_at=WHEN,
        added_by="<i>eve</i>",
    )
    # Built directly: `make_evidence` refuses such a URL, and a report must not trust that it always did.
    people = people.model_copy(update={"evidence": [bad, evidence("https://example.org/ok?a=1&b=<2>")]})
    people = set_status(
        people, Status.false, by="<u>mallory</u>", note="<img src=x onerror=\"window.__pwned='history'\">"
    )
    return art, [script, img, link, people, breaker]
