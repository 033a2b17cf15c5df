"""The names of the work-report register, pinned with sentences of our own."""
from __future__ import annotations

import pytest

from kg.extract import find_mentions, find_relations, find_figures, tokenize
from kg.extract.register import (abbreviated_institutes, campaigns, documents_by_spirit, gazetteer_places, listed_names, narrator_province, own_bodies, projects,
                                 quoted_names)
from kg.gazetteer import gazetteer, parse


def spans(found):
    return {(s.name, s.type) for s in found}


def no_cue(_name):
    return None


# --- the gazetteer -----------------------------------------------------------------

def test_gazetteer_reads_full_and_short_forms():
    gaz = parse("# header\n甲省\t甲\tprovince\t甲省\t1\n乙丙市\t乙丙\tprefecture\t甲省\t2\n"
                "丁戊区\t丁戊\tcounty\t甲省\t3\n丁戊区\t丁戊\tcounty\t己省\t4\n")
    assert gaz.lookup("乙丙").name == "乙丙市"
    assert gaz.lookup("丁戊") is None                   # a county's short form alone is ambiguous
    assert gaz.lookup("丁戊", "己省").code == "4"       # inside its province it is not
    assert gaz.lookup("丁戊区", "己省").code == "4"     # a repeated full name: the province's own
    assert gaz.lookup("庚") is None


def test_a_class_word_given_as_a_zone_short_form_names_no_place():
    gaz = parse("甲乙高新技术产业开发区\t高新区\tcounty\t甲省\t5\n丙丁现代产业园区\t产业园\tcounty\t甲省\t6\n")
    assert gaz.lookup("高新区", "甲省") is None and gaz.lookup("产业园", "甲省") is None
    assert gaz.lookup("丙丁现代产业园区").code == "6"


def test_shipped_gazetteer_knows_prefectures_counties_and_countries():
    gaz = gazetteer()
    assert gaz.lookup("襄阳").name == "襄阳市"
    assert gaz.lookup("包河", "安徽省").name == "包河区"
    assert gaz.lookup("俄罗斯").level == "country"


def test_narrator_province():
    assert narrator_province("湖北省人民政府") == "湖北省"
    assert narrator_province("运城市科学技术局") == "山西省"
    assert narrator_province("国务院") is None


# --- places ---------------------------------------------------------------------------

def places(text, province=None):
    return spans(gazetteer_places(text, tokenize(text), province))


def test_short_forms_of_cities_and_own_counties_are_places():
    found = places("襄阳、宜昌两地和夷陵区、夷陵合作。", "湖北省")
    assert {("襄阳市", "Place"), ("宜昌市", "Place"), ("夷陵区", "Place")} <= found


def test_a_county_short_form_outside_its_province_is_no_place():
    assert ("夷陵区", "Place") not in places("夷陵一带风光好。", "广东省")


def test_a_county_short_form_opening_a_longer_name_is_no_place():
    assert not any(name == "延长县" for name, _ in places("延长石油产量增长。", "陕西省"))


def test_regions_of_the_language_and_region_words():
    found = places("融入长三角，建设襄阳都市圈和鄂西北地区。", "湖北省")
    assert {("长三角", "Place"), ("襄阳都市圈", "Place")} <= found


def test_province_nicknames_name_the_province_only_in_its_own_report():
    assert ("湖北省", "Place") in places("荆楚大地气象新。", "湖北省")
    assert not places("荆楚大地气象新。", "广东省")


# --- quoted names ---------------------------------------------------------------------

def test_quoted_name_takes_the_head_after_it():
    found = quoted_names("新开工“三横两纵”项目十个，落实“稳岗”政策。", no_cue)
    assert {("三横两纵项目", "Program"), ("稳岗政策", "Program")} <= spans(found)
    assert all("三横两纵" in s.aliases for s in found if s.name == "三横两纵项目")


def test_quoted_name_typed_by_its_head_or_governing_verb():
    found = spans(quoted_names("举办“山海之约”，召开“数智未来”论坛。", no_cue))
    assert ("山海之约", "Event") in found
    assert ("数智未来论坛", "Event") in found


def test_quotations_that_are_formulas_honours_or_classes_are_no_names():
    text = "坚定“两个确立”，荣获“优秀单位”，培育“小巨人”企业，实现“三连增”。"
    assert quoted_names(text, no_cue) == []


def test_quoted_states_records_and_titles_conferred_are_no_names():
    assert quoted_names("乡村公路实现从“村村通”到“户户通”。", no_cue) == []
    assert quoted_names("装置创造“万秒运行”新世界纪录，获“碧水家园”范例奖。", no_cue) == []
    assert quoted_names("青石村入选全国“美丽乡村”，培育首家“未来工厂”。", no_cue) == []
    assert spans(quoted_names("两所大学入选新一轮“双一流”名单。", no_cue)) == {("双一流", "Program")}


def test_numbered_measures_are_policies():
    assert ("12条", "Policy") in spans(quoted_names("出台稳外贸“12条”。", no_cue))


# --- lists, campaigns, own bodies --------------------------------------------------------

def test_listed_names_join_their_head_noun():
    found = spans(listed_names("，甲乙、丙丁等高速公路建成通车。"))
    assert found == {("甲乙高速公路", "Program"), ("丙丁高速公路", "Program")}


def test_listed_names_drop_the_verb_before_the_first():
    found = spans(listed_names("建成某某一期、某某二期等一批重大项目。"))
    assert ("某某一期", "Program") in found and ("建成某某一期", "Program") not in found


def test_research_facilities_listed_take_the_word_facility_unless_they_have_a_head():
    found = spans(listed_names("，星云光源、类脑计算等重大科技基础设施加快建设。"))
    assert found == {("星云光源设施", "Platform"), ("类脑计算设施", "Platform")}
    found = spans(listed_names("，海底观测网等重大科技基础设施投入运行。"))
    assert found == {("海底观测网", "Platform")}


def test_stations_and_ports_listed_among_works_stay_platforms():
    found = spans(listed_names("，建成江海通道、南湖站、北岭口岸等互联互通工程。"))
    assert found == {("江海通道", "Program"), ("南湖站", "Platform"), ("北岭口岸", "Platform")}


def test_sights_and_parts_of_a_city_listed_before_their_class_are_places():
    assert spans(listed_names("，云栖塔等重点文物完成修缮。")) == {("云栖塔", "Place")}
    assert spans(listed_names("，整治落霞桥等120座桥下空间。")) == {("落霞桥", "Place")}
    assert spans(listed_names("，启动老城东片等8处重点区域更新。")) == {("老城东片", "Place")}


def test_a_document_carried_out_by_its_spirit_is_a_policy():
    assert spans(documents_by_spirit("全面贯彻落实省政府十条规定精神。")) == {("省政府十条规定", "Policy")}
    assert spans(documents_by_spirit("开展深入学习某某工作条例精神专题教育。")) == {("某某工作条例", "Policy")}
    assert documents_by_spirit("弘扬劳模精神和工匠精神。") == []


def test_campaigns_built_on_a_place_or_an_object():
    found = spans(campaigns("推进平安湖北建设和法治政府建设，加快建设现代化产业体系。", "湖北省"))
    assert found == {("平安湖北建设", "Program"), ("法治政府建设", "Program")}


def test_own_bodies_take_the_province():
    assert spans(own_bodies("在省委坚强领导下，省政协积极建言。", "湖北省")) == {
        ("湖北省委", "Bureau"), ("湖北省政协", "Bureau")}
    assert own_bodies("市委部署。", "湖北省") == []       # a city's committee in a province's report


# --- relations by the work-report conventions ----------------------------------------------

def relations(text, narrator):
    cands = find_mentions(text, tokenize(text), narrator_province(narrator))
    return {(f.subject, f.predicate, f.object) for f in find_relations(text, cands, narrator)}


@pytest.mark.parametrize("narrator,expected", [
    ("湖北省人民政府", True),      # a government's report: acts without an agent are its own
    ("宜昌市科学技术局", False),   # a bureau's: only where a verb says so
])
def test_a_government_carries_out_what_it_names(narrator, expected):
    found = relations("“三横两纵”项目全面推开。", narrator)
    assert ((narrator, "implements", "三横两纵项目") in found) is expected


def test_a_platform_is_built_only_where_the_clause_says_so():
    gov = "湖北省人民政府"
    assert (gov, "establishes", "宜昌国际机场") in relations("宜昌国际机场建成通航。", gov)
    assert not any(p == "establishes" for _, p, _ in relations("宜昌国际机场旅客增长。", gov))


def test_an_event_taken_part_in_is_not_held():
    gov = "湖北省人民政府"
    assert (gov, "organizes", "全运会") in relations("成功举办全运会。", gov)
    assert not any(p == "organizes" for _, p, _ in relations("参加全运会，获得金牌。", gov))


# --- figures ----------------------------------------------------------------------------

def test_first_place_and_runs_of_years_are_figures():
    figs = {(f.value, f.unit) for f in find_figures("外贸总额连续5年居全国首位。", 2025)}
    assert {(1.0, "位"), (5.0, "年")} <= figs


def test_per_units_and_age_bounds():
    figs = {(f.value, f.unit) for f in find_figures("低保标准提高到800元/月，3岁以下婴幼儿照护。", 2025)}
    assert (800.0, "元/月") in figs
    assert not any(u == "岁" for _, u in figs)


def test_a_goal_names_nothing_built_yet():
    text = "聚焦建设创新发展示范区和开放先行区“两区”目标。"
    assert not any(c.type == "Platform" for c in find_mentions(text, tokenize(text)))


def test_building_a_kind_of_thing_is_no_programme():
    text = "开展市级创新平台建设，实施科技惠民工程。"
    names = {c.name for c in find_mentions(text, tokenize(text))}
    assert "市级创新平台建设" not in names and "科技惠民工程" in names


def test_a_name_of_the_own_level_takes_the_province():
    text = "省数据集团组建运营。"
    found = {(c.name, c.aliases) for c in find_mentions(text, tokenize(text), "湖北省")}
    assert ("湖北省数据集团", ("省数据集团",)) in found


def test_landmarks_are_places():
    text = "新建滨河公园，保护古城遗址。"
    assert {("滨河公园", "Place"), ("古城遗址", "Place")} <= {(c.name, c.type) for c in find_mentions(text, tokenize(text))}


def test_projects_by_route_metro_phase_and_region():
    found = spans(projects("，甲乙高铁、丙丁高速等加快建设，地铁3号线北段通车，戊己化工二期等项目投产。", "湖北省"))
    assert {("甲乙高铁", "Program"), ("丙丁高速", "Program"), ("地铁3号线北段", "Program"),
            ("戊己化工二期", "Program")} <= found
    assert ("长三角一体化发展", "Program") in spans(projects("深入推进长三角一体化发展。", None))
    assert not projects("经济高速增长，全省高质量发展。", "湖北省")


def test_quoted_goods_are_products():
    found = spans(quoted_names("“山珍十味”销售额增长，成功研制“天穹”。", no_cue))
    assert {("山珍十味", "Product"), ("天穹", "Product")} <= found


def test_a_government_founds_the_organisations_it_sets_up():
    gov = "湖北省人民政府"
    assert (gov, "establishes", "荆楚理工大学") in relations("荆楚理工大学正式成立。", gov)
    assert not any(p == "establishes" for _, p, _ in relations("荆楚理工大学招生增加。", gov))


def test_a_place_nickname_opens_a_name():
    text = "首都国际会展中心正式投用。"
    assert ("首都国际会展中心", "Platform") in {(c.name, c.type) for c in find_mentions(text, tokenize(text))}


def test_a_government_develops_the_products_its_text_says_were_made():
    gov = "湖北省人民政府"
    found = relations("“天穹”无人机成功首飞。", gov)
    assert (gov, "develops", "天穹无人机") in found


def test_a_government_promoting_its_programme_carries_it_out():
    gov = "湖北省人民政府"
    assert (gov, "implements", "乡村振兴工程") in relations("推动乡村振兴工程。", gov)
    assert ("宜昌市科学技术局", "supports", "乡村振兴工程") in relations("推动乡村振兴工程。", "宜昌市科学技术局")


def test_a_list_before_a_counted_kind_joins_the_kind_to_each_item():
    from kg.extract.register import listed_names

    found = {s.name: s.type for s in listed_names("全面展开山洪防御、城乡供水两大工程，成效明显。")}
    assert found == {"山洪防御工程": "Program", "城乡供水工程": "Program"}


def test_a_list_before_a_numbered_class_noun():
    from kg.extract.register import listed_names

    found = {s.name for s in listed_names("青川、白山等3条高速公路建成通车。")}
    assert found == {"青川高速公路", "白山高速公路"}
    found = {s.name for s in listed_names("农机补贴提标、渔船更新等专项行动深入实施。")}
    assert found == {"农机补贴提标专项行动", "渔船更新专项行动"}


def test_a_run_of_province_abbreviations_names_each_province():
    from kg.extract.register import abbreviated_places
    from kg.extract.tokens import tokenize

    text = "对照学习沪苏浙经验，深化川渝合作，发展新时代云计算。"
    found = [s.name for s in abbreviated_places(text, tokenize(text))]
    assert found == ["上海市", "江苏省", "浙江省", "四川省", "重庆市"]


def test_a_county_short_form_before_a_verb_or_a_generic_part_is_a_place():
    from kg.extract.register import gazetteer_places
    from kg.extract.tokens import tokenize

    for text in ("惠州博罗成为经济强县。", "博罗园区产值增长。"):
        assert "博罗县" in {s.name for s in gazetteer_places(text, tokenize(text), "广东省")}, text


def test_metro_lines_listed_share_the_word_for_metro():
    from kg.extract.register import projects

    names = [s.name for s in projects("地铁2号线东段、5号线一期建成通车。", None)]
    assert names[:2] == ["地铁2号线东段", "地铁5号线一期"]


def test_a_route_that_names_its_kind_and_a_pair_of_partners():
    from kg.extract.mentions import find_mentions
    from kg.extract.register import listed_names
    from kg.extract.tokens import tokenize

    names = [s.name for s in listed_names("青川高铁白山段、黑水高铁东段等高铁加快建设。")]
    assert names == ["青川高铁白山段", "黑水高铁东段"], "the kind is in the name already"
    text = "深化中非合作，拓展中欧班列。"
    assert "中非" not in {c.name for c in find_mentions(text, tokenize(text))}


def test_freight_trains_and_tourist_trains_are_programmes():
    from kg.extract.mentions import find_mentions
    from kg.extract.tokens import tokenize

    text = "中欧班列（江城）开行3000列，国际班列增长。"
    found = {(c.name, c.type) for c in find_mentions(text, tokenize(text))}
    assert ("中欧班列（江城）", "Program") in found
    assert not any(n == "国际班列" for n, _ in found), "a kind of train, not one"


def test_quotations_named_as_goods_mascots_or_routes_are_products():
    found = spans(quoted_names("运动会吉祥物“云宝”、“雪宝”深受欢迎。", no_cue))
    assert found == {("云宝", "Product"), ("雪宝", "Product")}
    found = spans(quoted_names("“星河一号”“云梯”等一批科技成果实现转化，推出“江南古道”等主题精品线路。", no_cue))
    assert found == {("星河一号", "Product"), ("云梯", "Product"), ("江南古道", "Product")}
    assert spans(quoted_names("打造“夜游江城”等文旅消费品牌。", no_cue)) == {("夜游江城", "Program")}


def test_institutes_and_colleges_named_by_their_abbreviation():
    found = spans(abbreviated_institutes("，江化院、海科所等向园区集聚，云岭职院、滇工院晋升为职业本科。"))
    assert found == {("江化院", "ResearchInstitute"), ("海科所", "ResearchInstitute"),
                     ("云岭职院", "University"), ("滇工院", "University")}
    assert abbreviated_institutes("，由研究生院统一招生，医院、法院等单位参加。") == []
    assert spans(abbreviated_institutes("海生所、江化院入选首批平台。")) == {("海生所", "ResearchInstitute"),
                                                                   ("江化院", "ResearchInstitute")}



def test_sessions_sharing_their_congress_are_each_named():
    from kg.extract.register import national_events
    found = spans(national_events("按照市委九届五次、六次全会部署"))
    assert found == {("市委九届五次全会", "Event"), ("市委九届六次全会", "Event")}


def test_rivers_listed_before_their_basins_are_places():
    found = spans(listed_names("抵御青衣江、大渡河等流域洪涝灾害。"))
    assert found == {("青衣江流域", "Place"), ("大渡河流域", "Place")}
    assert listed_names("，水源地及沿线、库区和上游等流域治理。") == []


def test_bodies_of_the_nations_together_are_bureaus():
    from kg.extract.register import international_bodies
    found = spans(international_bodies("入选联合国工业发展组织名录，世界卫生组织授予称号。"))
    assert found == {("联合国工业发展组织", "Bureau"), ("世界卫生组织", "Bureau")}
    assert international_bodies("加强同联合国和其他国际组织、国际经济组织的合作。") == []


def test_stations_and_ports_named_by_their_places_are_platforms():
    from kg.extract.register import facilities_by_place
    found = spans(facilities_by_place("，襄阳东站开通运营，宜昌港吞吐量增长，香港同胞，加油站建设。", "湖北省"))
    assert found == {("襄阳东站", "Platform"), ("宜昌港", "Platform")}


def test_the_legislature_and_the_consultative_body_overseeing_are_the_provinces():
    found = spans(own_bodies("自觉接受人大依法监督、政协民主监督。", "四川省"))
    assert found == {("四川省人大", "Bureau"), ("四川省政协", "Bureau")}



def test_a_storms_name_in_quotes_is_no_programme():
    assert quoted_names("成功应对“海鸥”等12个台风。", no_cue) == []


def test_ring_roads_and_two_rivers_written_as_one_word_are_places():
    found = places("东三环、南二环大修完工，五环路以内信号灯联网。", "北京市")
    assert {("东三环", "Place"), ("五环路", "Place")} <= found
    assert {("长江", "Place"), ("黄河", "Place")} <= places("筑牢长江黄河上游生态屏障。", "四川省")


def test_quotations_in_a_row_share_the_head_after_the_last():
    found = spans(quoted_names("省市县“府会”“府企”联动机制建立健全，开展“百千万”专项行动试点。", no_cue))
    assert {("府会联动机制", "Program"), ("府企联动机制", "Program")} <= found
    assert ("百千万专项行动试点", "Program") not in found
