"""Resolution across mentions: one entity per thing, its short forms joined where one
document names both. Every name here is made up for the test."""
from __future__ import annotations

from kg.model import DocumentMeta, Extraction, Mention
from kg.resolve import resolve


def _doc(doc_id: str, *mentions: tuple[str, str]) -> Extraction:
    meta = DocumentMeta(doc_id, doc_id + ".txt", "0" * 64, "text/plain", None, None, 100)
    return Extraction(meta, mentions=[Mention(name, typ, doc_id) for name, typ in mentions])


def _entities(*docs: Extraction) -> dict[str, set[str]]:
    return {e.name: e.aliases for e in resolve(list(docs)).entities.values()}


def test_a_name_less_its_edition_bracket_or_region_word_joins_the_fuller_one():
    found = _entities(_doc("a", ("第三届江城博览会", "Event"), ("江城博览会", "Event"),
                           ("云岭物流中心（B型）", "Platform"), ("云岭物流中心", "Platform"),
                           ("滇北地区", "Place"), ("滇北", "Place")))
    assert found == {"第三届江城博览会": {"江城博览会"}, "云岭物流中心（B型）": {"云岭物流中心"},
                     "滇北地区": {"滇北"}}


def test_documents_keep_their_short_forms_apart():
    found = _entities(_doc("a", ("第三届江城博览会", "Event")), _doc("b", ("江城博览会", "Event")))
    assert set(found) == {"第三届江城博览会", "江城博览会"}


def test_types_are_never_joined():
    found = _entities(_doc("a", ("江城博览会", "Event"), ("第三届江城博览会", "Program")))
    assert set(found) == {"江城博览会", "第三届江城博览会"}
