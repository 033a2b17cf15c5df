"""kg.read: encodings, formats, discovery, ids, streaming, title/date helpers.

Every fixture is built at test time in tmp_path.
"""
from __future__ import annotations

import glob
import pickle
import re
from pathlib import Path

import pytest

from kg import read
from kg.errors import EXIT_BAD_INPUT, KgError
from kg.read import (
    MAX_CHARS, ReadError, assign_doc_ids, discover, doc_id_for, document_date,
    document_title, iter_documents, read_file, sample_path,
)

PARA = ("运城市科学技术局深入实施创新驱动发展战略，推动全市科技创新工作取得一系列新成效。"
        "2021年立项市级科技计划项目87项，下达资金1017万元；全市研究与试验发展（R&D）"
        "经费达到22.9亿元，投入强度达到1.39%。")
TITLE = "运城市科学技术局先进事迹"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def reason_of(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read_file(path)
    assert info.value.path == Path(path)
    return info.value.reason


# ---------------------------------------------------------------- builders

def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None,
              after: list[str] = (), title: str | None = None) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    for p in after:
        d.add_paragraph(p)
    if title:
        d.core_properties.title = title
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def cjk_font() -> str:
    patterns = [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/**/NotoSansCJK*.ttc",
        "/usr/share/fonts/**/NotoSansSC*.[ot]tf",
        "/usr/share/fonts/**/wqy-zenhei.ttc",
        "/usr/share/fonts/**/uming.ttc",
    ]
    for pat in patterns:
        hits = sorted(glob.glob(pat, recursive=True))
        if hits:
            return hits[0]
    pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")


def make_pdf(path: Path, pages: list[list[str]], title: str | None = None) -> Path:
    """A PDF with a real text layer: matplotlib's PDF backend, a CJK font embedded as TrueType."""
    matplotlib = pytest.importorskip("matplotlib")
    from matplotlib import font_manager
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure           # no pyplot: no global backend state

    font = font_manager.FontProperties(fname=cjk_font())
    meta = {"Title": title} if title else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(str(path), metadata=meta) as pdf:
        for lines in pages:
            fig = Figure(figsize=(8.27, 11.69))
            for i, line in enumerate(lines):
                fig.text(0.08, 0.92 - i * 0.03, line, fontproperties=font, fontsize=11)
            pdf.savefig(fig)
    return path


def wrap(text: str, width: int = 30) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def make_image_pdf(path: Path) -> Path:
    """One page that is only a picture: no text layer, like a scan."""
    Image = pytest.importorskip("PIL.Image")
    ImageDraw = pytest.importorskip("PIL.ImageDraw")
    img = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(img).rectangle((40, 40, 360, 80), fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(path), "PDF")
    return path


PNG_LIKE = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200


# ---------------------------------------------------------------- text encodings

@pytest.mark.parametrize("data, encoding", [
    (PARA.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + PARA.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + PARA.encode("utf-16-le"), "utf-16-le"),
    (b"\xfe\xff" + PARA.encode("utf-16-be"), "utf-16-be"),
    (PARA.encode("gb18030"), "gb18030"),
    (PARA.encode("gbk"), "gb18030"),
    (b"\xff\xfe\x00\x00" + PARA.encode("utf-32-le"), "utf-32-le"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk", "utf32le-bom"])
def test_text_encodings_are_detected(tmp_path, data, encoding):
    doc = read_file(write(tmp_path / "r.txt", data))
    assert doc.text == PARA                       # the BOM is not part of the text
    assert doc.encoding == encoding
    assert doc.media_type == "text/plain"
    assert doc.doc_id == "r" and doc.source == "r.txt"
    import hashlib
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_gb18030_beyond_gbk(tmp_path):
    text = "山西省科技厅表彰先进集体。" + "\U00020000" + "㐀" + "（扩展字符）。"
    doc = read_file(write(tmp_path / "x.txt", text.encode("gb18030")))
    assert doc.text == text and doc.encoding == "gb18030"


def test_markdown_media_type_and_crlf_kept(tmp_path):
    text = "# 标题\r\n\r\n" + PARA + "\r\n"
    doc = read_file(write(tmp_path / "a.md", text.encode("utf-8")))
    assert doc.media_type == "text/markdown"
    assert doc.text == text                        # original kept: offsets point into it


@pytest.mark.parametrize("data", [
    bytes(range(0x80, 0x100)) * 50,                # GB18030 itself rejects 0x80 / 0xFF
    bytes(range(0x81, 0xFF)) * 50,                 # decodes as GB18030, but is not Chinese
    ("Café crème brûlée à la française, naïve façade. " * 20).encode("latin-1"),
    "運城市科學技術局深入實施創新驅動發展戰略，推動全市科技創新工作取得一系列新成效。".encode("big5"),
], ids=["high-bytes", "high-bytes-decodable", "latin1", "big5"])
def test_undecodable_text_is_rejected(tmp_path, data):
    reason = reason_of(write(tmp_path / "bad.txt", data))
    assert reason.startswith("cannot decode: not UTF-8, UTF-16 or GB18030 "
                             "(the first byte that is not UTF-8 is at offset ")


def test_a_few_bad_bytes_in_utf8_are_replaced_and_reported_with_their_offset(tmp_path):
    """A damaged copy (a truncated character, four stray bytes) loses five characters, not
    the report; the warning says how many and where the first is."""
    good = PARA.encode("utf-8")
    data = good[:-1] + b"\xff" + good + b"\xfe\xfe" + good + b"\xc3" + good
    warnings = []
    doc = read_file(write(tmp_path / "damaged.txt", data), warn=warnings.append)
    assert doc.encoding == "utf-8"
    assert doc.text.count("\ufffd") == 5 and doc.text.endswith(PARA)
    [warning] = warnings
    assert "5 byte sequence(s)" in warning and f"byte offset {len(good) - 3}" in warning


def test_random_high_bytes_do_not_pass_as_gb18030(tmp_path):
    import random
    rng = random.Random(7)
    accepted = 0
    for i in range(50):
        data = bytes(rng.randrange(0x81, 0xFF) for _ in range(300))
        try:
            read_file(write(tmp_path / f"r{i}.txt", data))
            accepted += 1
        except ReadError as e:
            assert e.reason.startswith("cannot decode")
    assert accepted == 0


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf  \n", b"\xff\xfe" + " \n".encode("utf-16-le")],
                         ids=["empty", "whitespace", "bom-only", "utf16-blank"])
def test_empty_file(tmp_path, data):
    assert reason_of(write(tmp_path / "e.txt", data)) == "empty file"


@pytest.mark.parametrize("data", [
    PNG_LIKE,
    bytes(range(1, 32)) * 40,                      # control characters without NULs
    PARA.encode("utf-16-le"),                      # UTF-16 without a BOM: NULs, treated as binary
], ids=["png", "controls", "utf16-no-bom"])
def test_binary_file(tmp_path, data):
    assert reason_of(write(tmp_path / "b.txt", data)) == "binary file"


def test_missing_path(tmp_path):
    assert reason_of(tmp_path / "nope.txt") == "no such file or directory"
    with pytest.raises(ReadError, match="no such file or directory"):
        discover([tmp_path / "nope"])


def test_unsupported_suffix(tmp_path):
    assert reason_of(write(tmp_path / "a.xyz", b"hello")) == "unsupported file type .xyz"
    assert reason_of(write(tmp_path / "a.doc", b"hello")).startswith("unsupported file type .doc")
    assert reason_of(write(tmp_path / "noext", b"hello")) == "unsupported file type (no suffix)"


def test_suffix_is_case_insensitive(tmp_path):
    doc = read_file(write(tmp_path / "UP.TXT", PARA.encode("utf-8")))
    assert doc.text == PARA and doc.media_type == "text/plain"


def test_size_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_CHARS", 50)
    assert reason_of(write(tmp_path / "big.txt", ("科" * 51).encode("utf-8"))) == "larger than the 5 MB text limit"
    read_file(write(tmp_path / "ok.txt", ("科" * 50).encode("utf-8")))
    # the raw size is checked before the file is read at all
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    p = write(tmp_path / "huge.txt", b"a" * 101)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the size check"))
    assert reason_of(p).startswith("larger than the")
    assert MAX_CHARS == 5_000_000


def test_docx_size_limit(tmp_path, monkeypatch):
    p = make_docx(tmp_path / "d.docx", [PARA] * 5)
    monkeypatch.setattr(read, "MAX_CHARS", 200)
    assert reason_of(p) == "larger than the 5 MB text limit"


def test_read_error_is_a_one_line_kg_error(tmp_path):
    with pytest.raises(ReadError) as info:
        read_file(write(tmp_path / "b.txt", PNG_LIKE))
    e = info.value
    assert isinstance(e, KgError) and isinstance(e, Exception)
    assert e.exit_code == EXIT_BAD_INPUT
    assert str(e) == f"{tmp_path / 'b.txt'}: binary file"
    again = pickle.loads(pickle.dumps(e))
    assert (again.path, again.reason) == (e.path, e.reason)


def test_sample_reads(tmp_path):
    doc = read_file(sample_path())
    assert doc.encoding == "utf-8"
    assert doc.doc_id == "shanxi-st-bureaus-2022"
    assert "运城市科学技术局先进事迹" in doc.text
    assert document_title(doc.text) == "运城市科学技术局先进事迹"


# ---------------------------------------------------------------- docx

def test_docx_paragraphs_and_table_in_order(tmp_path):
    p = make_docx(tmp_path / "r.docx", [TITLE, PARA],
                  table=[["单位", "数量"], ["高新技术企业", "200家"], ["省级重点实验室", "12家"]],
                  after=["以上数据截至2021年底。"], title="山西省科技局报告")
    doc = read_file(p)
    assert doc.media_type == DOCX_MIME
    assert doc.encoding is None
    assert doc.title == "山西省科技局报告"
    assert doc.text.split("\n") == [
        TITLE, PARA, "单位\t数量", "高新技术企业\t200家", "省级重点实验室\t12家", "以上数据截至2021年底。",
    ]


def test_docx_merged_cells_given_once_and_no_title(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "合计"
    t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "甲", "乙", "丙"
    cell = t.cell(1, 2)
    cell.add_paragraph("丁")                        # two paragraphs in one cell
    d.add_paragraph(PARA)
    d.save(str(tmp_path / "m.docx"))
    doc = read_file(tmp_path / "m.docx")
    assert doc.text.split("\n") == ["合计", "甲\t乙\t丙 丁", PARA]
    assert doc.title is None


def test_docx_nested_table_flattened_into_its_cell(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "外"
    inner = t.cell(0, 1).add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            inner.cell(r, c).text = f"内{r}{c}"
    d.add_paragraph("后")
    d.save(str(tmp_path / "n.docx"))
    assert read_file(tmp_path / "n.docx").text == "外\t内00 内01 内10 内11\n后"


def test_not_a_docx(tmp_path):
    assert reason_of(write(tmp_path / "fake.docx", PARA.encode("utf-8"))).startswith("not a valid .docx file")


# ---------------------------------------------------------------- pdf

def test_pdf_text_layer_pages_and_title(tmp_path):
    p = make_pdf(tmp_path / "r.pdf", [[TITLE] + wrap(PARA), ["第二页：以上数据截至2021年底。"]],
                 title="山西省科技局先进事迹")
    doc = read_file(p)
    assert doc.media_type == "application/pdf"
    assert doc.title == "山西省科技局先进事迹"
    first, second = doc.text.split("\n\n")
    assert first.split("\n")[0] == TITLE
    assert squash(first) == squash(TITLE + PARA)
    assert second == "第二页：以上数据截至2021年底。"


def test_pdf_without_text_layer(tmp_path):
    assert reason_of(make_image_pdf(tmp_path / "scan.pdf")) == "PDF has no text layer (scanned?)"


def test_not_a_pdf(tmp_path):
    assert reason_of(write(tmp_path / "fake.pdf", b"%PDF-1.4 nonsense")) in (
        "not a valid PDF file", "PDF has no text layer (scanned?)")
    assert reason_of(write(tmp_path / "fake2.pdf", PNG_LIKE)) == "not a valid PDF file"


# ---------------------------------------------------------------- html

HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>  {TITLE}  </title>
<style>p {{ color: red; }}</style><script>var x = "不要读我";</script></head>
<body>
  <h1>{TITLE}</h1>
  <p>{PARA[:20]}
     {PARA[20:]}</p>
  <ul><li>第一项</li><li>第二项&amp;附注</li></ul>
  <table><tr><th>单位</th><th>数量</th></tr><tr><td>高新技术企业</td><td>200家</td></tr></table>
  <div>结束<br>2022年6月30日</div>
  <noscript>请启用脚本</noscript>
</body></html>"""


def test_html_body_text_and_title(tmp_path):
    doc = read_file(write(tmp_path / "p.html", HTML.encode("utf-8")))
    assert doc.media_type == "text/html"
    assert doc.title == TITLE
    assert doc.encoding == "utf-8"
    lines = [ln for ln in doc.text.split("\n") if ln]
    assert lines == [TITLE, PARA[:20] + " " + PARA[20:], "第一项", "第二项&附注",
                     "单位\t数量", "高新技术企业\t200家", "结束", "2022年6月30日"]
    assert "不要读我" not in doc.text and "color" not in doc.text and "请启用脚本" not in doc.text
    assert document_date(doc.text) == "2022-06-30"


def test_html_keeps_ideographic_space_indent(tmp_path):
    doc = read_file(write(tmp_path / "i.html", f"<p>\u3000\u3000{PARA}</p>".encode("utf-8")))
    assert doc.text == "\u3000\u3000" + PARA


def test_html_declared_gb2312(tmp_path):
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">' \
           f'<title>{TITLE}</title></head><body><p>{PARA}</p></body></html>'
    doc = read_file(write(tmp_path / "g.htm", page.encode("gb18030")))
    assert doc.encoding == "gb18030" and doc.text == PARA and doc.title == TITLE


def test_html_without_body_text_is_empty(tmp_path):
    page = "<html><head><title>只有标题</title><script>x()</script></head><body> </body></html>"
    assert reason_of(write(tmp_path / "e.html", page.encode("utf-8"))) == "empty file"


# ---------------------------------------------------------------- same paragraph, four formats

def test_same_paragraph_from_every_format(tmp_path):
    docs = {
        "utf8": read_file(write(tmp_path / "u.txt", PARA.encode("utf-8"))),
        "gb18030": read_file(write(tmp_path / "g.txt", PARA.encode("gb18030"))),
        "docx": read_file(make_docx(tmp_path / "d.docx", [PARA])),
        "html": read_file(write(tmp_path / "h.html", f"<p>{PARA}</p>".encode("utf-8"))),
        "pdf": read_file(make_pdf(tmp_path / "p.pdf", [wrap(PARA)])),
    }
    assert docs["gb18030"].encoding == "gb18030"
    for name, doc in docs.items():
        assert squash(doc.text) == squash(PARA), name


# ---------------------------------------------------------------- discovery and streaming

def build_mixed_folder(root: Path) -> None:
    write(root / "b.txt", PARA.encode("utf-8"))
    write(root / "a.md", ("# 标题\n\n" + PARA).encode("utf-8"))
    write(root / "gbk.txt", PARA.encode("gbk"))
    write(root / "empty.txt", b"")
    write(root / "image.txt", PNG_LIKE)
    write(root / "notes.xyz", b"ignored: unsupported suffix")
    write(root / ".hidden.txt", PARA.encode("utf-8"))
    write(root / ".git" / "c.txt", PARA.encode("utf-8"))
    write(root / "~$lock.docx", b"word lock file")
    write(root / "sub" / "a.txt", PARA.encode("utf-8"))
    write(root / "sub" / "deeper" / "z.htm", f"<p>{PARA}</p>".encode("utf-8"))
    write(root / "sub-file.txt", PARA.encode("utf-8"))
    make_docx(root / "sub" / "a.docx", [PARA])


# sorted by path components: a folder's files stay together ("sub/..." before "sub-file.txt")
MIXED_ORDER = ["a.md", "b.txt", "empty.txt", "gbk.txt", "image.txt",
               "sub/a.docx", "sub/a.txt", "sub/deeper/z.htm", "sub-file.txt"]


def test_discover_mixed_folder_is_sorted_and_skips_hidden(tmp_path):
    root = tmp_path / "in"
    build_mixed_folder(root)
    found = discover([root])
    assert [p.relative_to(root).as_posix() for p in found] == MIXED_ORDER
    assert discover([root]) == found                 # stable


def test_discover_files_glob_and_duplicates(tmp_path):
    root = tmp_path / "in"
    build_mixed_folder(root)
    # a file named directly is kept whatever its suffix (so it gets reported), and only once
    found = discover([root / "notes.xyz", root / "b.txt", root])
    rel = [p.relative_to(root).as_posix() for p in found]
    assert rel[:2] == ["notes.xyz", "b.txt"] and rel.count("b.txt") == 1 and len(rel) == 10
    assert [p.name for p in discover([root], glob="*.xyz")] == ["notes.xyz"]
    assert [p.relative_to(root).as_posix() for p in discover([root], glob="sub/*.txt")] == ["sub/a.txt"]
    assert discover([]) == []


def test_iter_documents_streams_and_reports_errors(tmp_path):
    root = tmp_path / "in"
    build_mixed_folder(root)
    errors: list[tuple[str, str]] = []
    stream = iter_documents(discover([root]), lambda p, why: errors.append((p.name, why)))
    first = next(stream)                              # a generator: nothing read ahead
    assert first.source == "a.md" and errors == []
    docs = [first, *stream]
    assert sorted(errors) == [("empty.txt", "empty file"), ("image.txt", "binary file")]
    assert [d.doc_id for d in docs] == ["a", "b", "gbk", "a-2", "a-3", "z", "sub-file"]
    assert len({d.doc_id for d in docs}) == len(docs)
    assert all(squash(PARA) in squash(d.text) for d in docs)


def test_iter_documents_without_handler_raises(tmp_path):
    p = write(tmp_path / "e.txt", b"")
    with pytest.raises(ReadError, match="empty file"):
        list(iter_documents([p]))


# ---------------------------------------------------------------- ids

@pytest.mark.parametrize("name, expected", [
    ("shanxi-st-bureaus-2022.txt", "shanxi-st-bureaus-2022"),
    ("山西省 科技局（2022）.docx", "山西省-科技局-2022"),
    ("report v1.2 final!.pdf", "report-v1-2-final"),
    ("Ｒｅｐｏｒｔ２０２２.txt", "Report2022"),          # full-width letters folded (NFKC)
    ("a/b#c?d.txt", "b-c-d"),
    ("——.txt", "document"),
    ("..txt", "document"),
])
def test_doc_id_for(name, expected):
    assert doc_id_for(Path(name)) == expected


def test_doc_id_is_iri_safe():
    ident = doc_id_for(Path("x <y> \"z\" {w} |q| ^p` 报告.txt"))
    assert not set(ident) & set(' <>"{}|^`\\#?/%')
    assert "报告" in ident


def test_assign_doc_ids_is_unique_and_order_independent(tmp_path):
    paths = [tmp_path / "b" / "a.txt", tmp_path / "a.docx", tmp_path / "a.txt",
             tmp_path / "a-2.txt", tmp_path / "A.md", tmp_path / "z.txt"]
    ids = assign_doc_ids(paths)
    assert ids == assign_doc_ids(list(reversed(paths)))
    assert len(set(ids.values())) == len(paths)
    assert len({i.casefold() for i in ids.values()}) == len(paths)
    assert ids[tmp_path / "a-2.txt"] == "a-2"          # an existing id is never taken over
    assert ids[tmp_path / "A.md"] == "A"
    assert ids[tmp_path / "a.docx"] == "a-3"
    assert ids[tmp_path / "a.txt"] == "a-4"
    assert ids[tmp_path / "b" / "a.txt"] == "a-5"
    assert ids[tmp_path / "z.txt"] == "z"


# ---------------------------------------------------------------- title and date helpers

@pytest.mark.parametrize("text, expected", [
    ("\n\n附件 2\n\n运城市科学技术局先进事迹\n\n正文。", "运城市科学技术局先进事迹"),
    ("# 2022年山西省科技工作总结\n\n正文。", "2022年山西省科技工作总结"),
    ("**山西省科技厅工作报告**\n正文", "山西省科技厅工作报告"),
    ("\ufeff— 1 —\n标题\n", "标题"),
    (PARA, None),                                   # a sentence, not a heading
    ("这是一句话，没有结束", "这是一句话，没有结束"),
    ("第一段以逗号结尾，\n下一行", None),
    ("长" * 61, None),
    ("", None),
    ("  \n \n", None),
])
def test_document_title(text, expected):
    assert document_title(text) == expected


@pytest.mark.parametrize("text, expected", [
    (f"{TITLE}\n\n{PARA}\n\n山西省科学技术厅\n2022年6月30日\n", "2022-06-30"),
    (f"{TITLE}\n{PARA}\n山西省科学技术厅\n二〇二二年六月三十日", "2022-06-30"),
    (f"{TITLE}\n{PARA}\n（2022年12月1日）", "2022-12-01"),
    (f"{TITLE}\n{PARA}\n2022-06-30", "2022-06-30"),
    (f"{TITLE}\n{PARA}\n2022.6.3", "2022-06-03"),
    (f"{TITLE}\n发布日期：2021年3月5日\n{PARA}", "2021-03-05"),
    (f"{TITLE}\n{PARA}\n２０２２年６月３０日", "2022-06-30"),
    (f"{TITLE}\n{PARA}\n2022年6月", "2022"),
    ("2022年山西省科技工作总结\n" + PARA, "2022"),
    (f"{TITLE}\n{PARA}\n2022年2月30日", None),       # not a real day
    (TITLE + "\n" + PARA, None),                    # 2021年 inside a sentence is not the date
    ("", None),
])
def test_document_date(text, expected):
    assert document_date(text) == expected


def test_sample_title_and_date():
    text = sample_path().read_text(encoding="utf-8")
    assert document_title(text) == "运城市科学技术局先进事迹"
    assert document_date(text) in (None,) or re.fullmatch(r"\d{4}(-\d\d-\d\d)?", document_date(text))
