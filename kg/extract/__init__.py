"""Extraction: a spaCy pipeline of small components registered by name.

    tokenizer      JiebaPosTokenizer   words and part-of-speech tags from jieba's dictionary
                                       (segmented by jieba-rs), sentence starts at 。！？ and
                                       line ends; one Doc per section
    kg_mentions                        named entities from the cue grammar (doc.spans["mentions"])
    kg_relations                       relations, the narrator standing in for omitted subjects
    kg_figures                         figures: value, unit, year, qualifier, indicator

The components leave one list per sentence in doc._.mentions, doc._.relations and
doc._.figures, with offsets into the sentence: evidence is quoted sentence by sentence.

No pretrained Chinese model is needed: the grammar of the genre (type cues at
the end of names, trigger verbs before objects, units after numbers) carries
the signal, and jieba's dictionary supplies word boundaries and tags for the
left edge of names. All cue words live in `kg.vocab`.

One module per component, each rule a pure function of a sentence's text and words:

    tokens       Tok, the lexicon, tokenize, JiebaPosTokenizer
    mentions     find_mentions, place_form (kg_mentions)
    relations    find_relations, names inside names (kg_relations)
    honours      who received which title (a rule of kg_relations)
    figures      find_figures, chinese_number (kg_figures)
    pipeline     the components registered by name, make_pipeline, extract_section
"""
from kg.extract.figures import Figure, chinese_number, find_figures
from kg.extract.honours import Found
from kg.extract.mentions import Cand, _cue_spans, _trie_pattern, find_mentions, place_form
from kg.extract.pipeline import extract_section, make_pipeline
from kg.extract.relations import find_relations
from kg.extract.tokens import JiebaPosTokenizer, Lexicon, SentenceTokens, Tok, lexicon, tokenize

__all__ = [
    "Cand", "Figure", "Found", "JiebaPosTokenizer", "Lexicon", "SentenceTokens", "Tok",
    "chinese_number", "extract_section", "find_figures", "find_mentions", "find_relations",
    "lexicon", "make_pipeline", "place_form", "tokenize",
]
