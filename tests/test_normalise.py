"""kg.normalise: bold markers, page breaks, full-width folding, spaces, offsets, quotes.

All sentences are written for these tests in the genre of government S&T reports.
"""
from __future__ import annotations

import pytest

from kg.normalise import clean_quote, normalise


def assert_offsets_map_back(n):
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(n.original)
    for i, ch in enumerate(n.text):
        if ch == "\n":
            continue
        o = n.offsets[i]
        # folded characters map to their full-width original
        if n.original[o] != ch:
            import unicodedata
            assert unicodedata.normalize("NFKC", n.original[o]) == ch or n.original[o] in "\u3000\u00a0", (i, ch)
        else:
            assert n.original[o] == ch


def test_bold_markers_removed_and_offsets_map_back():
    src = "**新乡市科学技术局**聚焦种业振兴，支持**河南科技学院**开展小麦育种攻关。"
    n = normalise(src)
    assert "**" not in n.text
    assert n.text == "新乡市科学技术局聚焦种业振兴，支持河南科技学院开展小麦育种攻关。"
    for i, ch in enumerate(n.text):
        assert n.original[n.offsets[i]] == ch
    assert_offsets_map_back(n)
    i = n.text.index("河南科技学院")
    s, e = n.original_span(i, i + len("河南科技学院"))
    assert src[s:e] == "河南科技学院"


def test_page_break_inside_a_word_is_joined():
    src = ("我局围绕粮食安全组织实施良种联合攻关，取得明显成效。该院选育的杂\n\n"
           "交玉米新品种在豫北地区大面积推广。")
    n = normalise(src)
    assert "\n" not in n.text
    assert "杂交玉米新品种" in n.text
    for i, ch in enumerate(n.text):
        assert n.original[n.offsets[i]] == ch


def test_heading_followed_by_paragraph_is_not_joined():
    src = "三、强化企业创新主体地位\n\n全年新增省级工程技术研究中心8家，企业研发活力持续增强。"
    n = normalise(src)
    assert n.text == "三、强化企业创新主体地位\n全年新增省级工程技术研究中心8家，企业研发活力持续增强。"


def test_report_heading_is_not_joined_to_body():
    src = "安阳市科学技术局先进事迹\n安阳市科学技术局坚持创新驱动\n\n发展战略。"
    n = normalise(src)
    assert n.text.split("\n")[0] == "安阳市科学技术局先进事迹"


def test_fullwidth_digits_and_letters_folded_cjk_punctuation_kept():
    src = "全市研发投入达到３．５亿元，同比增长１２％（较上年），建成ＡＩ算力平台。"
    n = normalise(src)
    assert n.text == "全市研发投入达到3.5亿元，同比增长12%（较上年），建成AI算力平台。"
    for ch in "，。（）":
        assert ch in n.text
    assert "(" not in n.text and "," not in n.text
    assert_offsets_map_back(n)


def test_ideographic_space_becomes_layout_and_is_dropped():
    n = normalise("全年登记技术合同\u3000356项。")
    assert n.text == "全年登记技术合同356项。"


def test_spaces_between_cjk_and_digits_dropped_between_latin_words_kept():
    n = normalise("2023 年新增 56 家科技型企业，建设 Smart Farm 示范基地。")
    assert n.text == "2023年新增56家科技型企业，建设Smart Farm示范基地。"
    for i, ch in enumerate(n.text):
        assert n.original[n.offsets[i]] == ch


def test_quote_equals_original_without_bold_and_line_breaks():
    src = ("我局统筹推进创新平台建设，成效显著。**鹤壁市农业科学院**选育的杂\n\n"
           "交小麦品种通过国家审定。")
    n = normalise(src)
    i = n.text.index("鹤壁市")
    j = n.text.index("通过")
    q = n.quote(i, j)
    assert q == "鹤壁市农业科学院选育的杂交小麦品种"
    s, e = n.original_span(i, j)
    assert q == src[s:e].replace("**", "").replace("\n", "")
    assert clean_quote("**许昌**\n\n市") == "许昌市"


def test_quote_of_empty_span_is_empty():
    n = normalise("**周口市科学技术局**积极作为。")
    assert n.quote(3, 3) == ""
