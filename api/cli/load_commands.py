"""Commands that read report files: load, extract, eval.

Each is a thin shell over `pilotgraph.loaders.pipeline` (and `pilotgraph.loaders.evaluate`):
the command calls one library function and prints its answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape as _escape
from rich.table import Table

from pilotgraph.api.cli.app import app, console, err_console, state

PathsArg = Annotated[list[Path], typer.Argument(
    help="Report files (.txt UTF-8/GB18030, .docx, .md) or directories, walked recursively. "
         "报告文件或目录。", show_default=False)]
ManifestOpt = Annotated[Path | None, typer.Option(
    "--manifest", "-m",
    help="Manifest CSV describing the reports (file,title,issuer,region,region_code,level,periods,source); "
         "default: manifest.csv beside each report. 报告清单文件。")]
AliasesOpt = Annotated[Path | None, typer.Option(
    "--aliases", "-a",
    help="Alias/merge CSV (type,alias,canonical) applied over the shipped alias table. 别名/合并文件。")]


def _check_files(manifest: Path | None, aliases: Path | None) -> None:
    """Options naming files must name existing files: a typo must not silently mean "no manifest"."""
    from pilotgraph.errors import InvalidInput

    for option, path in (("--manifest", manifest), ("--aliases", aliases)):
        if path is not None and not path.is_file():
            raise InvalidInput(f"{option} {path}: no such file")


def _print_failures(failures) -> None:
    for failure in failures:
        err_console.print(f"[bold red]failed:[/] {_escape(str(failure))}", highlight=False, soft_wrap=True)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/] {_escape(warning)}", highlight=False, soft_wrap=True)


@app.command()
def load(
    ctx: typer.Context,
    paths: PathsArg,
    manifest: ManifestOpt = None,
    aliases: AliasesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON. 以JSON输出摘要。")] = False,
) -> None:
    """Load reports into the configured store (导入报告), idempotently.

    Unchanged files change nothing; a changed file replaces its own facts. A file that cannot be read is reported on one line and skipped; the rest still loads. Exit code 0 when every file loaded, 1 when some failed. Metadata inferred from the text (no manifest row) is printed so you can check it.

    Example: pilotgraph load data/samples
    """
    from pilotgraph.loaders.pipeline import load_paths

    _check_files(manifest, aliases)
    cli = state(ctx)
    with cli.open_store() as store:
        summary = load_paths(store, paths, manifest=manifest, aliases=aliases, progress=not cli.silent)
    if as_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        table = Table(title=f"报告 reports loaded ({len(summary.reports)})")
        table.add_column("report", overflow="fold")
        table.add_column("status")
        for column in ("sentences", "entities", "facts"):
            table.add_column(column, justify="right")
        for r in summary.reports:
            table.add_row(_escape(r.key), r.status, str(r.sentences), str(r.entities), str(r.facts))
        console.print(table)
        for r in summary.reports:
            if r.inferred:
                shown = ", ".join(f"{k}={v}" for k, v in r.inferred.items())
                console.print(f"inferred 推断 {r.key}: {shown}", highlight=False, markup=False, soft_wrap=True)
        totals = Table(title="合计 totals")
        totals.add_column("what")
        totals.add_column("count", justify="right")
        for name, n in summary.totals.items():
            totals.add_row(name, str(n))
        for name, n in summary.entities_by_type.items():
            totals.add_row(f"entities: {name}", str(n))
        for name, n in summary.facts_by_type.items():
            totals.add_row(f"facts: {name}", str(n))
        console.print(totals)
        _print_warnings(summary.warnings)
    _print_failures(summary.failures)
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def extract(
    ctx: typer.Context,
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the extraction as JSON (reports, entities with mentions, relations with evidence). "
                       "以JSON输出抽取结果。")] = False,
    manifest: ManifestOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Extract entities and relations from report files without touching any store (抽取，不写库).

    With --json the output is {"reports": [{"file", "issuer", "region", "periods", "entities", "relations"}]}, the shape `eval` and other systems read. Exit code 1 when some file failed.

    Example: pilotgraph extract data/samples/binjiang-amr-2025-h1.txt --json
    """
    from pilotgraph.loaders.infer import inferred_fields
    from pilotgraph.loaders.pipeline import extract_paths, to_json

    _check_files(manifest, aliases)
    failures: list = []
    warnings: list[str] = []
    extractions = extract_paths(paths, manifest=manifest, aliases=aliases, failures=failures, warnings=warnings)
    if as_json:
        print(json.dumps(to_json(extractions), ensure_ascii=False, indent=2))
    else:
        table = Table(title=f"抽取 extraction ({len(extractions)} reports)")
        for column in ("file", "issuer", "periods", "entities", "relations"):
            table.add_column(column)
        for e in extractions:
            meta = e.document.meta
            table.add_row(_escape(Path(e.document.path).name), _escape(meta.issuer),
                          ";".join(f"{p.year}:{p.kind}" for p in meta.periods),
                          str(len(e.entities)), str(len(e.relations)))
        console.print(table)
    for e in extractions:  # on stderr, so --json output stays pure JSON
        shown = ", ".join(f"{k}={v}" for k, v in inferred_fields(e.document.meta).items())
        if shown:
            err_console.print(f"inferred 推断 {Path(e.document.path).name}: {shown}", highlight=False,
                              markup=False, soft_wrap=True)
    _print_warnings(warnings)
    _print_failures(failures)
    if failures:
        raise typer.Exit(1)


@app.command(name="eval")
def evaluate(
    ctx: typer.Context,
    paths: PathsArg,
    gold: Annotated[Path, typer.Option(
        "--gold", "-g", help="Directory of gold annotation JSON files, one per report, in the `extract --json` "
                             "shape. 人工标注目录。", show_default=False)],
    manifest: ManifestOpt = None,
    aliases: AliasesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON. 以JSON输出评分。")] = False,
    details: Annotated[bool, typer.Option(
        "--details", help="List every false positive and false negative. 列出误报与漏报。")] = False,
) -> None:
    """Score the extraction against hand annotations (评测): precision, recall and F1 per entity and relation type.

    The reports are extracted as `extract` would; each is paired with the gold file of the same name. Exit code 1 when some report could not be read.

    Example: pilotgraph eval --gold tests/fixtures/gold data/samples
    """
    from pilotgraph.loaders.evaluate import evaluate_files, format_evaluation
    from pilotgraph.loaders.pipeline import extract_paths, to_json

    _check_files(manifest, aliases)
    failures: list = []
    warnings: list[str] = []
    extractions = extract_paths(paths, manifest=manifest, aliases=aliases, failures=failures, warnings=warnings)
    result = evaluate_files(gold, to_json(extractions))
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        console.print(format_evaluation(result, details=details), highlight=False, markup=False, soft_wrap=True)
    _print_warnings(warnings)
    _print_failures(failures)
    if failures:
        raise typer.Exit(1)
