"""The root Typer app, its shared options and the one place errors become messages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from claimcheck import __version__
from claimcheck.errors import ClaimcheckError

if TYPE_CHECKING:
    from claimcheck.store import RegistryBackend


class _Group(TyperGroup):
    """Turns a ClaimcheckError raised anywhere below into one line (or JSON) and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimcheckError as exc:
            report_error(ctx, exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            print("claimcheck: interrupted", file=sys.stderr)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # `claimcheck list | head`: the reader left; that is not an error.
            sys.stderr.close()
            raise typer.Exit(0) from None


def report_error(ctx: Any, exc: ClaimcheckError) -> None:
    from claimcheck.cli.output import clean, emit_json

    message = clean(exc.message, one_line=True)
    if ctx.meta.get("json"):
        emit_json({"error": {"code": exc.code, "message": message}})
    else:
        print(f"claimcheck: error: {message}", file=sys.stderr)


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="A registry for fact-checking news articles: extract claims, verify them, report.\n\n"
    "Example: claimcheck init && claimcheck ingest article.txt --published 2024-05-20 && claimcheck list",
)


def _json_flag(ctx: typer.Context, value: bool) -> bool:
    # Recorded where the error handler can see it, before the command body runs.
    if value:
        ctx.meta["json"] = True
    return value


ClaimArg = Annotated[str, typer.Argument(help="Claim id or a unique prefix.", show_default=False)]
ArticleArg = Annotated[str, typer.Argument(help="Article id or a unique prefix.", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print bare JSON on stdout.", callback=_json_flag)]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Who is acting (default: $CLAIMCHECK_USER, git user.name, OS user).", show_default=False),
]

MaxSizeOption = Annotated[
    int | None,
    typer.Option(
        "--max-size",
        help="Largest file accepted, in bytes (default 5000000 or $CLAIMCHECK_MAX_SIZE).",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    registry: Annotated[
        str | None,  # not a Path: it would fold the `//` of a postgresql:// URL
        typer.Option(
            "--registry",
            "-r",
            help="Registry folder or postgresql:// URL (default: $CLAIMCHECK_REGISTRY, else ./claims found "
            "from here upwards).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """A registry for fact-checking news articles: extract claims, verify them, report."""
    ctx.meta["registry"] = registry


def open_registry(ctx: typer.Context, *, create: bool = False) -> RegistryBackend:
    """The registry of this command; with `create`, a named folder that is missing or empty becomes one."""
    from claimcheck import store
    from claimcheck.config import find_registry, registry_url

    url = registry_url(ctx.meta.get("registry"))
    if url:
        from claimcheck.cli.database import open_database

        return open_database(url, create=create, ctx=ctx)
    root = find_registry(ctx.meta.get("registry"))
    if create and not (root / "registry.json").exists() and (not root.exists() or not any(root.iterdir())):
        from claimcheck.cli.output import clean, err_console

        registry = store.open_registry(root, create=True)
        err_console.print(f"Created a claimcheck registry in {clean(root)}")
        return registry
    return store.open_registry(root, on_upgrade=_say_upgrade)


def _say_upgrade(schema: int, backup: Path) -> None:
    from claimcheck.cli.output import clean, err_console
    from claimcheck.store import SCHEMA_VERSION

    # On stderr, before the work: at 100k claims the upgrade takes ~20 s.
    err_console.print(
        f"Upgrading the registry from schema {schema} to {SCHEMA_VERSION} (once; a copy of the "
        f"old one is kept in {clean(backup)})…"
    )


def actor(by: str | None) -> str:
    from claimcheck.config import current_user

    return current_user(by)
