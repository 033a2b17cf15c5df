"""Make `kg/data/places.tsv`, the gazetteer of places, from JioNLP's location data.

The administrative divisions of China (provinces, prefectures, counties) and the
world's countries change rarely and are public facts; JioNLP (Apache-2.0,
https://github.com/dongrixinyu/JioNLP) keeps them as plain text files. The
package itself is heavy to import, so the data is taken once, with its
attribution, by this script:

    pip download --no-deps -d /tmp/jio jionlp
    python scripts/make_gazetteer.py /tmp/jio/jionlp-*.whl

Output columns: name, short form ("" when none is safe), level (province,
prefecture, county, country), the province it lies in, and its code.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "places.tsv"
LEVELS = ("province", "prefecture", "county")


def china_rows(text: str):
    """Rows for the first three levels of JioNLP's indented location tree."""
    province = prefecture = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        name, code, short = (line.strip("\t").split("\t") + ["", ""])[:3]
        if depth == 0:
            province = name
        elif depth == 1:
            prefecture = name
            if name == province:      # municipalities repeat themselves one level down
                continue
        yield name, short if short != name else "", LEVELS[depth], province, code


def world_rows(text: str):
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2 or line.endswith(":"):
            continue
        short, full = cols[0], cols[1]
        if short == "中国":
            continue
        yield short, "", "country", "", ""
        if full != short:
            yield full, "", "country", "", ""


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as whl:
        inner = whl.read("jionlp/dictionary/china_location.zip")
        with zipfile.ZipFile(io.BytesIO(inner)) as z:
            china = z.read("china_location.txt").decode("utf-8")
        world = whl.read("jionlp/dictionary/world_location.txt").decode("utf-8")
    rows = sorted(set(china_rows(china)) | set(world_rows(world)),
                  key=lambda r: (("province", "prefecture", "county", "country").index(r[2]), r[4], r[0]))
    body = "".join("\t".join(r) + "\n" for r in rows)
    OUT.write_text("# name\tshort\tlevel\tprovince\tcode\n"
                   "# from JioNLP (https://github.com/dongrixinyu/JioNLP), Apache License 2.0;"
                   " made by scripts/make_gazetteer.py\n" + body, encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} places)")


if __name__ == "__main__":
    main(sys.argv[1])
