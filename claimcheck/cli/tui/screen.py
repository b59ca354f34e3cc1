"""The review screen (Textual): one claim at a time, one key per action, each through the commands' workflows."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Static

from claimcheck.errors import ClaimcheckError
from claimcheck.store.base import RegistryBackend

# The stance evidence takes when it comes with a verdict and none is given (`URL refutes` overrides it).
VERDICT_STANCE = {"verified": "supports", "false": "refutes", "misleading": "refutes"}
_PROMPTS = {
    "evidence": "evidence: URL or file [supports|refutes|context] [note…]",
    "comment": "comment:",
    "assign": "assign to:",
    "tag": "tags (space between):",
    "reject": "why is the verdict rejected?",
}


class ReviewApp(App[None]):
    """Works through `ids` (the queue, priority order) on `registry` as `user`."""

    TITLE = "claimcheck review"
    CSS = """
    #claim { padding: 0 1; }
    #message { height: 1; padding: 0 1; color: $warning; }
    #prompt { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "mark('verified')", "verified"),
        Binding("f", "mark('false')", "false"),
        Binding("m", "mark('misleading')", "misleading"),
        Binding("u", "mark('unverifiable')", "unverifiable", show=False),
        Binding("d", "mark('dismissed')", "dismiss"),
        Binding("i", "mark('in-review')", "in review", show=False),
        Binding("e", "ask('evidence')", "evidence"),
        Binding("c", "ask('comment')", "comment"),
        Binding("a", "ask('assign')", "assign"),
        Binding("t", "ask('tag')", "tag", show=False),
        Binding("z", "undo", "undo"),
        Binding("y", "approve", "approve", show=False),
        Binding("x", "ask('reject')", "reject", show=False),
        Binding("o", "open_report", "report", show=False),
        Binding("n,s,right", "step(1)", "next"),
        Binding("p,left", "step(-1)", "prev", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(
        self,
        registry: RegistryBackend,
        ids: list[str],
        *,
        user: str,
        statuses: tuple[str, ...],
        opener: Callable[[str], Any] = webbrowser.open,
    ) -> None:
        super().__init__()
        self.registry, self.ids, self.user, self.statuses, self.opener = registry, ids, user, statuses, opener
        self.index = 0
        self.asking: str | None = None
        self.verdict: str | None = None  # a verdict waiting for the evidence being asked for
        self.approval_on = bool(registry.settings().get("approval"))

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="claim")
        yield Static(id="message")
        yield Input(id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.show_claim()

    # -- drawing ---------------------------------------------------------------------------------

    @property
    def current(self) -> str:
        return self.ids[self.index]

    def show_claim(self) -> None:
        from claimcheck.cli.tui.render import claim_view
        from claimcheck.workflows.link import seen_in

        # Read again each time: a colleague may have changed it since.
        claim, article = self.registry.claim_in_context(self.current)
        seen = seen_in(self.registry, claim["seen_before"]) if claim["seen_before"] else []
        position = f"{self.index + 1}/{len(self.ids)}"
        view = claim_view(claim, article, seen, position=position, approval_on=self.approval_on)
        self.query_one("#claim", Static).update(view)

    def say(self, text: str) -> None:
        from claimcheck.cli.output import clean

        self.query_one("#message", Static).update(clean(text, one_line=True))

    def attempt(self, change: Callable[[], Any], done: str, *, advance: bool = False) -> None:
        """Run one workflow; a refusal is shown on the message line and changes nothing."""
        try:
            change()
        except ClaimcheckError as exc:
            self.say(exc.message)
            self.show_claim()
            return
        self.say(done)
        if advance:
            self.next_open()
        self.show_claim()

    def next_open(self) -> None:
        """On to the next claim of the queue still waiting for review (a colleague may have done some)."""
        from claimcheck.errors import NotFound
        from claimcheck.workflows.review import still_open

        for step in range(1, len(self.ids)):
            candidate = (self.index + step) % len(self.ids)
            try:
                if still_open(self.registry, self.ids[candidate], self.statuses):
                    self.index = candidate
                    return
            except NotFound:
                continue  # removed meanwhile
        self.say("Every claim of this review has been reviewed; q to quit.")

    # -- actions ---------------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.ids)
        self.say("")
        self.show_claim()

    def action_mark(self, status: str) -> None:
        from claimcheck.enums import VERDICTS, parse_status
        from claimcheck.workflows import desk

        chosen = parse_status(status)
        claim = self.registry.claim_document(self.current)
        if chosen in VERDICTS and not claim["evidence"]:
            self.verdict = status
            self.action_ask("evidence")
            self.say(f"{status} needs evidence: give a URL (Enter), or Escape")
            return
        ref = self.current
        self.attempt(lambda: desk.mark(self.registry, ref, chosen, by=self.user), f"{ref}: {status}", advance=True)

    def action_ask(self, what: str) -> None:
        prompt = self.query_one("#prompt", Input)
        self.asking = what
        prompt.placeholder = _PROMPTS[what]
        prompt.value = ""
        prompt.display = True
        prompt.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        what, answer, ref = self.asking, event.value.strip(), self.current
        self.close_prompt()
        if not answer or what is None:
            self.verdict = None
            return
        self.answer(what, answer, ref)

    def on_key(self, event: Any) -> None:
        if event.key == "escape" and self.asking:
            self.close_prompt()
            self.verdict = None
            self.say("")

    def close_prompt(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.display = False
        self.asking = None
        self.set_focus(None)

    def answer(self, what: str, answer: str, ref: str) -> None:
        from claimcheck.workflows import desk

        if what == "comment":
            self.attempt(lambda: desk.comment(self.registry, ref, answer, by=self.user), f"{ref}: commented")
        elif what == "assign":
            self.attempt(lambda: desk.assign(self.registry, ref, answer, by=self.user), f"{ref}: assigned to {answer}")
        elif what == "tag":
            self.attempt(lambda: desk.tag(self.registry, ref, answer.split(), by=self.user), f"{ref}: tagged")
        elif what == "reject":
            from claimcheck.workflows.approval import reject

            self.attempt(lambda: reject(self.registry, ref, by=self.user, note=answer), f"{ref}: rejected")
        else:
            self.evidence(answer, ref)

    def evidence(self, answer: str, ref: str) -> None:
        """`URL [stance] [note…]`: added alone, or with the verdict that asked for it."""
        from claimcheck.actions import make_evidence
        from claimcheck.enums import parse_stance, parse_status
        from claimcheck.workflows import desk

        source, *rest = answer.split(maxsplit=2)
        verdict, self.verdict = self.verdict, None
        stance = VERDICT_STANCE.get(verdict or "", "supports")
        if rest and rest[0].lower() in ("supports", "refutes", "context"):
            stance = rest.pop(0)
        note = " ".join(rest) or None
        try:
            item = make_evidence(source, stance=parse_stance(stance), note=note, by=self.user)
        except ClaimcheckError as exc:
            self.say(exc.message)
            return
        if verdict is None:
            self.attempt(lambda: desk.add_evidence(self.registry, ref, item, by=self.user), f"{ref}: evidence added")
        else:
            status = parse_status(verdict)
            self.attempt(
                lambda: desk.mark(self.registry, ref, status, by=self.user, evidence=[item]),
                f"{ref}: {verdict}",
                advance=True,
            )

    def action_undo(self) -> None:
        from claimcheck.workflows.undo import undo

        ref = self.current
        self.attempt(lambda: undo(self.registry, ref, by=self.user), f"{ref}: undone")

    def action_approve(self) -> None:
        from claimcheck.workflows.approval import approve

        ref = self.current
        self.attempt(lambda: approve(self.registry, ref, by=self.user), f"{ref}: approved", advance=True)

    def action_open_report(self) -> None:
        """The HTML report of this claim's article, written to a temporary file, opened at the claim."""
        import tempfile
        from pathlib import Path

        from claimcheck.models import utcnow
        from claimcheck.report import render
        from claimcheck.workflows.approval import publishable

        claim = self.registry.claim_document(self.current)
        article = self.registry.article(claim["article_id"])
        claims = publishable(self.registry.claims_of(article.id), approval_on=self.approval_on)
        body = render("html", [(article, claims)], generated_at=utcnow())
        path = Path(tempfile.gettempdir()) / f"claimcheck-review-{article.id}.html"
        path.write_text(body if isinstance(body, str) else body.decode("utf-8"), encoding="utf-8")
        self.opener(f"{path.as_uri()}#hl-{claim['id']}")
        self.say(f"opened {path.name} at {claim['id']}")
