"""kg.sections and kg.extract: sections and narrators, mentions, relations, figures.

Every sentence here is written for these tests, in the genre of Chinese
government science-and-technology reports.
"""
from __future__ import annotations

import pytest

from kg.extract import chinese_number, find_figures, find_mentions, find_relations, tokenize
from kg.normalise import normalise
from kg.sections import split_sections

NARRATOR = "许昌市科学技术局"


def mentions(sentence: str):
    text = normalise(sentence).text
    return text, find_mentions(text, tokenize(text))


def names(sentence: str) -> dict[str, str]:
    _, ms = mentions(sentence)
    return {c.name: c.type for c in ms}


def relations(sentence: str, narrator: str = NARRATOR) -> set[tuple[str, str, str]]:
    text, ms = mentions(sentence)
    return {(f.subject, f.predicate, f.object) for f in find_relations(text, ms, narrator)}


def figures(sentence: str, doc_year: int | None = 2024):
    return find_figures(normalise(sentence).text, doc_year)


# --- sections ----------------------------------------------------------------------

def test_two_bureau_headings_give_two_sections_with_their_narrators():
    text = normalise(
        "开封市科学技术局先进事迹\n"
        "全年完成技术合同登记200项，成交额稳步增长。\n"
        "洛阳市科学技术局先进事迹\n"
        "依托洛阳理工学院建设中试基地，服务企业120余家。\n").text
    secs = split_sections(text)
    assert [s.narrator for s in secs] == ["开封市科学技术局", "洛阳市科学技术局"]
    assert secs[0].start == 0 and secs[0].end == secs[1].start and secs[1].end == len(text)
    assert "技术合同" in text[secs[0].start:secs[0].end]
    assert "洛阳理工学院" in text[secs[1].start:secs[1].end]


def test_government_work_report_title_gives_provincial_government_narrator():
    text = normalise("2026年河南省政府工作报告\n"
                     "过去一年，全省上下坚持创新驱动，研发投入强度稳步提升。\n"
                     "新增国家级专精特新小巨人企业40家。\n").text
    secs = split_sections(text)
    assert len(secs) == 1
    assert secs[0].narrator == "河南省人民政府"
    assert secs[0].narrator_aliases == ("河南省政府", "省人民政府", "省政府")
    assert secs[0].narrator_source == "title"
    assert secs[0].start == 0 and secs[0].end == len(text)


def test_text_without_title_has_no_narrator():
    secs = split_sections(normalise("全年新增高新技术企业35家，技术合同成交额大幅增长。").text)
    assert len(secs) == 1 and secs[0].narrator == "" and secs[0].narrator_source == "none"


# --- mentions ----------------------------------------------------------------------

def test_enumerated_universities_after_yu():
    got = names("积极与郑州大学、河南理工大学等高校合作，共建新型研发机构。")
    assert got.get("郑州大学") == "University"
    assert got.get("河南理工大学") == "University"
    assert not any(n.startswith("与") or n.startswith("积极") for n in got)


def test_university_and_company_enumerated_after_yu():
    got = names("积极与河南大学、许昌中原电气有限公司等单位开展产学研合作。")
    assert got == {"河南大学": "University", "许昌中原电气有限公司": "Enterprise"}


def test_left_boundary_after_verb():
    got = names("依托焦作市农业科学研究中心建设小麦育种平台。")
    assert "焦作市农业科学研究中心" in got
    assert not any(n.startswith("依托") for n in got)


@pytest.mark.parametrize("sentence,title", [
    ("制定出台《开封市科技创新券管理办法》，引导企业加大研发投入。", "开封市科技创新券管理办法"),
    ("印发《洛阳市创新型企业培育实施方案》。", "洛阳市创新型企业培育实施方案"),
])
def test_policy_title_in_book_marks(sentence, title):
    assert names(sentence).get(title) == "Policy"


def test_book_title_that_is_not_a_policy():
    got = names("组织干部职工学习《平凡的世界》等文学作品。")
    assert "平凡的世界" not in got
    assert "Policy" not in got.values()


@pytest.mark.parametrize("sentence", [
    "全市拥有 6 家省级重点实验室。",
    "新建3家省级工程技术研究中心。",
])
def test_generic_count_is_not_an_entity(sentence):
    got = names(sentence)
    assert not any("重点实验室" in n or "工程技术研究中心" in n for n in got), got


def test_short_trade_names_before_deng_qiye():
    text, ms = mentions("指导宏达化工、金源化工等重点化工企业开展技术改造。")
    assert [(c.name, c.type) for c in ms] == [("宏达化工", "Enterprise"), ("金源化工", "Enterprise")]


def test_quoted_programme_after_shishi():
    got = names("深入实施“科技副总”工程，选派专家服务企业。")
    assert got.get("科技副总工程") == "Program"
    got = names("全面实施“揭榜挂帅”，攻克关键核心技术12项。")
    assert got.get("揭榜挂帅") == "Program"


def test_mention_offsets_point_at_the_name():
    text, ms = mentions("积极与河南大学、许昌中原电气有限公司等单位开展产学研合作。")
    for c in ms:
        assert text[c.start:c.end] == c.name


# --- relations ---------------------------------------------------------------------

def test_narrator_partners_with_each_enumerated_university():
    rels = relations("积极与郑州大学、河南理工大学等高校合作，共建新型研发机构。")
    assert (NARRATOR, "partnersWith", "郑州大学") in rels
    assert (NARRATOR, "partnersWith", "河南理工大学") in rels


def test_guidance_gives_supports_narrator():
    rels = relations("在河南省科技厅的精心指导下，我局各项工作取得新成效。")
    assert ("河南省科技厅", "supports", NARRATOR) in rels


def test_developed_by_company():
    rels = relations("由河南中原智能装备有限公司研制的巡检机器人填补省内空白。")
    assert ("河南中原智能装备有限公司", "develops", "巡检机器人") in rels


def test_recognised_as_national_incubator_is_an_honour_of_the_subject():
    rels = relations("许昌市大学科技园被认定为国家级科技企业孵化器。")
    honours = {(s, o) for s, p, o in rels if p == "receivedHonor"}
    assert ("许昌市大学科技园", "国家级科技企业孵化器") in honours
    assert not any(s == NARRATOR for s, _ in honours)


def test_issuing_a_policy():
    rels = relations("出台《许昌市科技计划项目管理办法》，规范项目全过程管理。")
    assert (NARRATOR, "issues", "许昌市科技计划项目管理办法") in rels


def test_university_signs_agreement_with_narrator():
    rels = relations("郑州轻工业大学与我局签订科技合作协议。")
    assert any(p == "partnersWith" and {s, o} == {"郑州轻工业大学", NARRATOR} for s, p, o in rels)


# --- figures -----------------------------------------------------------------------

def one(figs):
    assert len(figs) == 1, figs
    return figs[0]


def test_cumulative_count():
    f = one(figures("累计培育高新技术企业 120 家。"))
    assert (f.value, f.unit, f.qualifier) == (120, "家", "累计")
    assert "高新技术企业" in f.indicator


def test_money_with_magnitude():
    f = one(figures("全市R&D 经费投入 3.5 亿元。"))
    assert (f.value, f.unit) == (3.5, "亿元")
    assert "R&D" in f.indicator


def test_approximate_amount():
    f = one(figures("兑现科技奖励资金10 余万元。"))
    assert (f.value, f.unit, f.qualifier) == (10, "万元", "余")


def test_year_of_a_figure():
    f = one(figures("2023 年新增科技型中小企业 56 家。"))
    assert (f.value, f.unit, f.year, f.qualifier) == (56, "家", 2023, "新增")


def test_chinese_multiple():
    f = one(figures("技术合同成交额增长三倍。"))
    assert (f.value, f.unit) == (3, "倍")


def test_month_range_is_not_a_figure():
    assert figures("1-5月，全市技术合同成交额同比增长。") == []


def test_chinese_number():
    assert chinese_number("十二") == 12
    assert chinese_number("二十") == 20
    assert chinese_number("三") == 3
    assert chinese_number("4.5") == 4.5
    assert chinese_number("十二家") is None


# --- rules added for reports beyond the development sample ----------------------------

def test_a_university_science_park_holds_no_university_of_its_own():
    _, found = mentions("洛阳国家大学科技园被认定为国家级科技企业孵化器。")
    assert [(m.name, m.type) for m in found if m.type != "Place"] == [("洛阳国家大学科技园", "Platform")]
    assert not any(p.type == "University" for m in found for p in m.parts)


def test_a_class_a_place_is_chosen_for_is_no_platform_but_one_being_built_is():
    assert "国家绿色工厂示范区" not in names("临江市入选国家绿色工厂示范区。")
    assert "国家级特色产业集群" not in names("某某电机产业集群入选国家级特色产业集群。")
    assert names("获批建设国家海洋装备创新中心。").get("国家海洋装备创新中心") == "Platform"
    assert names("两家企业入选国家首批绿色制造中试平台。") == {}


def test_a_name_with_a_modifier_before_it_is_one_thing_the_shorter_name_an_alias():
    _, found = mentions("牵头组建“2+6”丝路农业创新联盟，建成全省“一网通”数据交易平台。")
    by_name = {m.name: m for m in found}
    assert "丝路农业创新联盟" not in by_name and "数据交易平台" not in by_name
    assert "丝路农业创新联盟" in by_name["2+6丝路农业创新联盟"].aliases
    assert not by_name["2+6丝路农业创新联盟"].parts


def test_a_word_the_dictionary_seldom_files_as_a_verb_or_adverb_opens_a_name():
    assert names("远航海洋科创园蓬勃发展。").get("远航海洋科创园") == "Platform"      # 远航: a rare verb
    assert names("陆相储能全国重点实验室投入运行。").get("陆相储能全国重点实验室") == "Platform"   # 陆相: a rare adverb
    assert "建设海洋科创园" not in names("建设海洋科创园。")                          # 建设: a common one governs


def test_places_joined_by_a_dash_open_one_name():
    assert names("天津滨海-中关村科技园新增企业60家。").get("天津滨海-中关村科技园") == "Platform"


def test_a_platform_built_holds_no_second_platform_ending_where_it_ends():
    _, found = mentions("扎实推进通州区与武清区一体化发展示范区建设。")
    assert [m.name for m in found if m.type == "Platform"] == ["通州区与武清区一体化发展示范区"]


def test_a_name_stops_at_the_verb_that_lists_it():
    found = names("云岭航空集群、滇中生物制造集群列入国家先进制造业集群。")
    assert "云岭航空集群" in found and not any("列入" in n or n.startswith("国家") for n in found)


def test_a_kind_measured_by_its_number_or_area_is_no_name():
    assert "通用机场" not in names("通用机场数量全国第一。")
    assert "绿色食品基地" not in names("新增绿色食品基地面积50万亩。")
    assert names("西安咸阳国际机场旅客吞吐量增长。").get("西安咸阳国际机场") == "Platform"


def test_each_project_of_a_list_of_projects_names_its_company_first():
    _, found = mentions("宏芯科技12英寸晶圆、法莱特新能源传动系统等重大项目建成投产。")
    owners = {m.name: [p.name for p in m.parts if p.type == "Enterprise"] for m in found if m.type == "Program"}
    assert owners == {"宏芯科技12英寸晶圆": ["宏芯科技"], "法莱特新能源传动系统": ["法莱特"]}


def test_a_decimal_point_stays_inside_a_listed_name():
    found = names("宏芯科技第8.5代线、法莱特二期等重大项目加快实施。")
    assert found.get("宏芯科技第8.5代线") == "Program"


def test_an_activity_is_an_event_unless_it_runs_as_a_campaign():
    assert names("参加西山义务植树活动，设立“青少年滑雪周”。") == {"西山义务植树活动": "Event", "青少年滑雪周": "Event"}
    assert names("开展百场千企对接活动。").get("百场千企对接活动") == "Program"
    assert names("深入开展项目建设年活动。").get("项目建设年活动") == "Program"


def test_a_plan_named_is_issued_only_where_the_clause_says_so():
    assert not any(p == "issues" for _, p, _ in relations("“十五五”规划主要目标顺利完成。"))
    assert ("issues" in {p for _, p, _ in relations("印发《江城科技创新三年行动方案》。")})


def test_a_period_in_quotes_is_no_name_but_its_plan_is_a_policy():
    found = names("“十五五”规划开局良好，“十五五”时期任务繁重。")
    assert found == {"十五五规划": "Policy"}


def test_items_of_a_list_take_the_type_of_the_items_known():
    found = names("夜游人气爆棚，望江广场、云栖台、古文化街、东关角等客流如织。")
    assert {n for n, t in found.items() if t == "Place"} >= {"云栖台", "东关角", "古文化街"}
    assert "加快" not in "".join(names("古文化街、加快建设等工作。"))
    assert "张建国" not in names("张建国、李红梅、襄阳等先进典型。")   # people listed are no places


def test_an_event_carried_out_is_a_mechanism_not_an_event():
    assert "月度调度会议" not in names("全面落实月度调度会议和项目会商机制。")
    assert names("认真落实中央经济工作会议部署。").get("中央经济工作会议") == "Event"
    assert names("成功举办江城科技博览会。").get("江城科技博览会") == "Event"
    assert names("认真落实市委六届历次全会部署。").get("市委六届历次全会") == "Event"


def test_a_place_named_inside_a_name_keeps_how_it_was_written():
    from kg.extract.mentions import Cand
    from kg.extract.relations import _nested_relations
    from kg.model import Evidence

    found = []
    rels = _nested_relations(Cand(0, 7, "徽州文化研究院", "Platform"), Evidence("d", "", 0, 0), "d", found, "安徽省")
    assert [(r.predicate, r.object) for r in rels] == [("locatedIn", "徽州区")]
    assert [(m.name, m.aliases) for m in found] == [("徽州区", ("徽州",))]


def test_a_name_followed_by_a_count_of_its_results_is_still_a_name():
    assert names("湖北自贸试验区28项改革经验在全国复制推广。").get("湖北自贸试验区") == "Platform"
    assert "重点实验室" not in names("新增省级重点实验室12家。")


def test_a_kind_of_pilot_is_no_name_but_a_places_pilot_of_that_kind_is():
    assert names("、襄阳综合改革试点12项经验获推广。").get("襄阳综合改革试点") == "Program"
    assert "综合改革试点" not in names("、综合改革试点12项经验获推广。")


def test_a_name_less_its_bracket_or_edition_is_an_alias_not_a_part():
    _, found = mentions("云岭保税物流中心（B型）获批设立，第三届江城博览会成功举办。")
    by_name = {m.name: m for m in found}
    assert "云岭保税物流中心" in by_name["云岭保税物流中心（B型）"].aliases
    assert not [p for p in by_name["云岭保税物流中心（B型）"].parts if p.type == "Platform"]
    assert "江城博览会" in by_name["第三届江城博览会"].aliases


def test_counted_and_systems_of_a_kind_are_no_names():
    assert names("全面推开城市更新、城乡供水三大工程。") == {"城市更新工程": "Program", "城乡供水工程": "Program"}
    assert "湿地保护修复工程" not in names("完成湿地保护修复工程12处。")
    assert "防汛工程" not in names("江城防汛工程体系更加完善。")


def test_common_words_listed_before_a_class_are_no_companies():
    assert names("组建能源发展、数据、城市更新等一批主业企业。") == {}


def test_a_campus_of_a_university_is_the_university_and_a_park_of_innovation_a_platform():
    assert names("江城大学云栖校区开工建设。").get("江城大学云栖校区") == "University"
    found = names("国际医药创新公园开工建设，云岭水利枢纽下闸蓄水。")
    assert found.get("国际医药创新公园") == "Platform"
    assert found.get("云岭水利枢纽") == "Program"


def test_a_river_named_inside_a_platforms_name_is_where_it_lies():
    from kg.extract.mentions import _places_in
    assert "海河" in _places_in("低维材料海河实验室")


def test_a_bracketed_place_stays_inside_an_event_name():
    assert names("举办中国（洛阳）创新创业大赛。").get("中国（洛阳）创新创业大赛") == "Event"


def test_what_is_built_on_a_partner_is_not_a_partner():
    rels = relations("依托洛阳轴承研究所有限公司组建河南省高端轴承技术创新中心。")
    assert (NARRATOR, "partnersWith", "洛阳轴承研究所有限公司") in rels
    assert (NARRATOR, "partnersWith", "河南省高端轴承技术创新中心") not in rels


def test_an_unbalanced_bracket_is_not_part_of_a_name():
    assert all(n.count("（") == n.count("）") for n in names("采用公司（基地）+农户模式，建成三个示范基地。"))


def test_a_jointly_built_laboratory_is_established():
    rels = relations("与华北水利水电大学共建智慧水利联合实验室。")
    assert (NARRATOR, "establishes", "智慧水利联合实验室") in rels
    assert (NARRATOR, "partnersWith", "华北水利水电大学") in rels


def test_a_generic_category_with_a_level_word_is_not_a_name_but_a_unit_set_up_once_is():
    assert "省级重点实验室" not in names("建设省级重点实验室。")
    assert names("专门成立科技成果转化服务中心。").get("科技成果转化服务中心") == "Platform"


def test_last_year_resolves_from_the_document_year():
    (fig,) = figures("去年全市技术合同成交额达到 45.6 亿元。", doc_year=2024)
    assert (fig.value, fig.unit, fig.year) == (45.6, "亿元", 2023)


def test_streets_named_in_a_list_are_places():
    found = names("打造了人民路、建设大街、滨河大道等创新街区。")
    assert {n for n, t in found.items() if t == "Place"} >= {"人民路", "建设大街", "滨河大道"}


def test_a_group_of_provinces_is_a_place():
    assert names("在西部十二省中排名靠前。").get("西部十二省") == "Place"


def test_an_unmarked_item_between_two_programmes_is_a_programme():
    found = names("组织实施千村电商工程、万户增收工程和山货出山“两大富民工程”。")
    assert found.get("山货出山") == "Program"
    assert found.get("千村电商工程") == "Program"


def test_a_figure_opening_a_sentence_is_found():
    (fig,) = figures("12个重点园区入选省级示范名单。")
    assert (fig.value, fig.unit, fig.indicator) == (12, "个", "重点园区")


def test_counts_of_events_parcels_and_areas_have_units():
    found = {(f.value, f.unit) for f in figures("完成并购重组45起，修复污染地块9块，新增绿地120公顷，应对8轮强降雨。")}
    assert found == {(45, "起"), (9, "块"), (120, "公顷"), (8, "轮")}


def test_two_agents_opening_a_clause_act_together():
    rels = relations("湖南工业大学与我局共建株洲硬质合金产业研究院。")
    assert ("湖南工业大学", "partnersWith", NARRATOR) in rels
    assert (NARRATOR, "establishes", "株洲硬质合金产业研究院") in rels
    assert ("湖南工业大学", "establishes", "株洲硬质合金产业研究院") in rels


def test_a_platform_approved_is_established_not_an_honour():
    rels = relations("成功获批湖南省先进陶瓷材料重点实验室。")
    assert (NARRATOR, "establishes", "湖南省先进陶瓷材料重点实验室") in rels
    assert not any(p == "receivedHonor" for _, p, _ in rels)


def test_a_cue_is_not_glued_to_the_next_word():
    assert names("在湖南省科学技术厅和株洲高新区科技创新局在指导下").get("湖南省科学技术厅") == "Bureau"


def test_a_prefecture_city_without_its_suffix_gets_one_and_keeps_the_short_form():
    found = {c.name: c.aliases for c in mentions("支持杭州、温州建设创新高地。")[1] if c.type == "Place"}
    assert found.get("杭州市") == ("杭州",) and found.get("温州市") == ("温州",)
    assert "大城市" not in names("推进超大城市治理。")


def test_names_keep_a_quoted_part_and_a_two_country_opening():
    found = names("成功举办第二届“智汇中原”科技交流大会和第九届中俄博览会。")
    assert found.get("第二届智汇中原科技交流大会") == "Event"
    assert found.get("第九届中俄博览会") == "Event"


def test_a_counted_park_category_is_not_a_name():
    assert not any(t == "Platform" for t in names("认定省级创意设计产业园区3个。").values())


def test_trillions_and_tenths_are_figures():
    found = {(f.value, f.unit) for f in figures("地区生产总值跨越6万亿元、7万亿两个台阶，产量占全国8成。")}
    assert found == {(6, "万亿元"), (7, "万亿"), (8, "成")}


def test_an_honour_conferred_by_a_ministry_goes_to_the_honoured():
    rels = relations("宝鸡高新区被科技部认定为国家创新型特色园区。")
    assert ("宝鸡高新区", "receivedHonor", "国家创新型特色园区") in rels
    assert not any(s == "科技部" and p == "receivedHonor" for s, p, _ in rels)


def test_a_one_character_qualifier_stands_right_before_its_number():
    (fig,) = figures("促成签约项目45个。")
    assert fig.qualifier is None
    (fig,) = figures("物理空间约3000平方米。")
    assert fig.qualifier == "约"


def test_item_markers_are_not_part_of_names():
    assert not any(n.startswith("一是") for n in names("一是搭建创新平台，建成智能制造研究院。"))


def test_a_place_then_zhong_opens_a_company_name():
    assert names("推荐河南中光学集团有限公司申报重点研发专项。").get("河南中光学集团有限公司") == "Enterprise"
    rels = relations("推荐河南中光学集团有限公司申报重点研发专项。")
    assert (NARRATOR, "supports", "河南中光学集团有限公司") in rels


def test_a_transfer_centre_built_on_a_college_is_established():
    rels = relations("依托南阳理工学院建设卧龙区科技成果转移转化中心。")
    assert (NARRATOR, "establishes", "卧龙区科技成果转移转化中心") in rels
    assert (NARRATOR, "partnersWith", "南阳理工学院") in rels


def test_numbered_headings_name_their_narrator():
    from kg.sections import narrator_from_heading
    assert narrator_from_heading("（一）平顶山市科学技术局先进事迹")[0] == "平顶山市科学技术局"
    assert narrator_from_heading("二、许昌市科学技术局：先进事迹")[0] == "许昌市科学技术局"


def test_the_noun_after_a_unit_names_what_is_counted():
    """A figure opening its clause is named by the noun after its unit, idioms, a place word
    and a quoted name included."""
    found = {f.value: f.indicator for f in figures(
        "326家沿河印染企业完成搬迁改造，120万困难群众纳入低保，58个“百县千镇”重点项目开工。")}
    assert found == {326: "沿河印染企业", 120: "困难群众", 58: "百县千镇重点项目"}


def test_every_figure_names_what_it_counts():
    """A number that counts nothing the text names ('居第 5、第 6 位') is no figure: an
    observation without an indicator breaks the contract."""
    found = figures("营收和利润分别居全国第5、第6位，57个县（市）增速快于全省，新建28个科创平台。")
    assert found and all(f.indicator for f in found)
    assert any(f.value == 28 and "科创平台" in f.indicator for f in found)
