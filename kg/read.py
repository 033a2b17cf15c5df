"""Reading input files into Documents.

Supported inputs:

* ``.txt`` / ``.md``: UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM,
  GB18030 (a superset of GBK and GB2312).  The encoding is *detected*, never
  guessed: BOMs first, then strict UTF-8, then strict GB18030 accepted only
  when the decoded text is plausibly Chinese (see `_plausibly_chinese`).
* ``.docx``: paragraphs and tables in body order (python-docx).
* ``.pdf``: the text layer, page by page (pdfplumber).
* ``.html`` / ``.htm``: the visible body text (stdlib ``html.parser``).

`Document.text` is the decoded original: no newline or whitespace
normalisation happens here, so evidence offsets computed later point into
exactly what was read.  Every failure a user can act on is a `ReadError`
carrying the path and a short reason; `iter_documents` turns those into
``on_error(path, reason)`` calls and goes on with the next file.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import fnmatch
import functools
import hashlib
import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.errors import EXIT_BAD_INPUT, KgError
from kg.model import Document

SAMPLE = "shanxi-st-bureaus-2022.txt"

MAX_CHARS = 5_000_000            # decoded text, per document
MAX_BYTES = 50 * 1024 * 1024     # raw file size, checked before reading

TOO_MUCH_TEXT = "larger than the 5 MB text limit"

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
}
SUPPORTED_SUFFIXES = tuple(MEDIA_TYPES)

_HINTS = {
    ".doc": " (save it as .docx)",
    ".wps": " (save it as .docx)",
    ".rtf": " (save it as .docx or .txt)",
    ".xls": "", ".xlsx": "",
}


def sample_path() -> Path:
    from importlib.resources import files
    return Path(str(files("kg.data") / SAMPLE))


class ReadError(KgError):
    """A file that cannot be read; `reason` is short and meant for people."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}", EXIT_BAD_INPUT)

    def __reduce__(self):  # keep it picklable (worker processes)
        return (type(self), (self.path, self.reason))


# --------------------------------------------------------------------------
# document identifiers

_ID_UNSAFE = re.compile(r"[^\w-]+")   # \w is Unicode-aware: keeps CJK letters
_ID_MAX = 120


def doc_id_for(path: Path) -> str:
    """IRI-safe, stable id from the file stem: NFKC, CJK kept, the rest '-'."""
    stem = unicodedata.normalize("NFKC", Path(path).stem)
    ident = _ID_UNSAFE.sub("-", stem)
    ident = re.sub(r"-{2,}", "-", ident).strip("-_")[:_ID_MAX].rstrip("-_")
    return ident or "document"


def assign_doc_ids(paths: Iterable[Path]) -> dict[Path, str]:
    """Unique ids for a set of inputs, independent of the order given.

    Paths are taken in sorted order; the first path with a given stem id
    keeps it, later ones get ``-2``, ``-3`` ... (skipping ids that another
    file already has).  Ids are compared case-insensitively so that they
    stay distinct as file names on case-insensitive file systems.
    """
    unique = sorted({Path(p) for p in paths}, key=lambda p: (p.parts, str(p)))
    base = {p: doc_id_for(p) for p in unique}
    out: dict[Path, str] = {}
    used: set[str] = set()
    later: list[Path] = []
    for p in unique:
        key = base[p].casefold()
        if key in used:
            later.append(p)
        else:
            used.add(key)
            out[p] = base[p]
    for p in later:
        n = 2
        while f"{base[p]}-{n}".casefold() in used:
            n += 1
        out[p] = f"{base[p]}-{n}"
        used.add(out[p].casefold())
    return out


# --------------------------------------------------------------------------
# discovery

def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")   # ~$x.docx: Word lock files


# What sits beside reports in a folder without being one: a collection's own
# documentation (README.md, SOURCES.md, LICENSE.txt, CHANGELOG.md, 说明.txt, …).
_NOT_A_REPORT = re.compile(
    r"(?:readme|sources?|licen[cs]e|copying|notice|authors|contributors|contributing|changelog|changes"
    r"|history|todo|说明|来源|目录)(?:\.[^.]*)?", re.I)


def not_a_report(name: str) -> bool:
    """Is this file name one a folder's documentation has (README, SOURCES, LICENSE …)?"""
    return _NOT_A_REPORT.fullmatch(Path(name).stem) is not None


def discover(inputs: list[Path], glob: str | None = None,
             on_skip: Callable[[Path], None] | None = None) -> list[Path]:
    """Files named directly, plus the files under folders (recursive, sorted).

    In folders only supported suffixes are taken (or those matching `glob`,
    matched against the path relative to the folder, or its name when the
    pattern has no '/'); hidden files and folders are skipped, and so are
    files named like a folder's own documentation (`not_a_report`: README,
    SOURCES, LICENSE …), each told to `on_skip`, since building them as
    reports puts their names and links into the graph.  A file named
    directly is always returned, whatever its suffix or name, so that an
    unsupported file is reported rather than silently dropped.  Duplicates
    are removed, the first occurrence kept.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(p)

    for item in inputs:
        item = Path(item)
        if not item.exists():
            raise ReadError(item, "no such file or directory")
        if not item.is_dir():
            add(item)
            continue
        under: list[tuple[tuple[str, ...], Path]] = []
        for root, dirs, files in os.walk(item):
            dirs[:] = sorted(d for d in dirs if not _hidden(d))
            for name in files:
                if _hidden(name):
                    continue
                p = Path(root) / name
                rel = p.relative_to(item)
                if glob is not None:
                    target = rel.as_posix() if "/" in glob else name
                    if not fnmatch.fnmatch(target, glob):
                        continue
                elif p.suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                if p.is_file():
                    under.append((rel.parts, p))
        for _, p in sorted(under):
            if not_a_report(p.name):
                if on_skip is not None:
                    on_skip(p)
                continue
            add(p)
    return found


# --------------------------------------------------------------------------
# reading

def read_file(path: Path, doc_id: str | None = None,
              warn: Callable[[str], None] | None = None) -> Document:
    """Read one file; raise `ReadError` with a short reason when it cannot be read.
    What was read but repaired (bytes that were not UTF-8) is told to `warn`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        if not suffix:
            raise ReadError(path, "unsupported file type (no suffix)")
        raise ReadError(path, f"unsupported file type {suffix}{_HINTS.get(suffix, '')}")
    try:
        if not path.exists():
            raise ReadError(path, "no such file or directory")
        if path.is_dir():
            raise ReadError(path, "is a directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, f"larger than the {MAX_BYTES // (1024 * 1024)} MB file limit")
        if suffix in (".txt", ".md", ".html", ".htm"):
            if size > 4 * MAX_CHARS:       # no supported encoding uses more than 4 bytes a char
                raise ReadError(path, TOO_MUCH_TEXT)
            raw = path.read_bytes()
            sha = hashlib.sha256(raw).hexdigest()
            if suffix in (".html", ".htm"):
                text, encoding, title = _read_html(path, raw, warn)
            else:
                text, encoding = decode_text(path, raw, warn)
                title = None
        else:
            sha = _sha256_file(path)
            encoding = None
            if suffix == ".docx":
                text, title = _read_docx(path)
            else:
                text, title = _read_pdf(path)
    except ReadError:
        raise
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as e:
        raise ReadError(path, f"cannot read: {e.strerror or e}") from None
    if len(text) > MAX_CHARS:
        raise ReadError(path, TOO_MUCH_TEXT)
    text = strip_unsafe(text)
    title = strip_unsafe(title) if title else title
    if not text.strip():
        raise ReadError(path, "empty file")
    return Document(
        doc_id=doc_id or doc_id_for(path),
        source=strip_unsafe(path.name),
        text=text,
        sha256=sha,
        media_type=MEDIA_TYPES[suffix],
        encoding=encoding,
        title=title,
    )


def iter_documents(paths: list[Path],
                   on_error: Callable[[Path, str], None] | None = None,
                   on_warning: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Yield documents one at a time; unreadable files go to `on_error` and are skipped,
    repairs made while reading (see `read_file`) to `on_warning`.

    Ids are unique across `paths` (see `assign_doc_ids`).  Without
    `on_error` the first `ReadError` is raised.
    """
    paths = [Path(p) for p in paths]
    ids = assign_doc_ids(paths)
    for p in paths:
        try:
            doc = read_file(p, ids[p], on_warning)
        except ReadError as e:
            if on_error is None:
                raise
            on_error(p, e.reason)
            continue
        yield doc


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------
# plain text: encoding detection

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CANNOT_DECODE = "cannot decode: not UTF-8, UTF-16 or GB18030"


def decode_text(path: Path, raw: bytes, warn: Callable[[str], None] | None = None) -> tuple[str, str]:
    """Decode raw bytes of a text file; returns (text, encoding name).

    Encoding names: ``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``utf-16-be``,
    ``utf-32-le``, ``utf-32-be``, ``gb18030``.  The BOM is not part of the text.
    UTF-8 with a few bad bytes (a damaged copy, a truncated character) is read
    with each bad sequence replaced by U+FFFD and `warn` told how many and
    where, rather than losing the whole report to them.
    """
    if not raw.strip():
        raise ReadError(path, "empty file")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(enc.removesuffix("-sig"))
            except UnicodeDecodeError:
                raise ReadError(path, f"cannot decode: invalid {enc.upper()} after its BOM") from None
            _check_not_binary(path, text)
            return text, enc
    if b"\x00" in raw:
        raise ReadError(path, "binary file")
    try:
        text = raw.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
            if not _plausibly_chinese(text):
                raise ValueError("not Chinese")
            enc = "gb18030"
        except ValueError:  # UnicodeDecodeError included
            _check_not_binary_bytes(path, raw)
            text, enc = _decode_damaged_utf8(path, raw, warn)
    _check_not_binary(path, text)
    return text, enc


def _utf8_errors(raw: bytes, limit: int) -> list[int]:
    """Byte offsets of the invalid UTF-8 sequences in `raw`, at most `limit` + 1 of them."""
    view = memoryview(raw)
    found: list[int] = []
    pos = 0
    while len(found) <= limit:
        try:
            codecs.utf_8_decode(view[pos:], "strict", True)
            break
        except UnicodeDecodeError as err:
            found.append(pos + err.start)
            pos += err.end
    return found


#: The most bad sequences a UTF-8 file may hold and still be read (and at most one in
#: 200 bytes): a damaged copy has a few; text in another encoding has them everywhere.
MAX_BAD_UTF8 = 64


def _decode_damaged_utf8(path: Path, raw: bytes, warn: Callable[[str], None] | None) -> tuple[str, str]:
    """UTF-8 with a few bad sequences, each replaced by U+FFFD and reported with the
    offset of the first; more than that (MAX_BAD_UTF8) is no UTF-8 at all."""
    limit = min(MAX_BAD_UTF8, max(8, len(raw) // 200))
    errors = _utf8_errors(raw, limit)
    if len(errors) > limit:
        raise ReadError(path, f"{CANNOT_DECODE} (the first byte that is not UTF-8 is at offset {errors[0]})")
    if warn is not None:
        warn(f"{path}: {len(errors)} byte sequence(s) that are not UTF-8 replaced with U+FFFD "
             f"(the first at byte offset {errors[0]})")
    return raw.decode("utf-8", errors="replace"), "utf-8"


# Characters no literal of the graph should hold: Unicode noncharacters (Raptor rejects
# U+FFFE and U+FFFF in Turtle) and control characters but tab, line ends and form feed
# (a terminal or a browser would act on them when a quote is shown).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_UNSAFE_ASTRAL = re.compile(
    "[" + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0x10000, 0x110000, 0x10000)) + "]")


def strip_unsafe(text: str) -> str:
    """`text` without the characters no literal of the graph may hold (see _UNSAFE): the
    text everything downstream quotes and counts offsets in is the text without them.
    The noncharacters beyond the BMP are looked for only in text that has such
    characters at all (a pattern of ranges is ten times quicker than one of 32 code points)."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub("", text)
    if _ASTRAL.search(text) and _UNSAFE_ASTRAL.search(text):
        text = _UNSAFE_ASTRAL.sub("", text)
    return text


# control characters no text file holds: C0 but tab, line ends, form feeds and \x1a (the
# DOS end-of-file marker), and C1
_BAD_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_BAD_CONTROL.findall(sample)) / len(sample)


def _check_not_binary(path: Path, text: str) -> None:
    if _control_share(text) > 0.05:
        raise ReadError(path, "binary file")


def _check_not_binary_bytes(path: Path, raw: bytes) -> None:
    sample = raw[:65536]
    bad = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 11, 0x1a))
    if sample and bad / len(sample) > 0.05:
        raise ReadError(path, "binary file")


def _is_cjk_ideograph(c: str) -> bool:
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F
            or 0xF900 <= o <= 0xFAFF)


@functools.lru_cache(maxsize=65536)
def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _plausibly_chinese(text: str) -> bool:
    """Is this GB18030-decoded text really Chinese, not bytes of something else?

    GB18030 maps nearly every pair of high bytes to *some* character, and
    most of them are CJK ideographs, so "mostly ideographs" proves nothing.
    What random or mis-detected bytes do not produce is *common* characters:
    real Chinese prose is written almost entirely in GB2312 (its 6763 hanzi
    plus full-width punctuation), which covers only about a third of the
    GB18030 two-byte space.  So we ask that among the non-ASCII characters
    at least 90% are in GB2312 and at least 60% are ideographs or
    CJK/full-width punctuation, and that there are no private-use or
    unassigned code points in quantity.
    """
    non_ascii = [c for c in text[:200_000] if c >= "\x80"]
    if not non_ascii:
        return True      # pure ASCII would have been UTF-8 already; harmless
    n = len(non_ascii)
    gb2312 = sum(1 for c in non_ascii if _in_gb2312(c))
    cjkish = sum(1 for c in non_ascii
                 if _is_cjk_ideograph(c) or 0x3000 <= ord(c) <= 0x303F
                 or 0xFF00 <= ord(c) <= 0xFFEF or 0x2010 <= ord(c) <= 0x2027)
    odd = sum(1 for c in non_ascii if unicodedata.category(c) in ("Co", "Cn", "Cc"))
    return gb2312 / n >= 0.9 and cjkish / n >= 0.6 and odd / n <= 0.01


# --------------------------------------------------------------------------
# .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Budget:
    """Counts characters while collecting text; stops a reader past MAX_CHARS."""

    def __init__(self, path: Path):
        self.path = path
        self.chars = 0

    def add(self, s: str) -> str:
        self.chars += len(s) + 1
        if self.chars > MAX_CHARS:
            raise ReadError(self.path, TOO_MUCH_TEXT)
        return s


def _read_docx(path: Path) -> tuple[str, str | None]:
    """Body paragraphs and tables in document order.

    A paragraph is one line.  A table row is one line whose cells are
    separated by a tab: the tab keeps cell boundaries unambiguous for later
    stages, is plain whitespace (so it never appears inside a quoted
    sentence as fake punctuation, as "，" would), and a row stays on its own
    line so a row never runs into the next one.  Paragraphs inside a cell,
    and nested tables, are joined with a space.  Horizontally merged cells
    are given once.  Content controls (w:sdt) are entered; headers,
    footers, footnotes and text boxes are not read.
    """
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(path, "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        d = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(path, "not a valid .docx file") from e
    except Exception as e:  # lxml errors and the like from a damaged package
        raise ReadError(path, f"not a valid .docx file ({type(e).__name__})") from e

    budget = _Budget(path)

    def cell_text(tc) -> str:
        parts: list[str] = []
        for child in _blocks(tc):
            if child.tag == _W + "p":
                t = Paragraph(child, d).text
            else:
                t = " ".join(" ".join(cell_text(c) for c in row_cells(child, r))
                             for r in range(len(Table(child, d).rows)))
            if t.strip():
                parts.append(t.replace("\n", " ").replace("\t", " ").strip())
        return " ".join(parts)

    def row_cells(tbl, r: int):
        seen: list = []
        for cell in Table(tbl, d).rows[r].cells:
            if not seen or cell._tc is not seen[-1]:
                seen.append(cell._tc)
        return seen

    lines: list[str] = []
    for block in _blocks(d.element.body):
        if block.tag == _W + "p":
            lines.append(budget.add(Paragraph(block, d).text))
        else:
            table = Table(block, d)
            for r in range(len(table.rows)):
                lines.append(budget.add("\t".join(cell_text(tc) for tc in row_cells(block, r))))
    title = (d.core_properties.title or "").strip() or None
    return "\n".join(lines), title


def _blocks(parent):
    """w:p and w:tbl children in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


# --------------------------------------------------------------------------
# .pdf

_CID = re.compile(r"\(cid:\d+\)")


def _read_pdf(path: Path) -> tuple[str, str | None]:
    """The text layer, page by page, pages joined with a blank line.

    Each page is released after it is read, so memory stays flat on long
    reports.  Lines inside a page end where the PDF's lines end; joining
    words split across lines is the normaliser's job.
    """
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(path, "reading .pdf needs pdfplumber (pip install pdfplumber)") from None
    budget = _Budget(path)
    pages: list[str] = []
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:
        if _encrypted(e):
            raise ReadError(path, "PDF is encrypted (a password is needed to read it)") from None
        raise ReadError(path, "not a valid PDF file") from None
    try:
        try:
            title = _pdf_title(pdf.metadata)
            for page in pdf.pages:
                pages.append(budget.add(page.extract_text() or ""))
                page.close()
        except ReadError:
            raise
        except Exception as e:
            if _encrypted(e):
                raise ReadError(path, "PDF is encrypted (a password is needed to read it)") from None
            raise ReadError(path, f"damaged PDF ({type(e).__name__})") from None
    finally:
        pdf.close()
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned?)")
    if not _CID.sub("", text).strip():
        raise ReadError(path, "PDF text layer cannot be decoded (fonts without a Unicode map)")
    return text, title


def _encrypted(err: BaseException) -> bool:
    """Did opening a PDF fail for want of a password? pdfplumber wraps pdfminer's
    PDFPasswordIncorrect / PDFEncryptionError in a PdfminerException of its own, so the
    exception, its arguments and its causes are all looked at."""
    seen = [err, err.__cause__, err.__context__, *getattr(err, "args", ())]
    return any(isinstance(e, BaseException) and ("Password" in type(e).__name__ or "Encrypt" in type(e).__name__)
               for e in seen)


def _pdf_title(meta: dict) -> str | None:
    value = (meta or {}).get("Title")
    if isinstance(value, bytes):
        try:
            from pdfminer.utils import decode_text as _pdf_decode
            value = _pdf_decode(value)
        except Exception:
            value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").strip()
    return value or None


# --------------------------------------------------------------------------
# .html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030", "csgb2312"}


def _read_html(path: Path, raw: bytes, warn: Callable[[str], None] | None = None) -> tuple[str, str, str | None]:
    """Decode (BOM, then a declared <meta charset>, then detection) and extract text."""
    text = enc = None
    if not any(raw.startswith(bom) for bom, _ in _BOMS):
        m = _META_CHARSET.search(raw[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            if declared in _GB_ALIASES:
                declared = "gb18030"       # a superset: pages labelled GB2312 often use GBK
            try:
                enc = codecs.lookup(declared).name
                text = raw.decode(enc)
            except (LookupError, UnicodeDecodeError):
                text = enc = None
    if text is None:
        text, enc = decode_text(path, raw, warn)
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return parser.text(), enc, parser.title()


_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tr", "ul",
}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr", "param"}


_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")   # HTML collapses ASCII whitespace only (U+3000 indents stay)


class _HTMLText(HTMLParser):
    """Visible text: block elements end lines, cells are tab-separated, script/style skipped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._title: list[str] = []
        self._skip = 0
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag == "body":
            self._skip = 0          # a missing </head> must not hide the body
        elif tag in _SKIP and tag not in _VOID:
            self._skip += 1
        elif tag in _BLOCK:
            self._out.append("\n")
            if tag == "pre":
                self._pre += 1
        elif tag in _CELL:
            self._out.append("\t")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self._out.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self._out.append("\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data):
        if self._in_title:
            self._title.append(data)
        elif not self._skip:
            self._out.append(data if self._pre else _HTML_SPACE.sub(" ", data))

    def title(self) -> str | None:
        t = _HTML_SPACE.sub(" ", "".join(self._title)).strip()
        return t or None

    def text(self) -> str:
        lines = []
        for line in "".join(self._out).split("\n"):
            line = line.strip(" \r")
            line = re.sub(r" *\t *", "\t", line).strip("\t ")
            if line or (lines and lines[-1]):
                lines.append(line)
        return "\n".join(lines).strip("\n")


# --------------------------------------------------------------------------
# title and date from the text (pure helpers)

_LABEL = re.compile(
    r"^(?:附件|附表|附录)\s*[\d一二三四五六七八九十]*\s*[:：]?$"   # 附件 2
    r"|^[-—–\s]*\d+[-—–\s]*$"                                    # page numbers: — 1 —
)
_SENTENCE_END = tuple("。！？；：，、,;!?:")
_MD_MARKUP = re.compile(r"^\s*#{1,6}\s+|\*\*|__")


def document_title(text: str) -> str | None:
    """The first non-empty line if it looks like a heading, else None.

    Attachment labels (附件 2) and page numbers before it are passed over;
    Markdown heading marks and bold marks are removed.  Heading-like means
    short (at most 60 characters), not ending in sentence or clause
    punctuation and without a 。 inside.
    """
    for line in text.splitlines():
        line = _MD_MARKUP.sub("", line).strip().strip("\ufeff").strip()
        if not line or _LABEL.match(line):
            continue
        if len(line) > 60 or "。" in line or line.endswith(_SENTENCE_END):
            return None
        return line
    return None


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９]{1,4}|[〇○零Ｏ一二三四五六七八九十]{1,4}"
_DATE_CORE = (rf"(?P<y>[0-9０-９]{{4}}|[〇○零Ｏ一二三四五六七八九]{{4}})\s*年"
              rf"(?:\s*(?P<m>{_NUM})\s*月(?:\s*(?P<d>{_NUM})\s*日)?)?"
              r"|(?P<y2>(?:19|20)\d{2})\s*(?P<sep>[-./])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})")
_DATE_LINE = re.compile(
    r"^[\s(（\[【]*"
    r"(?:[^\s:：]{0,8}(?:日期|时间)\s*[:：]\s*)?"
    rf"(?:{_DATE_CORE})"
    r"[\s)）\]】]*$"
)
_TITLE_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def _cn_number(s: str) -> int | None:
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if "十" in s:                       # 十, 十二, 二十, 三十一
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    digits = [_CN_DIGITS.get(c) for c in s]
    if None in digits:
        return None
    n = 0
    for x in digits:
        n = n * 10 + x
    return n


def _parse_date_line(line: str) -> str | None:
    m = _DATE_LINE.match(line)
    if not m:
        return None
    if m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y = _cn_number(m.group("y"))
        mo = _cn_number(m.group("m")) if m.group("m") else None
        d = _cn_number(m.group("d")) if m.group("d") else None
    if y is None or not 1900 <= y <= 2100:
        return None
    if mo is None or d is None:
        if mo is not None and not 1 <= mo <= 12:
            return None
        return f"{y:04d}"
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def document_date(text: str) -> str | None:
    """The date the text gives itself, as ISO ``YYYY-MM-DD`` or ``YYYY``.

    Looked for, in order: a line that is only a date among the last ten
    non-empty lines (the signature date of a report: 2022年6月30日,
    二〇二二年六月三十日, 2022-06-30, "发布日期：2022年6月30日"), then such a
    line among the first five, then a year written in the title
    (document_title).  A year-and-month line gives the year only.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in reversed(lines[-10:]):
        found = _parse_date_line(line)
        if found:
            return found
    for line in lines[:5]:
        found = _parse_date_line(line)
        if found:
            return found
    title = document_title(text)
    if title:
        m = _TITLE_YEAR.search(unicodedata.normalize("NFKC", title))
        if m:
            return m.group(1)
    return None
