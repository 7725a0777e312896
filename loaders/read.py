"""Reading report files: bytes -> text, with the encoding detected deterministically.

Plain text is accepted in exactly three encodings, tried in this order:

1. UTF-8 with a byte-order mark (the BOM is dropped);
2. UTF-8 (strict);
3. GB18030 (a superset of GBK and GB2312), strict, and only when the decoded text is plausible
   Chinese prose: mostly CJK, ASCII and punctuation. GB18030 decodes many byte strings that are
   not Chinese at all, so without that check a Latin-1 or UTF-16 file would become gibberish.

Anything else (empty files, binary files with NUL bytes or many control characters, other
encodings) is refused with a `LoadError` that names the file and says what is wrong; nothing is
ever guessed silently. `.docx` files are read with python-docx, paragraphs joined by newlines.

Line endings are normalised to ``\\n`` *before* anything else looks at the text, so every offset
the loaders produce indexes `Document.text` exactly.

>>> decode_text("一、2021年工作总结".encode("gb18030"), "r.txt")
('一、2021年工作总结', 'gb18030')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pilotgraph.errors import LoadError

#: file suffixes taken when a directory is walked
REPORT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".docx"})
#: file names that are manifests, never reports
MANIFEST_NAMES: frozenset[str] = frozenset({"manifest.csv"})

#: largest file read: a report is a few hundred KB, and every stage holds the whole text in memory
MAX_FILE_BYTES = 256 * 2**20
#: share of control bytes (other than tab, newline, carriage return, form feed) that makes a file binary
MAX_CONTROL_SHARE = 0.01
#: share of decoded GB18030 characters that may fall outside CJK/ASCII/punctuation, and share of
#: its non-ASCII characters that may fall outside GB2312
MAX_IMPLAUSIBLE_SHARE = 0.05

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_UTF8_BOM = b"\xef\xbb\xbf"
# what Chinese prose is made of: ASCII, CJK ideographs (basic + ext. A + compatibility),
# CJK punctuation, full-width forms, general punctuation, enclosed numerals (①), Greek/Cyrillic
# letters and box drawing that GB2312 carries, and whitespace
_PLAUSIBLE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u0391-\u03c9\u0401-\u0451\u2000-\u206f\u2100-\u22ff"
    r"\u2460-\u24ff\u2500-\u25ff\u2600-\u26ff\u3000-\u303f\u3040-\u30ff\u3100-\u312f"
    r"\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+"
)


def normalise_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` become ``\n``; nothing else changes.

    >>> normalise_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_binary(data: bytes, path: str) -> None:
    if b"\x00" in data:
        raise LoadError("binary file (contains NUL bytes); expected text in UTF-8 or GB18030/GBK "
                        "(UTF-16 is not supported: save the file as UTF-8)", path=path, field="encoding")
    controls = len(data.translate(None, _NOT_CONTROL))
    if controls > max(8, len(data) * MAX_CONTROL_SHARE):
        raise LoadError(f"binary file ({controls} control bytes in {len(data)}); expected text in "
                        "UTF-8 or GB18030/GBK", path=path, field="encoding")


def implausible_share(text: str) -> float:
    """Share of characters that are not CJK, ASCII, punctuation or whitespace."""
    if not text:
        return 0.0
    return len(_PLAUSIBLE.sub("", text)) / len(text)


def rare_share(text: str) -> float:
    """Share of the non-ASCII characters that lie outside GB2312, the common core of GBK.

    Chinese prose saved as GBK/GB18030 is almost all GB2312 characters; Latin-1 or Shift-JIS bytes
    read as GB18030 land in the rare extension areas (``Mémoire`` becomes ``M閙oire``).
    """
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if not non_ascii:
        return 0.0
    encoded = text.encode("gb2312", errors="replace")
    replaced = encoded.count(b"?") - text.count("?")
    return replaced / non_ascii


def decode_text(data: bytes, path: str = "") -> tuple[str, str]:
    """Decode raw bytes of a text report: ``(text, encoding)`` or a `LoadError`.

    The encoding is one of ``utf-8-sig``, ``utf-8``, ``gb18030``. Line endings are normalised.
    """
    if not data.strip():
        raise LoadError("empty file (no text)", path=path, field="text")
    _refuse_binary(data, path)
    if data.startswith(_UTF8_BOM):
        try:
            text, encoding = data[len(_UTF8_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise LoadError(f"starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                            f"(byte {exc.start + len(_UTF8_BOM)})", path=path, field="encoding") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise LoadError(f"unknown encoding: neither UTF-8 (invalid byte at {utf8_error.start}) nor "
                                "GB18030/GBK; re-save the file as UTF-8", path=path, field="encoding") from None
            share = max(implausible_share(text), rare_share(text))
            if share > MAX_IMPLAUSIBLE_SHARE:
                raise LoadError(f"unknown encoding: not UTF-8 (invalid byte at {utf8_error.start}), and read as "
                                f"GB18030 {share:.0%} of the characters are not common Chinese text; re-save the "
                                "file as UTF-8", path=path, field="encoding")
    text = normalise_newlines(text)
    if not text.strip():
        raise LoadError("empty file (only whitespace)", path=path, field="text")
    return text, encoding


def read_docx(path: Path) -> str:
    """Text of a .docx file: its paragraphs joined by newlines."""
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise LoadError("reading .docx needs python-docx (pip install python-docx)", path=str(path)) from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile/KeyError/ValueError for broken files
        raise LoadError(f"not a readable .docx file ({type(exc).__name__}: {exc})", path=str(path),
                        field="docx") from None
    text = normalise_newlines("\n".join(p.text for p in document.paragraphs))
    if not text.strip():
        raise LoadError("empty .docx (no paragraph text)", path=str(path), field="text")
    return text


def read_text(path: str | Path) -> tuple[str, str, str]:
    """``(text, encoding, sha256)`` of a report file; `LoadError` when it cannot be used.

    `sha256` is of the raw bytes, so re-saving the same text in another encoding counts as a change.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size > MAX_FILE_BYTES:
        raise LoadError(f"{size / 2**20:.0f} MB is larger than the {MAX_FILE_BYTES // 2**20} MB a report may be; "
                        "split the file", path=str(path), field="size")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise LoadError("is a directory, expected a file", path=str(path)) from None
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    sha256 = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".docx":
        if not data:
            raise LoadError("empty file (no text)", path=str(path), field="text")
        return read_docx(path), "docx", sha256
    text, encoding = decode_text(data, str(path))
    return text, encoding, sha256


def iter_report_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The report files named by `paths`: files as given, directories walked recursively.

    Directory walks are sorted and take only .txt, .md and .docx files, skipping manifests, hidden
    files and Word's ``~$`` lock files. A path that does not exist is yielded as is, so reading it reports the error.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                and p.name.lower() not in MANIFEST_NAMES
                and not p.name.startswith("~$")  # Word's lock files
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found = [path]
        for p in found:
            key = p.resolve() if p.exists() else p
            if key not in seen:
                seen.add(key)
                yield p
