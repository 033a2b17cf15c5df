"""The spaCy pipeline and the tokenizer under it: jieba's dictionary, segmented by jieba-rs."""
from __future__ import annotations

import re

import pytest

from kg.extract import _cue_spans, _trie_pattern, lexicon, make_pipeline, tokenize


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def test_words_carry_the_dictionary_tags():
    toks = tokenize("山西省科技厅支持太原理工大学")
    assert [(t.text, t.tag) for t in toks][:3] == [("山西省", "ns"), ("科技厅", "n"), ("支持", "v")]
    assert "".join(t.text for t in toks) == "山西省科技厅支持太原理工大学"
    assert all(toks[i].end == toks[i + 1].start for i in range(len(toks) - 1))


def test_a_word_the_dictionary_lacks_is_tagged_by_its_shape():
    # jieba-rs files HMM-made words under a guessed tag; the rules read them as name parts
    tags = {t.text: t.tag for t in tokenize("国家级专精特新小巨人，投入3.5亿元")}
    assert not lexicon().segmenter.has_word("特新")
    assert tags["特新"] == "nz"
    assert tags["3.5"] == "m"


def test_a_type_cue_is_never_glued_to_the_next_word():
    assert [t.text for t in tokenize("运城市科学技术局在太原")][:2] == ["运城市", "科学技术局"]
    assert [t.text for t in tokenize("科技局在太原")] == ["科技局", "在", "太原"]


def test_places_and_adverb_frequencies_come_from_the_dictionary():
    lex = lexicon()
    assert lex.is_place("太原") and lex.is_place("杭州市")
    assert not lex.is_place("科技厅")
    assert lex.adverb_frequency and all(isinstance(f, int) for f in lex.adverb_frequency.values())


def test_trie_pattern_finds_the_longest_word_first():
    words = ["ab", "abc", "b", "abd", "xyz"]
    pattern = re.compile(_trie_pattern(words))
    assert pattern.fullmatch("abc") and pattern.fullmatch("ab") and not pattern.fullmatch("a")
    assert [m.group() for m in re.finditer(_trie_pattern(words), "abcabdabxyzb")] == \
        ["abc", "abd", "ab", "xyz", "b"]


def test_the_longest_cue_ending_at_a_position_wins():
    spans = _cue_spans("太原市科学技术局联合山西大学")
    assert (3, 8, "Bureau", "科学技术局") in spans
    assert not any(cue == "局" for *_, cue in spans)
    assert any(cue == "大学" for *_, cue in spans)


def test_pipeline_gives_sentences_tags_and_mention_spans(nlp):
    text = "山西省科技厅支持太原理工大学建设重点实验室3家。\n我厅组织了科技活动周！"
    doc = nlp(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == ["山西省科技厅支持太原理工大学建设重点实验室3家。", "我厅组织了科技活动周！"]
    assert doc[0].tag_ == "ns"
    assert {(span.text, span.label_) for span in doc.spans["mentions"]} >= {("太原理工大学", "University")}
    assert len(doc._.mentions) == len(doc._.relations) == len(doc._.figures) == 2  # one list per sentence
    assert [(f.value, f.unit) for f in doc._.figures[0]] == [(3.0, "家")]
    assert doc._.figures[1] == []


def test_pipeline_on_empty_text(nlp):
    doc = nlp("")
    assert len(doc) == 0 and doc._.mentions == []
