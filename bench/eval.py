"""Score the extractor against gold annotations, without going through the CLI.

    python bench/eval.py DIR [DIR...] [--verbose]

Each DIR holds `*.gold.json` files beside their articles (the format of
`shared/eval/dev`). The matching rules are those of `shared/eval/score.py`,
so the figures agree with it:

- recall: a required gold item is found when a claim of the same kind
  overlaps it by at least half of the shorter of the two spans;
- correct-value recall: found with the right normalized value;
- precision: numeric, date and quote claims that overlap some gold item;
- span integrity, negatives (numeric claims on a phrase that is not one),
  sentence coverage (sentences, cut the scorer's rough way, that some claim touches).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.extract.pipeline import extract  # noqa: E402
from claimcheck.models import ClaimDraft  # noqa: E402
from claimcheck.sources import load_document  # noqa: E402

ATOMIC = {"quantity", "money", "percent", "date", "quote"}
NUMERIC = {"quantity", "money", "percent"}
_COUNTS = ("required", "matched", "value_ok", "atomic", "fp", "span_bad", "neg_hit", "sent", "sent_cov")


def score_dir(path: str | Path, *, verbose: bool = False) -> dict[str, Any]:
    """Score every *.gold.json in `path`: totals, ratios, and a result per article."""
    return score_dirs([path], verbose=verbose)


def score_dirs(paths: Sequence[str | Path], *, verbose: bool = False) -> dict[str, Any]:
    articles: dict[str, dict[str, Any]] = {}
    totals = dict.fromkeys(_COUNTS, 0)
    for directory in paths:
        for gold_path in sorted(Path(directory).glob("*.gold.json")):
            result = score_article(gold_path, verbose=verbose)
            articles[gold_path.name] = result
            for key in _COUNTS:
                totals[key] += result[key]
    return {**_ratios(totals), "totals": totals, "articles": articles}


def score_article(gold_path: Path, *, verbose: bool = False) -> dict[str, Any]:
    """The counts for one article, and with `verbose` the list of what went wrong."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = load_document(gold_path.with_name(gold["article"])).text
    claims = extract(text, gold["lang"], date.fromisoformat(gold["published"]))
    res: dict[str, Any] = dict.fromkeys(_COUNTS, 0)
    notes: list[str] = []
    for item in gold["items"]:
        item["_span"] = _locate(text, item["quote"], item.get("occ", 0))
    for c in claims:
        if not (0 <= c.start < c.end <= len(text)):
            res["span_bad"] += 1
            notes.append(f"span out of text: {c.kind} {c.start}..{c.end}")
    for item in gold["items"]:
        if not item.get("required", True):
            continue
        res["required"] += 1
        gs = item["_span"]
        cands = [
            c
            for c in claims
            if c.kind == item["kind"] and _overlap(gs, (c.start, c.end)) >= 0.5 * min(gs[1] - gs[0], c.end - c.start)
        ]
        if not cands:
            notes.append(f"MISS  {item['kind']:8} {item['quote']!r}")
            continue
        res["matched"] += 1
        checks = [_value_ok(item, c) for c in cands]
        if any(ok for ok, _ in checks):
            res["value_ok"] += 1
        else:
            notes.append(f"VALUE {item['kind']:8} {item['quote']!r}: {checks[0][1]}")
    gold_spans = [item["_span"] for item in gold["items"]]
    for c in claims:
        if c.kind not in ATOMIC:
            continue
        res["atomic"] += 1
        if not any(_overlap((c.start, c.end), gs) > 0 for gs in gold_spans):
            res["fp"] += 1
            notes.append(f"EXTRA {c.kind:8} {text[c.start : c.end]!r} {c.value}")
    for neg in gold.get("negatives", []):
        ns = _locate(text, neg, 0)
        if any(c.kind in NUMERIC and _overlap(ns, (c.start, c.end)) > 0 for c in claims):
            res["neg_hit"] += 1
            notes.append(f"NEG   {neg!r}")
    for ss in _rough_sentences(text):
        res["sent"] += 1
        if any(_overlap(ss, (c.start, c.end)) > 0 for c in claims):
            res["sent_cov"] += 1
        else:
            notes.append(f"UNCOVERED {text[ss[0] : ss[1]][:70]!r}")
    if verbose:
        res["notes"] = notes
    return res


def _ratios(t: dict[str, int]) -> dict[str, Any]:
    return {
        "recall": t["matched"] / max(1, t["required"]),
        "value_recall": t["value_ok"] / max(1, t["required"]),
        "precision": 1 - t["fp"] / max(1, t["atomic"]),
        "coverage": t["sent_cov"] / max(1, t["sent"]),
        "span_bad": t["span_bad"],
        "negatives": t["neg_hit"],
    }


def _locate(text: str, quote: str, occ: int) -> tuple[int, int]:
    i = -1
    for _ in range(occ + 1):
        i = text.find(quote, i + 1)
        if i < 0:
            raise ValueError(f"gold quote not in text: {quote!r}")
    return i, i + len(quote)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _num_eq(x: Any, y: Any) -> bool:
    try:
        return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _value_ok(item: dict[str, Any], claim: ClaimDraft) -> tuple[bool, str]:
    gv, cv, kind = item["value"], claim.value or {}, item["kind"]
    if kind in NUMERIC:
        if not _num_eq(cv.get("amount"), gv["amount"]):
            return False, f"amount {cv.get('amount')} != {gv['amount']}"
        if (cv.get("bound") or "exact") != gv.get("bound", "exact"):
            return False, f"bound {cv.get('bound')} != {gv.get('bound')}"
        if "amount_max" in gv and not _num_eq(cv.get("amount_max"), gv["amount_max"]):
            return False, f"amount_max {cv.get('amount_max')} != {gv['amount_max']}"
        if kind == "money" and (cv.get("currency") or "").upper() != gv["currency"]:
            return False, f"currency {cv.get('currency')} != {gv['currency']}"
        if "unit" in gv and (cv.get("unit") or "") != gv["unit"]:
            return False, f"unit {cv.get('unit')} != {gv['unit']}"
        return True, ""
    if kind == "date":
        got = (cv.get("start"), cv.get("end"))
        accepted = [(gv["start"], gv["end"])] + [tuple(a) for a in item.get("accept", [])]
        return got in accepted, f"date {got} not in {accepted}"
    if kind == "quote":
        want = gv.get("speaker")
        if not want:
            return True, ""
        said_by = (cv.get("speaker") or "").lower()
        return want.split()[-1].lower() in said_by, f"speaker {cv.get('speaker')!r} != {want!r}"
    return True, ""


def _rough_sentences(text: str) -> list[tuple[int, int]]:
    """The scorer's coverage units: lines, cut again at `. ` before a capital or a quote."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        pos = m.start()
        for part in re.split(r"(?<=[.!?»\"])\s+(?=[A-ZÀ-ÖØ-Ý«\"])", m.group()):
            i = text.find(part, pos)
            out.append((i, i + len(part)))
            pos = i + len(part)
    return out


def _summary(r: dict[str, Any]) -> str:
    return (
        f"recall {r['recall']:.3f} correct-value recall {r['value_recall']:.3f} precision {r['precision']:.3f} "
        f"sentence-coverage {r['coverage']:.3f} span_bad {r['span_bad']} negatives {r['negatives']}"
    )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args
    dirs = [a for a in args if a != "--verbose"]
    if not dirs:
        print("usage: python bench/eval.py DIR [DIR...] [--verbose]", file=sys.stderr)
        return 2
    result = score_dirs(dirs, verbose=verbose)
    for name, r in result["articles"].items():
        print(
            f"{name}: recall {r['matched']}/{r['required']} value {r['value_ok']}/{r['matched']} "
            f"extra {r['fp']}/{r['atomic']} span_bad {r['span_bad']} neg {r['neg_hit']} "
            f"sentences {r['sent_cov']}/{r['sent']}"
        )
        for note in r.get("notes", []):
            print(f"   {note}")
    print("overall " + _summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
