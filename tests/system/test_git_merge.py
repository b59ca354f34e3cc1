"""Two checkers, two clones, one registry in git: random work on both sides, merged, nothing lost.

Each scenario makes a bare origin and two clones, A (`claimcheck init --git`) and
B (`claimcheck git setup` after cloning), then plays rounds: random operations
on both sides (ingest, update, mark, evidence, add, notes; often on the same
article and the same claim), one side pushes, the other merges it (git runs
the `claimcheck` merge driver) and pushes, the first pulls. Which side merges
changes from round to round: each side's work is merged as ours and as theirs; in
some rounds each side first merges the other's work, then one merges the other's
merge (a criss-cross, whose virtual merge base git also builds with the driver).

After every merge: git left no unmerged path, no registry file holds a conflict
marker, `doctor` is clean on both clones, `claimcheck conflicts` lists exactly
the claims whose status both sides changed to different values (they are then
resolved), both clones list the same claims, and every change a command
acknowledged is there. The harness keeps out what the driver leaves to a person
by design: two sides updating one article to two texts.

The short form (2 scenarios) runs on every submission; the long form prints its figures:

    CLAIMCHECK_GIT_SCENARIOS=300 pytest tests/system/test_git_merge.py -s
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SCENARIOS = int(os.environ.get("CLAIMCHECK_GIT_SCENARIOS", "2"))
ROUNDS = 3
OPS_PER_SIDE = 5
FIGURES = ("1 200 soldats", "3 000 soldats", "450 soldats", "800 soldats")
PERCENTS = ("4,2 %", "7 %", "11,6 %")
STATUSES = ("in-review", "verified", "false", "misleading", "unverifiable", "dismissed", "unverified")
MARKERS = ("<<<<<<<", ">>>>>>>", "|||||||")


def _text(rng: random.Random, k: int) -> str:
    return (
        f"Dépêche {k} du port. Le ministère a annoncé {rng.choice(FIGURES)} le {rng.randint(1, 28)} mai 2024. "
        f"Le budget atteint {rng.choice(PERCENTS)} du PIB.\n"
    )


class Clone:
    """One checker's clone: the claimcheck command line in-process, git as a program."""

    def __init__(self, path: Path, user: str, env: dict[str, str]) -> None:
        self.path, self.user, self.env = path, user, env
        self.root = path / "claims"
        self.runner = CliRunner()

    def cc(self, *args: object, ok: bool = True) -> tuple[int, str, str]:
        result = self.runner.invoke(
            app, ["--registry", str(self.root), *map(str, args)], env={"CLAIMCHECK_USER": self.user}
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        if ok:
            assert result.exit_code == 0, (args, result.stderr)
        else:
            assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, (args, result.stderr)
        return result.exit_code, result.stdout, result.stderr

    def json(self, *args: object) -> object:
        return json.loads(self.cc(*args, "--json")[1])

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True, timeout=120)

    def claims(self) -> dict[str, dict]:
        return {c["id"]: c for c in self.json("list")}  # type: ignore[union-attr]


class Scenario:
    """The random work of one scenario, what was acknowledged, and the figures."""

    def __init__(self, tmp: Path, seed: int, figures: Counter[str]) -> None:
        self.rng = random.Random(seed)
        self.tmp, self.figures, self.k = tmp, figures, 0
        self.acks: list[tuple[str, ...]] = []
        self.texts: dict[str, str] = {}  # article id -> its current text on the side that last changed it
        self.updated: dict[str, str] = {}  # article id -> the side that updated it this round
        self.added: dict[str, set[str]] = {}  # article id -> the sides that added a claim to it this round
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(tmp / "gitconfig")}
        (tmp / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
        subprocess.run(["git", "init", "-q", "--bare", str(tmp / "origin.git")], env=env, check=True)
        self.a = self._clone("a", "ann", env)
        self.a.cc("init", "--git")
        self._commit(self.a, "a registry")
        assert self.a.git("push", "-q", "origin", "HEAD:main").returncode == 0
        self.b = self._clone("b", "bob", env)
        self.b.cc("git", "setup")
        self.base = self.a.claims()

    def _clone(self, name: str, user: str, env: dict[str, str]) -> Clone:
        subprocess.run(
            ["git", "clone", "-q", str(self.tmp / "origin.git"), name],
            cwd=self.tmp,
            env=env,
            check=True,
            capture_output=True,
        )
        clone = Clone(self.tmp / name, user, env)
        clone.git("config", "user.name", user)
        clone.git("config", "user.email", f"{user}@desk.example")
        return clone

    def _commit(self, clone: Clone, message: str) -> None:
        clone.git("add", "-A")
        clone.git("commit", "-q", "-m", message)

    # -- operations -------------------------------------------------------------------------------

    def step(self, side: Clone) -> None:
        claims = side.claims()
        articles = sorted({c["article_id"] for c in claims.values()})
        ops = ["ingest"] + ["mark", "verdict", "evidence", "note", "add", "update"] * bool(articles)
        op = self.rng.choice(ops)
        getattr(self, f"_{op}")(side, claims, articles)
        self.figures[op] += 1

    def _write(self, text: str) -> Path:
        self.k += 1
        path = self.tmp / "incoming" / f"article-{self.k}.txt"  # one name per text: a name is an article's identity
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def _ingest(self, side: Clone, claims: dict, articles: list[str]) -> None:
        text = _text(self.rng, self.k + 1)
        (done,) = side.json("ingest", self._write(text), "--published", "2024-05-20", "--lang", "fr")
        article_id = done["article"]["id"]
        self.texts[article_id] = text
        self.acks.append(("article", article_id))
        self.acks += [("claim", c["id"]) for c in done["claims"]]

    def _pick_claim(self, claims: dict) -> str:
        # Mostly the first claims of the first articles: both sides often work on the same ones.
        ordered = list(claims)
        return self.rng.choice(ordered[:3] if self.rng.random() < 0.7 else ordered)

    def _mark(self, side: Clone, claims: dict, articles: list[str]) -> None:
        cid, status = self._pick_claim(claims), self.rng.choice(STATUSES)
        url, note = f"https://{side.user}.example/{self.k}-{len(self.acks)}", f"{side.user} note {len(self.acks)}"
        code, _, _ = side.cc("mark", cid, status, "--evidence", url, "--note", note, ok=False)
        if code == 0:
            self.acks += [("evidence", cid, url), ("note", cid, note)]

    def _verdict(self, side: Clone, claims: dict, articles: list[str]) -> None:
        """A verdict on one of the first two claims: both sides often give one, and not always the same."""
        cid, status = self.rng.choice(list(claims)[:2]), self.rng.choice(("verified", "false", "misleading"))
        url, note = f"https://{side.user}.example/v{self.k}-{len(self.acks)}", f"{side.user} verdict {len(self.acks)}"
        if side.cc("mark", cid, status, "--evidence", url, "--note", note, ok=False)[0] == 0:
            self.acks += [("evidence", cid, url), ("note", cid, note)]

    def _evidence(self, side: Clone, claims: dict, articles: list[str]) -> None:
        cid = self._pick_claim(claims)
        url = f"https://{side.user}.example/e{self.k}-{len(self.acks)}"
        side.cc("evidence", "add", cid, url, "--stance", self.rng.choice(("supports", "refutes")))
        self.acks.append(("evidence", cid, url))

    def _note(self, side: Clone, claims: dict, articles: list[str]) -> None:
        cid = self._pick_claim(claims)
        note = f"{side.user} note {len(self.acks)}"
        side.cc("mark", cid, claims[cid]["status"], "--note", note)
        self.acks.append(("note", cid, note))

    def _add(self, side: Clone, claims: dict, articles: list[str]) -> None:
        article_id = self.rng.choice(articles)
        if article_id in self.updated:
            return  # the same words anchored in two versions would disagree on the span: see the docstring
        self.added.setdefault(article_id, set()).add(side.user)
        number = self.texts[article_id].split()[1]
        code, out, _ = side.cc("add", article_id, "--quote", f"Dépêche {number}", "--json", ok=False)
        if code == 0:
            self.acks.append(("claim", json.loads(out)["id"]))

    def _update(self, side: Clone, claims: dict, articles: list[str]) -> None:
        article_id = self.rng.choice(articles)
        if self.updated.get(article_id, side.user) != side.user or self.added.get(article_id, set()) - {side.user}:
            return  # updated to another text on the other side this round: left to a person by design
        old = self.texts[article_id]
        figure = next(f for f in FIGURES if f in old)
        text = old.replace(figure, self.rng.choice([f for f in FIGURES if f != figure]))
        side.cc("update", article_id, self._write(text))
        self.texts[article_id] = text
        self.updated[article_id] = side.user
        self.acks.append(("text", article_id, text))

    # -- a round: work, push, merge, check, resolve --------------------------------------------------

    def round(self) -> None:
        for _ in range(OPS_PER_SIDE * 2):
            self.step(self.rng.choice((self.a, self.b)))
        first, second = (self.a, self.b) if self.rng.random() < 0.5 else (self.b, self.a)
        statuses = {side.user: {c: d["status"] for c, d in side.claims().items()} for side in (first, second)}
        self._commit(first, "work")
        self._commit(second, "work")
        expected = self.expected_conflicts(statuses[second.user], statuses[first.user])
        if self.rng.random() < 0.3:
            self.cross(first, second, frozenset(expected))
        assert first.git("push", "-q", "origin", "HEAD:main").returncode == 0
        merged = second.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
        self.figures["merges"] += 1
        self.check_merged(second, merged, frozenset(expected))
        self.resolve(second, expected)
        assert second.git("push", "-q", "origin", "HEAD:main").returncode == 0
        pulled = first.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
        self.check_merged(first, pulled)
        assert first.claims() == second.claims()
        self.check_nothing_lost()
        self.base = first.claims()
        self.updated, self.added = {}, {}

    def cross(self, first: Clone, second: Clone, expected: frozenset[str]) -> None:
        """Each side merges the other's work first (a criss-cross): then `second` merges `first`'s merge."""
        for side in (first, second):
            assert side.git("push", "-q", "origin", f"HEAD:{side.user}").returncode == 0
        for side, other in ((first, second), (second, first)):
            assert side.git("fetch", "-q", "origin", other.user).returncode == 0
            self.check_merged(side, side.git("merge", "-q", "--no-edit", "FETCH_HEAD"), expected)
            self.figures["merges"] += 1
        self.figures["criss-cross rounds"] += 1

    def expected_conflicts(self, ours: dict[str, str], theirs: dict[str, str]) -> set[str]:
        return {
            cid
            for cid in ours.keys() & theirs.keys()
            if len({ours[cid], theirs[cid], self.base.get(cid, {}).get("status", "unverified")}) == 3
        }

    def check_merged(
        self, side: Clone, done: subprocess.CompletedProcess[str], conflicts: frozenset[str] = frozenset()
    ) -> None:
        unmerged = side.git("diff", "--name-only", "--diff-filter=U").stdout.split()
        self.figures["textual conflicts"] += len(unmerged) + (done.returncode != 0)
        assert done.returncode == 0 and not unmerged, (done.stdout, done.stderr, unmerged)
        for path in side.root.rglob("*.json"):
            lines = path.read_text(encoding="utf-8").splitlines()
            assert not any(line.startswith(MARKERS) for line in lines), path
        report = json.loads(side.cc("doctor", "--json", ok=False)[1])
        # Clean, but for the conflicts the merge recorded, which doctor names with the command that settles them.
        assert report["ok"], [(f["message"], side.json("show", f["claim_id"])["history"]) for f in report["findings"]]
        assert [(f["code"], f["claim_id"]) for f in report["findings"]] == [
            ("merge_conflict", c) for c in sorted(conflicts)
        ]

    def resolve(self, side: Clone, expected: set[str]) -> None:
        listed = side.json("conflicts")
        assert {c["claim"] for c in listed} == expected, listed  # type: ignore[union-attr]
        assert all(c["field"] == "status" for c in listed)  # type: ignore[union-attr]
        self.figures["conflicts"] += len(listed)  # type: ignore[arg-type]
        side.cc("status")  # every command still runs with conflicts recorded
        for item in listed:  # type: ignore[union-attr]
            take = self.rng.choice(("ours", "theirs", "in-review"))
            side.cc("resolve", item["claim"], "--take", take)
            self.figures["resolved"] += 1
        assert side.json("conflicts") == []
        self._commit(side, "resolved")

    def check_nothing_lost(self) -> None:
        for side in (self.a, self.b):
            claims = side.claims()
            articles = {a["id"] for a in side.json("articles")}  # type: ignore[union-attr]
            wanted = {ack[1] for ack in self.acks if ack[0] in ("note", "evidence")}
            full = {cid: side.json("show", cid) for cid in sorted(wanted)}
            for ack in self.acks:
                if ack[0] == "article":
                    assert ack[1] in articles, ack
                elif ack[0] == "claim":
                    assert ack[1] in claims, ack
                elif ack[0] == "evidence":
                    assert ack[2] in {e["url"] for e in full[ack[1]]["evidence"]}, ack  # type: ignore[index]
                elif ack[0] == "note":
                    assert ack[2] in {e["detail"].get("note") for e in full[ack[1]]["history"]}, ack  # type: ignore[index]
                else:  # the text an update gave: the article's current text, or one of its versions
                    stored = json.loads((side.root / "articles" / f"{ack[1]}.json").read_text(encoding="utf-8"))
                    article = stored["article"]["1"]
                    assert ack[2] in [article["text"], *(v["text"] for v in article["versions"])], ack


def _play(tmp: Path, seed: int, figures: Counter[str]) -> None:
    tmp.mkdir()
    scenario = Scenario(tmp, seed, figures)
    for n in range(ROUNDS):
        try:
            scenario.round()
        except AssertionError as exc:
            raise AssertionError(f"seed {seed}, round {n + 1}: {exc}") from exc
    figures["scenarios"] += 1
    figures["operations acknowledged"] += len(scenario.acks)


def test_two_clones_merge_without_conflicts_they_did_not_make(tmp_path):
    figures: Counter[str] = Counter()
    first = int(os.environ.get("CLAIMCHECK_GIT_SEED", "0"))
    for seed in range(first, first + SCENARIOS):
        _play(tmp_path / f"s{seed}", seed, figures)
        if SCENARIOS > 2:
            print(f"seed {seed}: {figures['merges']} merges, {figures['conflicts']} conflicts so far", flush=True)
    print("\ngit scenarios:", json.dumps(dict(sorted(figures.items())), ensure_ascii=False), "lost: 0")
    assert figures["textual conflicts"] == 0


def _pair(tmp: Path) -> Scenario:
    tmp.mkdir()
    return Scenario(tmp, 0, Counter())


def _ingest(scenario: Scenario, side: Clone) -> str:
    before = len(scenario.acks)
    scenario._ingest(side, {}, [])
    return scenario.acks[before][1]


def _sync(scenario: Scenario, first: Clone, second: Clone, conflicts: frozenset[str] = frozenset()) -> None:
    """First pushes, second merges and pushes, first pulls: each checked as in the random scenarios."""
    scenario._commit(first, "work")
    scenario._commit(second, "work")
    assert first.git("push", "-q", "origin", "HEAD:main").returncode == 0
    scenario.check_merged(second, second.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "main"), conflicts)


def test_two_ingests_each_and_marks_in_a_shared_article_merge_cleanly(tmp_path):
    scenario = _pair(tmp_path / "desk")
    shared = _ingest(scenario, scenario.a)
    scenario._commit(scenario.a, "shared")
    assert scenario.a.git("push", "-q", "origin", "HEAD:main").returncode == 0
    assert scenario.b.git("pull", "-q", "--no-rebase", "origin", "main").returncode == 0
    first, second = sorted(i for i, c in scenario.b.claims().items() if c["article_id"] == shared)[:2]
    for side in (scenario.a, scenario.b):
        _ingest(scenario, side)
        _ingest(scenario, side)
    scenario.a.cc("mark", first, "in-review", "--note", "ann looks")
    scenario.b.cc("mark", second, "verified", "--evidence", "https://bob.example/1")
    _sync(scenario, scenario.a, scenario.b)
    assert scenario.b.json("conflicts") == []
    claims = scenario.b.claims()
    assert (claims[first]["status"], claims[second]["status"]) == ("in-review", "verified")
    assert len(scenario.b.json("articles")) == 5  # type: ignore[arg-type]


def test_two_verdicts_on_one_claim_are_one_conflict_that_resolve_settles(tmp_path):
    scenario = _pair(tmp_path / "desk")
    shared = _ingest(scenario, scenario.a)
    scenario._commit(scenario.a, "shared")
    assert scenario.a.git("push", "-q", "origin", "HEAD:main").returncode == 0
    assert scenario.b.git("pull", "-q", "--no-rebase", "origin", "main").returncode == 0
    cid = sorted(i for i, c in scenario.b.claims().items() if c["article_id"] == shared)[0]
    scenario.a.cc("mark", cid, "verified", "--evidence", "https://ann.example/1")
    scenario.b.cc("mark", cid, "false", "--evidence", "https://bob.example/2")
    _sync(scenario, scenario.b, scenario.a, frozenset({cid}))
    (conflict,) = scenario.a.json("conflicts")  # type: ignore[misc]
    assert conflict["claim"] == cid and conflict["field"] == "status"
    assert (conflict["ours"]["value"], conflict["ours"]["by"]) == ("verified", "ann")
    assert (conflict["theirs"]["value"], conflict["theirs"]["by"]) == ("false", "bob")
    for command in (("list",), ("show", cid), ("status",), ("report", shared, "--format", "md")):
        scenario.a.cc(*command)  # every command still runs
    assert conflict["current"] == "false"  # the status set last, as its history says
    shown = scenario.a.json("resolve", cid, "--take", "ours")
    assert shown["status"] == "verified"  # type: ignore[index]
    assert [e["action"] for e in shown["history"][-2:]] == ["status", "resolved"]  # type: ignore[index]
    assert scenario.a.json("conflicts") == []
    assert {e["url"] for e in shown["evidence"]} == {"https://ann.example/1", "https://bob.example/2"}  # type: ignore[index]
