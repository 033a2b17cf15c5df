"""The gazetteer: China's administrative divisions and the world's countries.

Reports name places mostly by their short forms (合肥, 襄阳, 包河) and expect a
reader to know them; a word list of the language cannot, so the divisions
come from a maintained public list (`kg/data/places.tsv`, made from JioNLP's
data by `scripts/make_gazetteer.py`). A county's short form is ambiguous
across the country (通州 is in Beijing and in Nantong), so it is read as a
place only inside the province the text is about.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg import vocab

LEVELS = ("province", "prefecture", "county", "country")


@dataclass(frozen=True)
class Place:
    name: str        # the official full name: 合肥市
    level: str       # one of LEVELS
    province: str    # the provincial-level division it lies in ("" for a country)
    code: str = ""   # the administrative code, where it has one


@dataclass(frozen=True)
class Gazetteer:
    by_name: dict[str, tuple[Place, ...]]
    by_short: dict[str, tuple[Place, ...]]

    def lookup(self, word: str, province: str | None = None) -> Place | None:
        """The place a word names, or None.

        A full name is always a place; a province's or prefecture's short form is
        one anywhere; a county's short form only within `province` (the one the
        text is about). Where a name repeats across provinces, the one inside
        `province` wins."""
        found = self.by_name.get(word)
        if found:
            return _prefer(found, province)
        found = self.by_short.get(word)
        if not found:
            return None
        wide = tuple(p for p in found if p.level in ("province", "prefecture"))
        if wide:
            return _prefer(wide, province)
        local = tuple(p for p in found if province and p.province == province)
        return local[0] if local else None

    def lies_in(self, inner: str, outer: str) -> bool:
        """Whether the division named `inner` lies inside the one named `outer` (by their
        administrative codes: a county's first four digits are its prefecture's)."""
        a, b = self.by_name.get(inner), self.by_name.get(outer)
        if not a or not b:
            return False
        for i in a:
            for o in b:
                if i.code and o.code and i.code != o.code and o.level in ("province", "prefecture"):
                    width = 2 if o.level == "province" else 4
                    if i.code[:width] == o.code[:width]:
                        return True
        return False

    def province_of(self, name: str) -> str | None:
        """The provincial-level division a full name lies in."""
        found = self.by_name.get(name)
        return found[0].province or None if found else None


def _prefer(places: tuple[Place, ...], province: str | None) -> Place:
    for p in places:
        if province and p.province == province:
            return p
    return places[0]


def parse(text: str) -> Gazetteer:
    by_name: dict[str, list[Place]] = {}
    by_short: dict[str, list[Place]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, short, level, province, code = (line.split("\t") + [""] * 5)[:5]
        place = Place(name, level, province, code)
        by_name.setdefault(name, []).append(place)
        if len(short) >= 2 and short != name and short not in vocab.PLACE_CLASS_SHORTS:
            by_short.setdefault(short, []).append(place)
    freeze = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
    return Gazetteer(freeze(by_name), freeze(by_short))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    return parse(resources.files("kg.data").joinpath("places.tsv").read_text(encoding="utf-8"))
