"""Run notebooks/explore.ipynb once and keep its plots as PNG files.

    python scripts/render_notebook_plots.py [FIGURES_DIR] [--executed PATH]

FIGURES_DIR (default: notebook-figures/) receives every figure the notebook draws,
plus query_rows.json (the rows each competency query returned). With --executed the
notebook with its outputs is written there too; the notebook in the repository stays
without outputs.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", nargs="?", default="notebook-figures", help="folder for the PNG files")
    parser.add_argument("--executed", help="also write the executed notebook here")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    args = parser.parse_args(argv)

    import nbformat
    from nbclient import NotebookClient

    figures = Path(args.figures).resolve()
    os.environ["KG_NOTEBOOK_FIGURES"] = str(figures)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with tempfile.TemporaryDirectory(prefix="kg-notebook-") as work:
        os.environ.setdefault("KG_NOTEBOOK_OUTPUT", str(Path(work) / "output"))
        NotebookClient(nb, kernel_name=args.kernel, timeout=300,
                       resources={"metadata": {"path": work}}).execute()
    if args.executed:
        nbformat.write(nb, args.executed)
    for png in sorted(figures.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
