"""The spaCy pipeline and one section through it: the rules registered as components by
name, and their findings turned into mentions, relations and observations with evidence.
"""
from __future__ import annotations

import re

from kg import vocab
from kg.extract.figures import find_figures
from kg.extract.mentions import _ends_with_cue, _places_in, find_mentions
from kg.extract.register import gazetteer_places, narrator_province
from kg.extract.relations import _nested_relations, find_relations
from kg.extract.tokens import JiebaPosTokenizer, SentenceTokens, Tok, tokenize
from kg.gazetteer import gazetteer
from kg.model import Evidence, Mention, Observation, Relation, Section
from kg.normalise import NormalisedText
from kg.sections import Sentence


def _sentences_of(doc) -> list[SentenceTokens]:
    """The sentences the tokenizer found; a Doc made elsewhere is one sentence."""
    found = doc.user_data.get("kg_sentences")
    if found is None:
        toks = tuple(Tok(t.idx, t.idx + len(t.text), t.text, t.tag_) for t in doc)
        found = [SentenceTokens(0, len(doc.text), doc.text, toks)]
    return found


def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    for attr in ("narrator", "doc_year"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    for attr in ("mentions", "relations", "figures"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)

    if "kg_mentions" in Language.factories:
        return

    # Each component leaves one list per sentence in its extension (offsets into the
    # sentence, as evidence is per sentence); the names also go to doc.spans["mentions"].

    @Language.component("kg_mentions")
    def kg_mentions(doc):
        sentences = _sentences_of(doc)
        province = narrator_province(doc._.narrator or "")
        found = doc._.mentions = [find_mentions(sent.text, list(sent.toks), province) for sent in sentences]
        spans = []
        for sent, cands in zip(sentences, found):
            for c in cands:
                span = doc.char_span(sent.start + c.start, sent.start + c.end, label=c.type,
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["mentions"] = spans
        return doc

    @Language.component("kg_relations")
    def kg_relations(doc):
        ext, sentences = doc._, _sentences_of(doc)
        narrator = ext.narrator or ""
        mentions = ext.mentions or [[] for _ in sentences]
        ext.relations = [find_relations(sent.text, cands, narrator) for sent, cands in zip(sentences, mentions)]
        return doc

    @Language.component("kg_figures")
    def kg_figures(doc):
        ext = doc._
        ext.figures = [find_figures(sent.text, ext.doc_year) for sent in _sentences_of(doc)]
        return doc


def make_pipeline():
    """The extraction pipeline: spaCy's blank Chinese language with our components by name."""
    import spacy

    _register_components()
    nlp = spacy.blank("zh")
    # the rules read words and tags, never spaCy's lexical attributes (like_num, is_stop):
    # a new word's lexeme is made without computing them, a third of the cost of a Doc
    nlp.vocab.lex_attr_getters = {}
    nlp.tokenizer = JiebaPosTokenizer(nlp.vocab)
    for name in ("kg_mentions", "kg_relations", "kg_figures"):
        nlp.add_pipe(name)
    return nlp


def _places_named_in(name: str, province: str | None) -> list[str]:
    """Places a programme's or an event's name holds, by the rules that find places in
    text: divisions, named regions, a place before a region word, a new area."""
    found = [s.name for s in gazetteer_places(name, tokenize(name), province)]
    zone = _NEW_AREA.match(name)
    if zone and zone.group(0) != name:
        found.append(zone.group(0))
    return [p for p in dict.fromkeys(found) if p != name]


_NEW_AREA = re.compile(r"[\u3400-\u9fff]{2}新区")


def _known_place(name: str) -> bool:
    """A place inside another name counts on its own where it is a division, a named
    region or a new area, not a word the dictionary happens to tag as a place."""
    return gazetteer().lookup(name) is not None or name in vocab.NAMED_REGIONS or name.endswith("新区")


def _topic_reach(text: str) -> int:
    """Where the figures a sentence's topic carries end: with its own clause. A long sentence
    goes on to the area's other figures ('某园蓬勃发展，…，全市累计…')."""
    m = re.search("[，；]", text)
    return m.end() if m else len(text)


def _evidence(norm: NormalisedText, doc_id: str, start: int, end: int) -> Evidence:
    s, e = norm.original_span(start, end)
    return Evidence(doc_id=doc_id, quote=norm.quote(start, end), start=s, end=e)


def extract_section(nlp, norm: NormalisedText, doc_id: str, section: Section, doc_year: int | None):
    mentions: list[Mention] = []
    relations: list[Relation] = []
    observations: list[Observation] = []
    narrator = section.narrator
    province = narrator_province(narrator or "")
    if narrator:
        cue_type = _ends_with_cue(narrator)
        narrator_type = cue_type if cue_type in ("University", "ResearchInstitute", "Enterprise", "Platform") else "Bureau"
        mentions.append(Mention(narrator, narrator_type, doc_id, aliases=section.narrator_aliases))
        for place in _places_in(narrator):
            mentions.append(Mention(place, "Place", doc_id))
    text = norm.text
    body_start = section.start
    if section.heading and text.startswith(section.heading, section.start):
        body_start = text.find("\n", section.start)
        body_start = section.end if body_start < 0 else body_start
    if narrator:
        ev = _evidence(norm, doc_id, section.start, section.start + len(section.heading or "")) \
            if section.heading else Evidence(doc_id, narrator, 0, 0)
        for place in _places_in(narrator):
            relations.append(Relation(narrator, "locatedIn", place, ev, "Bureau", "Place"))
    doc = nlp.make_doc(text[body_start:section.end])
    ext = doc._
    ext.narrator = narrator
    ext.doc_year = doc_year
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    ext = doc._
    for local, found_mentions, found_relations, found_figures in zip(
            doc.user_data["kg_sentences"], ext.mentions, ext.relations, ext.figures):
        sent = Sentence(body_start + local.start, body_start + local.end, local.text)
        ev = _evidence(norm, doc_id, sent.start, sent.end)
        for c in found_mentions:
            o_s, o_e = norm.original_span(sent.start + c.start, sent.start + c.end)
            mentions.append(Mention(c.name, c.type, doc_id, o_s, o_e, c.aliases))
            for part in c.parts:
                if part.type == "Place" and _known_place(part.name):   # '雄安新区建设' names 雄安新区 too
                    p_s, p_e = norm.original_span(sent.start + part.start, sent.start + part.end)
                    mentions.append(Mention(part.name, part.type, doc_id, p_s, p_e, part.aliases))
                if part.type == "Policy":   # '贯彻某某规定精神学习教育' names the document too
                    p_s, p_e = norm.original_span(sent.start + part.start, sent.start + part.end)
                    mentions.append(Mention(part.name, part.type, doc_id, p_s, p_e, part.aliases))
                if part.type in vocab.PARENT_TYPES:
                    p_s, p_e = norm.original_span(sent.start + part.start, sent.start + part.end)
                    mentions.append(Mention(part.name, part.type, doc_id, p_s, p_e, part.aliases))
                    relations.extend(_nested_relations(part, ev, doc_id, mentions, province))
            relations.extend(_nested_relations(c, ev, doc_id, mentions, province))
            if c.type in ("Program", "Event", "Policy"):   # '西安都市圈同城化' names 西安都市圈
                for place in _places_named_in(c.name, province):
                    mentions.append(Mention(place, "Place", doc_id))
        for f in found_relations:
            relations.append(Relation(f.subject, f.predicate, f.object, ev, f.subject_type, f.object_type))
            if f.predicate == "develops":
                mentions.append(Mention(f.object, "Product", doc_id))
        topic = None
        if found_mentions:
            first = min(found_mentions, key=lambda c: c.start)
            nxt = [t for t in local.toks if t.start == first.end]
            topical = vocab.AGENT_TYPES if narrator.endswith(vocab.GOVERNMENT_NARRATORS) else \
                vocab.AGENT_TYPES + ("Program", "Event")   # a work report measures its area, not its programmes
            if first.start == 0 and first.type in topical and \
                    (sent.text[first.end:first.end + 1] == "，" or (nxt and nxt[0].tag[:1] in ("v", "d", "a"))):
                topic = (first.name, first.type)
        reach = _topic_reach(sent.text) if topic else 0
        for fig in found_figures:
            subj, st = (topic if topic and fig.start < reach else (narrator, "Bureau"))
            if not subj:
                continue
            observations.append(Observation(subj, fig.indicator, fig.value, fig.unit, ev, fig.year,
                                            fig.qualifier, st))
    return mentions, relations, observations
