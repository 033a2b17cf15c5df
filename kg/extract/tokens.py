"""Words: jieba's dictionary as the rules consult it, and the spaCy tokenizer made of it.

The rules read words and tags, never a model: the dictionary's tags set the left edge of
names, and a word the dictionary does not know is tagged by its shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from kg import vocab
from kg.sections import split_sentences


class Tok(NamedTuple):
    """A word of a sentence (made by the hundred thousand: a tuple, not a dataclass)."""
    start: int   # offsets into the sentence
    end: int
    text: str
    tag: str


@dataclass(frozen=True)
class Lexicon:
    """jieba's dictionary as the rules consult it: a segmenter taught the type cues, the
    words the dictionary files as places, and how common the words it files as adverbs are."""
    segmenter: object                 # rjieba.Jieba
    places: frozenset[str]
    adverb_frequency: dict[str, int]
    word_tags: dict[str, str] = field(default_factory=dict)   # filled as words are met
    verb_frequency: dict[str, int] = field(default_factory=dict)

    def is_place(self, word: str) -> bool:
        return word in self.places

    def is_rare(self, tok: "Tok") -> bool:
        """Whether the dictionary files the word as an adverb or a verb but seldom saw it
        so: in a name it is a name's part ('陆相', '天开'), not the clause's word."""
        table = self.adverb_frequency if tok.tag in ("d", "ad") else self.verb_frequency if tok.tag == "v" else None
        return table is not None and tok.text in table and table[tok.text] < vocab.RARE_WORD_FREQUENCY


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """jieba's dictionary, segmented by jieba-rs (rjieba): the same words and the same tags as
    jieba, at a fraction of the cost. Our own instance is taught the type cues, so that a cue
    is never glued to the word after it ('局在'), and the two-country abbreviations."""
    import rjieba

    text = _jieba_dictionary()
    segmenter = rjieba.Jieba()
    for cues in vocab.TYPE_SUFFIXES.values():
        for cue in cues:
            if len(cue) >= 2 and not segmenter.has_word(cue):
                segmenter.add_word(cue, None, "nz")
    known = dict(re.findall(r"^(%s) \d+ (\S+)$" % "|".join(vocab.BILATERAL), text, re.M))
    for word in vocab.BILATERAL:
        segmenter.add_word(word, segmenter.suggest_freq(word), known.get(word, "nz"))
    places, adverbs, verbs = set(), {}, {}
    for word, frequency, tag in re.findall(r"^(\S+) (\d+) (ns|d|v)$", text, re.M):
        if tag == "ns":
            places.add(word)
        elif tag == "d":
            adverbs[word] = int(frequency)
        else:
            verbs[word] = int(frequency)
    return Lexicon(segmenter=segmenter, places=frozenset(places), adverb_frequency=adverbs, verb_frequency=verbs)


def _jieba_dictionary() -> str:
    """The text of jieba's dictionary (the one jieba-rs is built with): one 'word freq tag' a
    line. Found without importing jieba, which would build a tokenizer of its own."""
    from kg.fsutil import package_dir

    # bytes decoded at once: read_text's newline translation would cost 4× as much on its 5 MB
    return (package_dir("jieba") / "dict.txt").read_bytes().decode("utf-8")


_NUMERIC = re.compile(r"^[0-9０-９.．%％]+$")
_LATIN = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ]+$")
_WORD_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _shape_tag(word: str) -> str:
    """The tag of a word the dictionary does not know, from its shape: a Chinese word
    jieba's HMM made up is most likely part of a name (nz)."""
    if _NUMERIC.match(word):
        return "m"
    if _LATIN.match(word):
        return "eng"
    if not _WORD_CHAR.search(word):
        return "x"
    return "nz"


def _tokenize_uncached(text: str) -> tuple[Tok, ...]:
    lex = lexicon()
    known, word_tags = lex.segmenter.has_word, lex.word_tags
    toks, pos = [], 0
    for word, tag in lex.segmenter.tag(text, True):
        final = word_tags.get(word)
        if final is None:  # a word's tag never changes: the dictionary's, else its shape's
            final = word_tags[word] = tag if known(word) else _shape_tag(word)
        end = pos + len(word)
        toks.append(Tok(pos, end, word, final))
        pos = end
    return tuple(toks)


_tokenize_cached = lru_cache(maxsize=8192)(_tokenize_uncached)


def tokenize(text: str) -> list[Tok]:
    """jieba's words with their dictionary part-of-speech tags (no tagging HMM).

    Short strings (names, looked at again and again) are cached; sentences are not."""
    return list(_tokenize_cached(text)) if len(text) <= 24 else list(_tokenize_uncached(text))


_DECORATION = re.compile(r"[\s\*“”\"‘’《》「」]")


def _clean_name(text: str) -> str:
    return _DECORATION.sub("", text)


@dataclass(frozen=True)
class SentenceTokens:
    """One sentence of a Doc: its span in the Doc's text and its words, with offsets into
    the sentence (the rules work sentence by sentence)."""
    start: int
    end: int
    text: str
    toks: tuple[Tok, ...]


class JiebaPosTokenizer:
    """A spaCy tokenizer: jieba's words, sentence by sentence, with their part-of-speech tags
    in token.tag_ and sentence starts set; a sentence ends at 。！？ or a line break."""

    def __init__(self, vocab_):
        self.vocab = vocab_
        self._tag_ids: dict[str, int] = {}

    def __call__(self, text):
        import numpy as np
        from spacy.attrs import SENT_START, TAG
        from spacy.tokens import Doc

        sentences, words, tags, starts = [], [], [], []
        pos = 0
        for sent in split_sentences(text, 0, len(text)):
            if sent.start > pos:  # what lies between sentences (line breaks) is a token of its own
                words.append(text[pos:sent.start])
                tags.append("x")
                starts.append(not words[:-1])
            toks = tokenize(sent.text)
            sentences.append(SentenceTokens(sent.start, sent.end, sent.text, tuple(toks)))
            for i, t in enumerate(toks):
                words.append(t.text)
                tags.append(t.tag)
                starts.append(i == 0)
            pos = sent.end
        if pos < len(text):
            words.append(text[pos:])
            tags.append("x")
            starts.append(not words[:-1])
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        # tags and sentence starts in one array: per-token keyword arguments cost twice as much
        ids = self._tag_ids
        strings = self.vocab.strings
        values = np.empty((len(words), 2), dtype="uint64")
        values[:, 0] = [ids.get(t) or ids.setdefault(t, strings.add(t)) for t in tags]
        values[:, 1] = np.array([1 if start else -1 for start in starts], dtype="int64").view("uint64")
        doc.from_array([TAG, SENT_START], values)
        doc.user_data["kg_sentences"] = sentences  # the same words as plain records, for the rules
        return doc


def looks_like_name(item: str) -> bool:
    """A short trade name ('鑫途化工', '科大讯飞') holds a proper-noun-like part; '数据' does not."""
    for t in tokenize(item):
        if t.tag in ("nr", "nrt", "nz", "nt", "j", "ng", "nrfg") or (len(t.text) == 1 and t.tag not in ("u", "uj", "c", "p")):
            return True
        if t.tag == "ns" and t.text not in vocab.NON_PLACES:
            return True
    return False
