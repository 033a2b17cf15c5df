"""notebooks/explore.ipynb runs top to bottom and produces its tables and plots.

The notebook is executed with nbclient in a temporary working directory, on a kernel
that is this interpreter (a throw-away kernelspec in a temporary JUPYTER_PATH, so the
kernel sees the same installed `kg`, whatever kernels the machine has). It builds the
bundled sample into KG_NOTEBOOK_OUTPUT and saves every figure as PNG into
KG_NOTEBOOK_FIGURES, with query_rows.json (rows returned by each competency query).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL_NAME = "kejigraph-test-python3"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

#: Figures the notebook always draws on the sample (the per-unit ones are checked apart).
EXPECTED_FIGURES = ("partners_per_bureau.png", "established_per_bureau.png",
                    "centrality_top10.png", "network_communities.png")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """(the executed notebook, the figures folder, the build folder)."""
    tmp = tmp_path_factory.mktemp("notebook")
    kernels = tmp / "jupyter" / "kernels" / KERNEL_NAME
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (kejigraph test)", "language": "python",
    }), encoding="utf-8")
    figures, out, work = tmp / "figures", tmp / "out", tmp / "work"
    work.mkdir()

    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(tmp / "jupyter"))
    mp.setenv("KG_NOTEBOOK_FIGURES", str(figures))
    mp.setenv("KG_NOTEBOOK_OUTPUT", str(out))
    mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    mp.delenv("KG_QUERIES_DIR", raising=False)
    try:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=300,
                                         resources={"metadata": {"path": str(work)}})
        client.execute()
    finally:
        mp.undo()
    return nb, figures, out


def outputs(nb, output_type=None):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if output_type is None or out.output_type == output_type:
                yield cell, out


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:80]


@pytest.mark.slow
def test_every_cell_runs_without_error(executed):
    nb, _, out = executed
    errors = [f"{o.ename}: {o.evalue}" for _, o in outputs(nb, "error")]
    assert not errors, errors
    for name in ("graph.ttl", "graph.trig", "network.html"):
        assert (out / name).stat().st_size > 0, f"the notebook's build did not write {name}"


@pytest.mark.slow
def test_plots_are_drawn_and_saved(executed):
    nb, figures, _ = executed
    inline = [o for _, o in outputs(nb, "display_data") if "image/png" in o.get("data", {})]
    saved = sorted(figures.glob("*.png"))
    names = {p.name for p in saved}
    for name in EXPECTED_FIGURES:
        assert name in names, f"{name} not saved (saved: {sorted(names)})"
    assert any(n.startswith("figures_unit_") for n in names), "no figures-by-unit chart"
    for path in saved:
        data = path.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 5_000, path.name
    assert len(inline) >= len(saved), "every saved figure is also shown inline"


@pytest.mark.slow
def test_competency_queries_are_run_and_partners_is_not_empty(executed):
    nb, figures, _ = executed
    rows = json.loads((figures / "query_rows.json").read_text(encoding="utf-8"))
    assert rows.get("partners"), f"the partners query returned no rows: {rows}"
    html = [o["data"]["text/html"] for _, o in outputs(nb) if "text/html" in o.get("data", {})]
    assert sum("<table" in h for h in html) >= len([v for v in rows.values() if v]), \
        "each non-empty query result is shown as a table"
    assert any("partnerLabel" in h for h in html), "the partners table is shown"


@pytest.mark.slow
def test_network_view_is_embedded(executed):
    nb, _, _ = executed
    html = [o["data"]["text/html"] for _, o in outputs(nb) if "text/html" in o.get("data", {})]
    assert any("<iframe srcdoc=" in h for h in html)


@pytest.mark.slow
@pytest.mark.skipif(not CJK_FONT.exists(), reason="fonts-noto-cjk is not installed")
def test_chinese_labels_have_glyphs(executed):
    """matplotlib warns "Glyph … missing from font(s)" when it draws tofu."""
    nb, _, _ = executed
    streams = "".join(o.get("text", "") for _, o in outputs(nb, "stream"))
    assert "missing from" not in streams and "Glyph" not in streams, streams[-2000:]
    assert "Chinese labels drawn with: Noto Sans CJK" in streams
