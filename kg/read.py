"""Reading input files into Documents (minimal: UTF-8 and GB18030 text)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterator

from kg.model import Document

SAMPLE = "shanxi-st-bureaus-2022.txt"


def sample_path() -> Path:
    from importlib.resources import files
    return Path(str(files("kg.data") / SAMPLE))


def doc_id_for(path: Path) -> str:
    return re.sub(r"[^\w.-]+", "-", path.stem).strip("-") or "document"


def read_file(path: Path) -> Document:
    raw = Path(path).read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    return Document(doc_id=doc_id_for(Path(path)), source=Path(path).name, text=text,
                    sha256=hashlib.sha256(raw).hexdigest(), encoding=enc)


def iter_documents(paths: list[Path]) -> Iterator[Document]:
    for p in paths:
        yield read_file(p)
