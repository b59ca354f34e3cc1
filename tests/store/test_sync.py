"""The index brought in line with article files changed behind claimcheck's back (store/sync.py)."""

from __future__ import annotations

import json
import os
import shutil

from claimcheck.store import sync


def _replace(path, change) -> None:
    """Rewrite a file as git does: a new file in its place (remove, then create)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.unlink()
    path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")


def test_a_claim_changed_by_git_is_listed_as_changed_by_the_next_command(cli, seeded, registry):
    claim = seeded[0]
    path = registry / "articles" / f"{claim['article_id']}.json"

    def dismiss(data):
        for doc in data["claims"].values():
            if doc["id"] == claim["id"]:
                doc["status"] = "dismissed"
                doc["history"].append(
                    {
                        "at": doc["updated_at"],
                        "by": "git",
                        "action": "status",
                        "detail": {"from": "unverified", "to": "dismissed"},
                    }
                )

    _replace(path, dismiss)
    assert sync.stale(registry)
    listed = cli("list", "--status", "dismissed", "--json")
    assert [c["id"] for c in listed.json()] == [claim["id"]]
    assert not sync.stale(registry)
    assert cli("doctor").exit_code == 0


def test_a_registry_cloned_without_its_index_is_rebuilt_on_open(cli, seeded, registry):
    shutil.rmtree(registry / "index")
    listed = cli("list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [c["id"] for c in listed.json()] == [c["id"] for c in seeded]
    assert cli("doctor").exit_code == 0


def test_an_article_file_removed_by_git_leaves_the_index(cli, seeded, registry):
    article = seeded[0]["article_id"]
    os.unlink(registry / "articles" / f"{article}.json")
    assert cli("list", "--json").json() == []
    assert cli("articles", "--json").json() == []


def test_claimcheck_own_writes_leave_nothing_to_re_index(cli, seeded, registry):
    assert cli("mark", seeded[0]["id"], "in-review").exit_code == 0
    assert not sync.stale(registry)


def test_an_article_file_broken_behind_claimcheck_back_keeps_its_index_until_it_is_repaired(cli, seeded, registry):
    """A half-written file (a killed copy, a bad merge) is not re-indexed: `list` still answers from the index,
    doctor names the file, and once it is put back (as git does: a new file) the next command indexes it."""
    path = registry / "articles" / f"{seeded[0]['article_id']}.json"
    good = path.read_bytes()
    path.unlink()
    path.write_bytes(good[:-200])
    listed = cli("list", "--limit", "0")  # the table reads the index only (`--json` reads the article files)
    assert listed.exit_code == 0, listed.stderr
    assert all(c["id"] in listed.stdout for c in seeded)
    assert cli("doctor").exit_code == 1
    path.unlink()
    path.write_bytes(good)
    assert cli("list", "--json").exit_code == 0
    assert not sync.stale(registry)
    assert cli("doctor").exit_code == 0
