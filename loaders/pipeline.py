"""The load pipeline: files -> documents -> extractions -> batches -> the store.

``read -> segment -> infer/merge metadata -> extract -> build_batch -> store.load_many``

A file that cannot be read, segmented, extracted or loaded is reported (one line naming the file)
and skipped; the rest of the batch loads, and nothing already in the store is touched by the
failure. A malformed manifest is reported and its bad fields fall back to inference.

>>> from pilotgraph.graph import open_store
>>> store = open_store(db_path=":memory:")                                    # doctest: +SKIP
>>> summary = load_paths(store, ["data/samples"], progress=False)           # doctest: +SKIP
>>> [r.status for r in summary.reports]                                      # doctest: +SKIP
['created', 'created']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilotgraph.errors import ConfigurationError, LoadError, PilotgraphError
from pilotgraph.graph.model import LoadResult, ReportBatch
from pilotgraph.graph.store import check_batch
from pilotgraph.loaders.batch import build_batch
from pilotgraph.loaders.document import Document, Extraction
from pilotgraph.loaders.infer import hint_periods, infer_meta, inferred_fields, merge_meta, title_line
from pilotgraph.loaders.manifest import Manifest, ManifestEntry, find_manifest, load_manifest
from pilotgraph.loaders.read import iter_report_paths, read_text
from pilotgraph.loaders.segment import segment

Progress = Callable[[int, int, str], None]   # (done, total, current file)
Extractor = Callable[..., Extraction]


@dataclass
class FileFailure:
    path: str
    message: str

    def __str__(self) -> str:
        return self.message if self.message.startswith(self.path) else f"{self.path}: {self.message}"


@dataclass
class ReportOutcome:
    """What happened to one report file."""

    key: str
    path: str
    status: str                         # created / unchanged / replaced
    sentences: int = 0
    entities: int = 0
    facts: int = 0
    #: metadata that was inferred rather than read from a manifest: field -> value
    inferred: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadSummary:
    reports: list[ReportOutcome] = field(default_factory=list)
    failures: list[FileFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    facts_by_type: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def totals(self) -> dict[str, int]:
        return {
            "reports": len(self.reports),
            "sentences": sum(r.sentences for r in self.reports),
            "entities": sum(self.entities_by_type.values()),
            "facts": sum(self.facts_by_type.values()),
            "failed": len(self.failures),
        }

    def to_dict(self) -> dict:
        return {
            "reports": [vars(r) for r in self.reports],
            "failures": [{"path": f.path, "message": str(f)} for f in self.failures],
            "warnings": list(self.warnings),
            "totals": self.totals,
            "entities_by_type": dict(self.entities_by_type),
            "facts_by_type": dict(self.facts_by_type),
        }


class ManifestIndex:
    """Finds the manifest row of each report: the `--manifest` file, else manifest.csv beside it.

    Each manifest is parsed once; its problems are collected in `errors` (reported once).
    """

    def __init__(self, override: str | Path | None = None):
        self.override = load_manifest(override) if override is not None else None
        self._beside: dict[Path, Manifest | None] = {}
        self.errors: list[str] = list(self.override.errors) if self.override else []

    def entry(self, report: Path) -> ManifestEntry | None:
        if self.override is not None:
            return self.override.find(report)
        directory = report.parent
        if directory not in self._beside:
            found = find_manifest(report)
            manifest = load_manifest(found) if found is not None else None
            if manifest is not None:
                self.errors.extend(manifest.errors)
            self._beside[directory] = manifest
        manifest = self._beside[directory]
        return manifest.find(report) if manifest is not None else None


def default_gazetteer() -> Any:
    """The shipped region gazetteer, or None when it is not available."""
    try:
        from pilotgraph.loaders.regions import Gazetteer
    except ImportError:
        return None
    return Gazetteer.load()


def default_extractor() -> Extractor:
    try:
        from pilotgraph.loaders.extract import extract
    except ImportError as exc:
        raise ConfigurationError(f"the extraction package is not available ({exc})") from None
    return extract


def make_resolver(aliases: str | Path | None = None, known: Iterable[tuple[str, str]] = ()) -> Any:
    """A Resolver with the shipped alias table, the user's alias file and the names already known."""
    try:
        from pilotgraph.loaders.resolve import Resolver
    except ImportError:
        if aliases is not None:
            raise ConfigurationError("--aliases needs pilotgraph.loaders.resolve, which is not available") from None
        return None
    return Resolver(alias_file=aliases, known=list(known))


def read_document(path: str | Path, *, entry: ManifestEntry | None = None, gazetteer: Any = None) -> Document:
    """Read and segment one report and settle its metadata (manifest first, inference for the rest)."""
    path = Path(path)
    text, encoding, sha256 = read_text(path)
    hints = list(entry.values.get("periods") or []) if entry is not None else []
    if not hints:
        hints = hint_periods(text)
    segmentation = segment(text, path=str(path), periods=hints, skip_title=title_line(text) is not None)
    headings = [s.title for s in segmentation.sections if s.depth == 1]
    inferred = infer_meta(text, path, periods=segmentation.periods, headings=headings, gazetteer=gazetteer)
    meta = merge_meta(entry, inferred, gazetteer=gazetteer)
    return Document(path=str(path), text=text, sha256=sha256, encoding=encoding, meta=meta,
                    sections=segmentation.sections, sentences=segmentation.sentences,
                    warnings=list(segmentation.warnings))


def _failure(path: Path, exc: Exception, stage: str) -> FileFailure:
    if isinstance(exc, LoadError):
        return FileFailure(str(path), exc.message)
    if isinstance(exc, PilotgraphError):
        return FileFailure(str(path), f"{stage}: {exc.message}")
    return FileFailure(str(path), f"{stage} failed: {type(exc).__name__}: {exc}")


def _iter_extractions(paths: Sequence[Path], *, manifests: ManifestIndex, gazetteer: Any, resolver: Any,
                      extractor: Extractor, failures: list[FileFailure],
                      progress: Progress | None) -> Iterator[tuple[Path, Extraction]]:
    total = len(paths)
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, total, str(path))
        try:
            document = read_document(path, entry=manifests.entry(path), gazetteer=gazetteer)
        except Exception as exc:  # one bad file never stops the batch
            failures.append(_failure(path, exc, "reading"))
            continue
        try:
            extraction = extractor(document, gazetteer=gazetteer, resolver=resolver)
        except Exception as exc:
            failures.append(_failure(path, exc, "extraction"))
            continue
        extraction.warnings[:0] = [w for w in document.warnings if w not in extraction.warnings]
        yield path, extraction
    if progress is not None:
        progress(total, total, "")


def extract_paths(paths: Iterable[str | Path], *, manifest: str | Path | None = None,
                  aliases: str | Path | None = None, gazetteer: Any = None, resolver: Any = None,
                  extractor: Extractor | None = None, failures: list[FileFailure] | None = None,
                  warnings: list[str] | None = None, progress: Progress | None = None) -> list[Extraction]:
    """Extract entities and relations from report files without touching any store.

    With `failures` given, a bad file is recorded there and skipped; without it, the first
    failure raises `LoadError`. Manifest problems go to `warnings` when given.
    """
    found_warnings: list[str] = []
    files = list_report_files(paths, found_warnings)
    manifests = ManifestIndex(manifest)
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    resolver = resolver if resolver is not None else make_resolver(aliases)
    extractor = extractor or default_extractor()
    collected: list[FileFailure] = []
    out = [extraction for _, extraction in _iter_extractions(
        files, manifests=manifests, gazetteer=gazetteer, resolver=resolver, extractor=extractor,
        failures=collected, progress=progress)]
    if warnings is not None:
        warnings.extend(found_warnings)
        warnings.extend(manifests.errors)
        for extraction in out:
            warnings.extend(extraction.warnings)
    if failures is None and collected:
        raise LoadError(str(collected[0]))
    if failures is not None:
        failures.extend(collected)
    return out


def list_report_files(paths: Iterable[str | Path], warnings: list[str]) -> list[Path]:
    """The report files named by `paths` (directories walked); an empty directory is a warning."""
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        found = list(iter_report_paths([raw]))
        if Path(raw).is_dir() and not found:
            warnings.append(f"{raw}: no .txt, .md or .docx reports found in this directory")
        for path in found:
            key = path.resolve() if path.exists() else path
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files


def _rich_progress() -> tuple[Progress, Callable[[], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn

    bar = RichProgress(TextColumn("[bold]loading"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
    task = bar.add_task("", total=None)
    bar.start()

    def update(done: int, total: int, current: str) -> None:
        bar.update(task, completed=done, total=total, description=Path(current).name if current else "")

    return update, bar.stop


def load_paths(store: Any, paths: Iterable[str | Path], *, manifest: str | Path | None = None,
               aliases: str | Path | None = None, progress: bool | Progress = True, gazetteer: Any = None,
               resolver: Any = None, extractor: Extractor | None = None) -> LoadSummary:
    """Load report files (or directories of them) into `store`, idempotently.

    Each report's status is `created`, `unchanged` (same key and content) or `replaced` (same
    key, new content: its own facts are replaced). Bad files are reported in `failures` and
    skipped; the rest loads.
    """
    summary = LoadSummary()
    found_warnings: list[str] = []
    files = list_report_files(paths, found_warnings)
    manifests = ManifestIndex(manifest)
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    if resolver is None:
        store.ensure_schema()
        known = [(e.type, e.name) for e in store.search_entities(limit=None)[0]]
        resolver = make_resolver(aliases, known)
    extractor = extractor or default_extractor()
    stop: Callable[[], None] | None = None
    if progress is True:
        callback, stop = _rich_progress()
    else:
        callback = progress or None
    entity_types: dict[str, str] = {}
    facts_by_type: Counter[str] = Counter()
    keys: dict[str, str] = {}
    # what the summary needs of each report handed to the store, until the store answers for it
    handed: dict[str, tuple[Path, ReportBatch | None, dict[str, str]]] = {}

    def batches() -> Iterator[ReportBatch]:
        for path, extraction in _iter_extractions(files, manifests=manifests, gazetteer=gazetteer,
                                                  resolver=resolver, extractor=extractor,
                                                  failures=summary.failures, progress=callback):
            try:
                batch = build_batch(extraction, gazetteer=gazetteer)
                check_batch(batch)  # here, so one malformed batch cannot stop the streaming load_many
            except Exception as exc:
                summary.failures.append(_failure(path, exc, "building the batch"))
                continue
            key = batch.report.key
            if key in keys:
                summary.failures.append(FileFailure(str(path), f"report key {key!r} is already used by {keys[key]} "
                                                    "in this load; give one of them a `key` in the manifest"))
                continue
            keys[key] = str(path)
            summary.warnings.extend(extraction.warnings)
            handed[key] = (path, batch, inferred_fields(extraction.document.meta))
            yield batch

    def record(result: LoadResult) -> None:
        path, batch, inferred = handed.pop(result.report)
        if result.status == "failed":
            summary.failures.append(FileFailure(str(path), f"loading: {result.error}"))
            return
        summary.reports.append(ReportOutcome(
            key=batch.report.key, path=str(path), status=result.status, sentences=len(batch.sentences),
            entities=len(batch.entities), facts=len(batch.facts), inferred=inferred))
        for entity in batch.entities:
            entity_types[entity.key] = entity.type
        facts_by_type.update(f.type for f in batch.facts)

    # One streaming call: the store writes one chunk while the next is being extracted.
    try:
        for result in store.load_many(batches()):
            record(result)
    except Exception as exc:  # the store stopped (e.g. the server went away): say what may be missing
        reason = exc.message if isinstance(exc, PilotgraphError) else f"{type(exc).__name__}: {exc}"
        for path, _, _ in handed.values():
            summary.failures.append(FileFailure(str(path), f"loading stopped before this report was confirmed "
                                                f"({reason}); load again: written reports are skipped as unchanged"))
        handed.clear()
    finally:
        if stop is not None:
            stop()
    summary.warnings[:0] = found_warnings + manifests.errors
    summary.entities_by_type = dict(sorted(Counter(entity_types.values()).items()))
    summary.facts_by_type = dict(sorted(facts_by_type.items()))
    return summary


def to_json(extractions: Iterable[Extraction]) -> dict:
    """The extraction in the shape other systems and the evaluation rely on (see the loaders issue)."""
    reports = []
    for extraction in extractions:
        document = extraction.document
        meta = document.meta
        reports.append({
            "file": Path(document.path).name,
            "issuer": meta.issuer,
            "region": meta.region,
            "periods": [{"year": p.year, "kind": p.kind} for p in meta.periods],
            "entities": [
                {
                    "type": e.type,
                    "name": e.name,
                    "aliases": list(e.aliases),
                    "level": e.level,
                    "mentions": [{"start": s, "end": t} for s, t in e.mentions],
                }
                for e in extraction.entities
            ],
            "relations": [
                {
                    "type": r.type,
                    "source": {"type": r.source[0], "name": r.source[1]},
                    "target": {"type": r.target[0], "name": r.target[1]},
                    "year": r.year if r.year is not None else r.sentence.year,
                    "status": r.status or r.sentence.status,
                    "evidence": {"text": r.sentence.text, "start": r.sentence.start, "end": r.sentence.end},
                }
                for r in extraction.relations
            ],
        })
    return {"reports": reports}
