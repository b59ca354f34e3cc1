"""schema.org ClaimReview as JSON-LD: one review per claim that has a verdict.

Only the verdict statuses (verified, false, misleading) say something about the
world, so only they become a ClaimReview. The rating scale (documented in the
README) is numeric so that search engines can compare it, with the verdict's
words in `alternateName`:

    1 false · 2 misleading · 5 verified      (worstRating 1, bestRating 5)

3 and 4 are left for verdicts claimcheck does not have yet (mixed, mostly true).

`itemReviewed.appearance` is the article URL with a text fragment
(`#:~:text=…`, WICG Text Fragments) that scrolls a browser to the claim's words.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote

from claimcheck.models import Article, Claim, Kind, Status
from claimcheck.report.common import (
    Advance,
    Item,
    each,
    is_anchored,
    link_url,
    one_line,
    reading_order,
    sentence_around,
    shorten,
)

RATING = {Status.false: 1, Status.misleading: 2, Status.verified: 5}
BEST_RATING = 5
WORST_RATING = 1
# The verdict's words as a reader sees them, in the article's language.
VERDICT_LABEL = {
    "en": {Status.false: "False", Status.misleading: "Misleading", Status.verified: "True"},
    "fr": {Status.false: "Faux", Status.misleading: "Trompeur", Status.verified: "Vrai"},
}
CLAIM_REVIEWED_MAX = 75
# Longer quotes are pointed at by their first and last words (textStart,textEnd), as the spec advises.
_RANGE_WORDS = 5
_PREFIX_WORDS = 3


def fragment_encode(text: str) -> str:
    """Percent-encode a text-fragment term: everything but unreserved ASCII, and `-` too.

    The spec reserves `-`, `&` and `,` as syntax inside `#:~:text=`; `quote`
    already encodes `&` and `,` when nothing is marked safe, but keeps `-`.
    """
    return quote(text, safe="").replace("-", "%2D")


def text_fragment(text: str, start: int, end: int) -> str:
    """`:~:text=` directive for `text[start:end]`, with a prefix when the words appear earlier too."""
    words = text[start:end].split()
    if len(words) > 2 * _RANGE_WORDS:
        first = words[:_RANGE_WORDS]
        target = fragment_encode(" ".join(first)) + "," + fragment_encode(" ".join(words[-_RANGE_WORDS:]))
    else:
        first = words
        target = fragment_encode(" ".join(words))
    # Browsers match across any run of whitespace; so does this search of the text before the span.
    earlier = re.compile(r"\s+".join(map(re.escape, first))) if first else None
    if earlier is not None and earlier.search(text, 0, start):
        # A browser highlights the first match: the words just before make this one unique.
        before = one_line(text[max(0, start - 200) : start]).split(" ")
        prefix = " ".join(w for w in before[-_PREFIX_WORDS:] if w)
        if prefix:
            target = fragment_encode(prefix) + "-," + target
    return ":~:text=" + target


def appearance_url(article: Article, claim: Claim) -> str | None:
    """The article URL pointing at the claim's words, or None when the article has no web address."""
    base = link_url(article.url)
    if base is None:
        return None
    base = base.split("#", 1)[0]
    if not is_anchored(article, claim):
        return base
    return base + "#" + text_fragment(article.text, claim.span.start, claim.span.end)


def claim_reviewed(article: Article, claim: Claim) -> str:
    """What was checked, in the article's words, at most 75 characters, without the verdict.

    A quote or a statement is its own words; a number or a date alone (`dimanche`)
    says little, so it comes with as much of its sentence as fits.
    """
    if claim.kind in (Kind.quote, Kind.statement) or not is_anchored(article, claim):
        return shorten(claim.span.quote or claim.text, CLAIM_REVIEWED_MAX)
    before, words, after = sentence_around(article.text, claim.span.start, claim.span.end)
    words = one_line(words)
    left = one_line(before.strip("…")).split()
    right = one_line(after.strip("…")).split()
    room = CLAIM_REVIEWED_MAX - 2  # an ellipsis either side if the sentence is cut
    # Grow a word at a time, after first (the verb and object usually follow the number), then before.
    grew = True
    while grew:
        grew = False
        if right and len(words) + 1 + len(right[0]) <= room:
            words = f"{words} {right.pop(0)}"
            grew = True
        if left and len(words) + 1 + len(left[-1]) <= room:
            words = f"{left.pop()} {words}"
            grew = True
    if len(words) > room:
        return shorten(words, CLAIM_REVIEWED_MAX)
    return ("…" if left else "") + words + ("…" if right else "")


def _review_date(claim: Claim) -> date:
    """When the verdict was given: the last status change to the current status."""
    for event in reversed(claim.history):
        if event.action == "status" and event.detail.get("to") == claim.status.value:
            return event.at.date()
    return claim.updated_at.date()


def _review_url(template: str | None, article: Article, claim: Claim) -> str | None:
    if not template:
        return None
    # Plain replacement, not str.format: a template is user input and `{0.__class__}` must stay text.
    url = template.replace("{claim_id}", claim.id).replace("{article_id}", article.id)
    return link_url(url)


def claim_review(article: Article, claim: Claim, *, org: str | None, review_url: str | None) -> dict[str, Any]:
    labels = VERDICT_LABEL.get(article.language, VERDICT_LABEL["en"])
    item: dict[str, Any] = {"@type": "Claim", "datePublished": article.published.isoformat()}
    appearance = appearance_url(article, claim)
    if appearance:
        work: dict[str, Any] = {
            "@type": "NewsArticle",
            "url": appearance,
            "datePublished": article.published.isoformat(),
        }
        if article.title:
            work["headline"] = one_line(article.title)
        if article.outlet:
            work["publisher"] = {"@type": "Organization", "name": one_line(article.outlet)}
        item["appearance"] = work
    speaker = claim.value.get("speaker")
    if speaker:
        item["author"] = {"@type": "Person", "name": one_line(str(speaker))}
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": claim_reviewed(article, claim),
        "datePublished": _review_date(claim).isoformat(),
        "inLanguage": article.language,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[claim.status],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": labels[claim.status],
        },
        "itemReviewed": item,
        "identifier": claim.id,
    }
    if org:
        review["author"] = {"@type": "Organization", "name": one_line(org)}
    url = _review_url(review_url, article, claim)
    if url:
        review["url"] = url
    return review


def reviews(
    items: list[Item], *, org: str | None = None, review_url: str | None = None, advance: Advance | None = None
) -> list[dict[str, Any]]:
    """One ClaimReview per claim with a verdict, articles in the given order, claims in article order."""
    out = []
    for article, claims in each(items, advance):
        for claim in reading_order(claims):
            if claim.status in RATING:
                out.append(claim_review(article, claim, org=org, review_url=review_url))
    return out


def render(
    items: list[Item],
    *,
    org: str | None = None,
    review_url: str | None = None,
    advance: Advance | None = None,
    **_: Any,
) -> str:
    from pydantic_core import to_json

    doc = {"@context": "https://schema.org", "@graph": reviews(items, org=org, review_url=review_url, advance=advance)}
    text = to_json(doc, indent=2).decode("utf-8")
    # Safe to paste inside <script type="application/ld+json">: no `</script>` can close it early
    # (a `<` only ever appears inside a JSON string, where \u003c means the same character).
    return text.replace("<", "\\u003c") + "\n"
