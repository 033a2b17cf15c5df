"""The narrator of a document without a title line: every source it may come from, the
warning when none gives one, and the per-document build report.

Every fixture is made here, in tmp_path: a Word file with a core title, a PDF with a
Title (written byte by byte), an HTML page, a file name, the text's own words, manifests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import narrator as narr
from kg.build import extract_document
from kg.cli import main
from kg.model import Given
from kg.read import read_file
from kg.sections import narrator_from_heading

#: A body that names no government, no area and no title: only the metadata can say who speaks.
NEUTRAL = ("过去一年，新增高新技术企业35家，建成重点实验室3个。\n"
           "技术合同成交额达到120亿元，增长15%。\n")
#: A provincial report as published: no title line, 全省 and the province it names most.
HUBEI = ("一、2025年工作回顾\n"
         "过去一年，湖北经济总量迈上新台阶，全省上下奋勇争先。\n"
         "湖北新增高新技术企业3000家，全省研发投入强度达到2.5%。\n"
         "我们举办了世界制造业大会，北京、上海的企业参会。\n")


def hubei_names(name, aliases):
    assert name == "湖北省人民政府"
    assert {"湖北省政府", "省政府"} <= set(aliases)


# --- pure rules ----------------------------------------------------------------------

def test_a_bare_government_heading_names_no_narrator():
    assert narrator_from_heading("政府工作报告") is None
    assert narrator_from_heading("2026年北京市政府工作报告")[0] == "北京市人民政府"


def test_speaker_formula_names_the_national_government():
    assert narr.from_speaker("各位代表：\n现在，我代表国务院，向大会报告政府工作。") == ("国务院", ())
    assert narr.from_speaker("我现在代表国务院向本次大会作报告。")[0] == "国务院"
    assert narr.from_speaker("我代表中华人民共和国国务院，向大会报告。") == ("国务院", ("中华人民共和国国务院",))
    assert narr.from_speaker("我代表全国人民向你们致敬。") is None


def test_speaker_formula_of_a_province_takes_the_province_the_text_names_most():
    text = "我代表省人民政府，向大会报告政府工作。过去一年，湖北发展稳中有进，湖北人民……北京"
    hubei_names(*narr.from_speaker(text))


def test_area_is_the_one_named_most_at_the_level_of_the_scope_words():
    assert narr.area_of(HUBEI) == "湖北省"
    municipal = "全市经济稳中向好，北京国际科技创新中心建设提速。全市新增……北京、天津、湖北"
    assert narr.area_of(municipal) == "北京市"
    assert narr.area_of("湖北湖北湖北，经济发展。") is None          # no 全省: not said to be its own
    assert narr.area_of("全省上下，全省人民。湖北、湖南。") is None      # a tie names none


def test_text_of_a_national_report_without_the_formula():
    text = "我国经济总量稳步增长，全国粮食产量再创新高。国务院常务会议……全国"
    assert narr.from_text(text) == ("国务院", ())
    assert narr.from_text("我国经济总量稳步增长，全国粮食产量再创新高。") is None   # names no 国务院


def test_titles_with_a_site_name_and_file_names_that_carry_a_title():
    hubei_names(*narr.from_title("2026年湖北省政府工作报告_湖北省人民政府门户网站", NEUTRAL))
    assert narr.from_title("湖北省人民政府门户网站", NEUTRAL) is None      # no genre word: not a title
    hubei_names(*narr.from_filename("2026年湖北省政府工作报告.docx", NEUTRAL))
    hubei_names(*narr.from_filename("2026_湖北省_政府工作报告.pdf", NEUTRAL))
    assert narr.from_filename("hubei-gwr2026-review.txt", NEUTRAL) is None


def test_a_generic_title_takes_its_area_from_the_text():
    hubei_names(*narr.from_title("省政府工作报告", HUBEI))
    assert narr.from_title("省政府工作报告", NEUTRAL) is None          # 省人民政府 alone is no narrator


# --- each source, end to end through extract_document ----------------------------------

def narrator_of(path: Path, given: Given | None = None):
    from dataclasses import replace

    doc = read_file(path)
    ex = extract_document(replace(doc, given=given) if given else doc)
    return ex.meta.narrators, ex.meta.narrator_source, ex


def test_word_core_title(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in NEUTRAL.splitlines():
        d.add_paragraph(line)
    d.core_properties.title = "2026年湖北省政府工作报告"
    d.save(str(tmp_path / "report.docx"))
    names, how, ex = narrator_of(tmp_path / "report.docx")
    assert (names, how) == (("湖北省人民政府",), "metadata")
    assert any(o.subject == "湖北省人民政府" for o in ex.observations)


def _pdf_with_title(path: Path, title: str, line: str) -> Path:
    """A one-page PDF written by hand: Helvetica text, the Title as UTF-16 in the Info dictionary."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title <FEFF" + title.encode("utf-16-be").hex().upper().encode() + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_pdf_title(tmp_path):
    pdf = _pdf_with_title(tmp_path / "r.pdf", "2026年四川省人民政府工作报告", "Output grew 12% in 2025.")
    assert read_file(pdf).title == "2026年四川省人民政府工作报告"
    names, how, _ = narrator_of(pdf)
    assert (names, how) == (("四川省人民政府",), "metadata")


def test_html_title_with_a_site_name(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><meta charset='utf-8'><title>2026年湖北省政府工作报告_湖北省人民政府网"
                    "</title></head><body>" + "".join(f"<p>{x}</p>" for x in NEUTRAL.splitlines())
                    + "</body></html>", encoding="utf-8")
    assert narrator_of(page)[:2] == (("湖北省人民政府",), "metadata")


def test_file_name(tmp_path):
    path = tmp_path / "2026年天津市政府工作报告.txt"
    path.write_text(NEUTRAL, encoding="utf-8")
    assert narrator_of(path)[:2] == (("天津市人民政府",), "filename")


def test_the_texts_own_words(tmp_path):
    path = tmp_path / "gwr.txt"
    path.write_text("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n" + NEUTRAL, encoding="utf-8")
    assert narrator_of(path)[:2] == (("国务院",), "text")
    path.write_text(HUBEI, encoding="utf-8")
    names, how, ex = narrator_of(path)
    assert (names, how) == (("湖北省人民政府",), "text")
    assert {m.name for m in ex.mentions} >= {"湖北省人民政府", "湖北省"}


def test_a_title_line_still_comes_first_and_the_user_outranks_it(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("2026年河南省政府工作报告\n" + HUBEI, encoding="utf-8")
    assert narrator_of(path)[:2] == (("河南省人民政府",), "title")
    assert narrator_of(path, Given(narrator="湖北省政府"))[:2] == (("湖北省人民政府",), "user")
    assert narrator_of(path, Given(title="2026年湖北省政府工作报告", origin="manifest"))[:2] == \
        (("湖北省人民政府",), "manifest")


def test_no_narrator_keeps_the_facts_on_the_area_as_a_place(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("湖北新增高新技术企业3000家，湖北研发投入强度达到2.5%。建成湖北实验室。\n", encoding="utf-8")
    names, how, ex = narrator_of(path)
    assert (names, how) == ((), "none") and ex.meta.area == "湖北省"
    assert ex.observations and {(o.subject, o.subject_type) for o in ex.observations} == {("湖北省", "Place")}
    assert not any(m.type == "Bureau" and m.name in ("湖北省", "人民政府", "政府") for m in ex.mentions)
    assert not any(r.subject == r.object for r in ex.relations)


# --- manifests -------------------------------------------------------------------------

def test_manifest_csv_and_json_match_by_relative_path_or_file_name(tmp_path):
    a, b = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    a.parent.mkdir()
    for p in (a, b):
        p.write_text(NEUTRAL, encoding="utf-8")
    csv_manifest = tmp_path / "m.csv"
    csv_manifest.write_text("file,title,narrator,date\nin/a.txt,2026年湖北省政府工作报告,,2026-01-20\n"
                            "b.txt,,国务院,\nmissing.txt,x,,\n", encoding="utf-8")
    warned = []
    ids = {a: "a", b: "b"}
    got = narr.givens_for([a, b], ids, manifest=csv_manifest, warn=warned.append)
    assert got["a"] == Given(title="2026年湖北省政府工作报告", date="2026-01-20", origin="manifest")
    assert got["b"] == Given(narrator="国务院", origin="manifest")
    assert warned == ["manifest row for missing.txt matches no input"]
    json_manifest = tmp_path / "m.json"
    json_manifest.write_text(json.dumps([{"file": "a.txt", "narrator": "湖北省人民政府"}]), encoding="utf-8")
    cli = Given(narrator="国务院")
    got = narr.givens_for([a, b], ids, given=cli, manifest=json_manifest)
    assert got == {"a": Given(narrator="湖北省人民政府", origin="manifest"), "b": cli}


@pytest.mark.parametrize("content, message", [
    ("title,narrator\nx,y\n", "needs a header row with a 'file' column"),
    ("{not json", "is not valid JSON"),
])
def test_a_bad_manifest_is_one_line_error(tmp_path, capsys, content, message):
    src = tmp_path / "r.txt"
    src.write_text(NEUTRAL, encoding="utf-8")
    manifest = tmp_path / ("m.json" if content.startswith("{") else "m.csv")
    manifest.write_text(content, encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "out"), "--quiet", "--manifest", str(manifest)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


# --- the command: report table, warning, stats ------------------------------------------

def test_build_reports_each_document_and_warns_of_one_without_narrator(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hubei.txt").write_text(HUBEI, encoding="utf-8")
    (folder / "news.txt").write_text("湖北新增高新技术企业3000家，湖北研发投入强度达到2.5%。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    table = err[err.index("document"):]
    assert "hubei.txt" in table and "湖北省人民政府" in table and "1 of 2 document(s) with a narrator" in table
    warnings = [line for line in err.splitlines() if line.startswith("kg: warning:")]
    assert len(warnings) == 1 and "news.txt: no narrator found" in warnings[0]
    assert "attached to 湖北省" in warnings[0] and "--narrator" in warnings[0]
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    rows = {r["document"]: r for r in report["documents"]}
    assert rows["hubei.txt"]["narrator"] == ["湖北省人民政府"] and rows["hubei.txt"]["narrator_source"] == "text"
    assert rows["hubei.txt"]["figures"] == 2 and rows["hubei.txt"]["relations"] >= 1
    assert rows["news.txt"]["narrator_source"] == "none" and rows["news.txt"]["figures"] == 2
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"人民政府"@zh' not in ttl and '"政府"@zh' not in ttl     # never a bare government

    assert main(["stats", "-i", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "per document" in shown and "news.txt" in shown and "none" in shown
    assert main(["stats", "-i", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["build_report"][0]["document"] == "hubei.txt"

    # --quiet hides the table, not the warning; --narrator names the document
    assert main(["build", str(folder / "news.txt"), "-o", str(out), "--quiet", "--narrator", "湖北省人民政府"]) == 0
    assert capsys.readouterr().err == ""
    assert json.loads((out / "build-report.json").read_text(encoding="utf-8"))["documents"][0]["narrator_source"] \
        == "user"
    assert main(["build", str(folder / "news.txt"), "-o", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("kg: warning: news.txt: no narrator found") and "document" not in err.split("\n", 1)[1]


def test_build_help_documents_the_narrator_options(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    for word in ("--title", "--narrator", "--manifest", "build-report.json", "file,title,narrator,date"):
        assert word in out


def test_a_sentence_topic_carries_the_figures_of_its_own_clause_only(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("2026年湖北省政府工作报告\n一、2025年工作回顾\n"
                    "江城国际机场开通国际航线12条，全省累计注册科技型企业超4500家。\n", encoding="utf-8")
    _, _, ex = narrator_of(path)
    by_value = {o.value: o.subject for o in ex.observations}
    assert by_value[12] == "江城国际机场"
    assert by_value[4500] != "江城国际机场"
