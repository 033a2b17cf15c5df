"""The clause frames of a work report: subjects of progress and building predicates, and
objects of governing verbs. Every sentence here is made up for the test."""
from __future__ import annotations

from kg.extract.frames import clause_frames, object_frames, subject_frames
from kg.extract.mentions import _ends_with_cue, _is_category, find_mentions
from kg.extract.tokens import tokenize


def _names(found) -> dict[str, str]:
    return {s.name: s.type for s in found}


def _subjects(text: str) -> dict[str, str]:
    return _names(subject_frames(text, _ends_with_cue, _is_category))


def _objects(text: str) -> dict[str, str]:
    return _names(object_frames(text, _ends_with_cue, _is_category))


def test_a_subject_followed_by_progress_is_a_programme():
    assert _subjects("去年，山林守护提升行动深入实施，森林覆盖率提高。") == {"山林守护提升行动": "Program"}
    assert _subjects("河湖清漂攻坚成效显现。") == {"河湖清漂攻坚": "Program"}


def test_a_subject_followed_by_building_is_a_platform_unless_its_head_says_otherwise():
    found = _subjects("云岭数字文化城建成运营，北环快速路三期开工建设。")
    assert found == {"云岭数字文化城": "Platform", "北环快速路三期": "Program"}


def test_a_listed_subject_gives_each_item():
    found = _subjects("山货进城、农技下乡、乡村学堂计划落地见效。")
    assert found == {}, "items of two kinds (headed and bare) are one phrase, not a list"
    found = _subjects("山货进城直通车、农技下乡服务队、乡村学堂结对落地见效。")
    assert found == {"山货进城直通车": "Program", "农技下乡服务队": "Program", "乡村学堂结对": "Program"}


def test_a_short_bare_subject_is_a_formula_not_a_name():
    assert _subjects("依法行政深入推进。") == {}
    assert _subjects("招商引资效果明显。") == {}


def test_a_platform_being_built_is_named_without_the_word_for_building():
    assert _subjects("青川数字经济示范区建设加快推进。") == {"青川数字经济示范区": "Platform"}


def test_an_object_running_to_the_clause_end_is_one_name_even_with_verbs_inside():
    assert _objects("高质量完成国有林场改革深化提升行动，成效明显。") == {"国有林场改革深化提升行动": "Program"}


def test_an_object_is_typed_by_its_head():
    assert _objects("出台稳外资扩内需若干措施。") == {"稳外资扩内需若干措施": "Policy"}
    assert _objects("成功承办全国乡村文化振兴推进会。") == {"全国乡村文化振兴推进会": "Event"}


def test_an_object_may_be_followed_by_what_was_done_to_it():
    assert _objects("完成国家林业碳汇改革试点任务。") == {"国家林业碳汇改革试点": "Program"}


def test_objects_in_a_list_and_a_pair():
    found = _objects("扎实开展节水护河行动、清朗网络专项行动。")
    assert found == {"节水护河行动": "Program", "清朗网络专项行动": "Program"}
    found = _objects("实施农机购置升级计划和农技人才培育计划。")
    assert found == {"农机购置升级计划": "Program", "农技人才培育计划": "Program"}


def test_modifiers_listed_before_a_head_stay_in_one_name():
    assert _objects("实施治污、降碳协同增效工程。") == {"治污、降碳协同增效工程": "Program"}


def test_a_second_verb_starts_a_second_object():
    assert _objects("支持滨江新城打造国际航运枢纽。") == {"国际航运枢纽": "Platform"}


def test_what_is_not_a_name():
    assert _objects("推进一批重点项目建设。") == {}, "a counted class"
    assert _objects("从本地实施创新驱动战略实际出发。") == {}, "a phrase of purpose"
    assert _objects("实施的政策效果明显。") == {}
    assert _objects("入选国家文化产业示范区。") == {}, "a title conferred is an honour"
    assert _objects("实施科研项目常态化申报。") == {}, "an act described with category words"


def test_a_headless_object_of_implementing_is_a_programme():
    assert _objects("通过实施以工代赈，带动就业。") == {"以工代赈": "Program"}


def test_frames_do_not_cut_across_a_name_found_by_a_cue():
    text = "深入实施高校毕业生就业启航计划，成效明显。"
    found = {c.name for c in find_mentions(text, tokenize(text))}
    assert "高校毕业生就业启航计划" in found


def test_clause_frames_joins_both():
    text = "全域旅游示范创建深入推进，出台文旅消费提振措施。"
    assert _names(clause_frames(text, _ends_with_cue, _is_category)) == {
        "全域旅游示范创建": "Program", "文旅消费提振措施": "Policy"}


# --- relations a work report states by its frames --------------------------------------

def _relations(text: str, narrator: str = "江南省人民政府", province: str | None = None) -> set[tuple[str, str, str]]:
    from kg.extract.relations import find_relations

    mentions = find_mentions(text, tokenize(text), province)
    return {(f.subject, f.predicate, f.object) for f in find_relations(text, mentions, narrator)}


def test_a_place_chosen_for_a_pilot_carries_it_out():
    found = _relations("佛山、江门入选国家级农村电商改革试点。")
    assert ("佛山市", "implements", "国家级农村电商改革试点") in found
    assert ("江门市", "implements", "国家级农村电商改革试点") in found
    assert ("江南省人民政府", "implements", "国家级农村电商改革试点") not in found


def test_oversight_thanked_is_support_received():
    text = "在省人大及其常委会、省政协监督支持下，我们攻坚克难。"
    mentions = find_mentions(text, tokenize(text), "江南省")
    from kg.extract.relations import find_relations

    found = {(f.subject, f.predicate, f.object) for f in find_relations(text, mentions, "江南省人民政府")}
    assert ("江南省政协", "supports", "江南省人民政府") in found


def test_a_platform_settled_in_a_city_lies_there():
    found = _relations("国际湿地研究中心落户深圳。")
    assert ("国际湿地研究中心", "locatedIn", "深圳市") in found


def test_companies_named_by_what_they_did():
    assert _subjects("青禾数科、蓝鲸动力等快速成长。") == {"青禾数科": "Enterprise", "蓝鲸动力": "Enterprise"}
    assert _subjects("34款创新药械获批上市。") == {}, "a count of products is no company"


def test_a_company_project_in_a_list_is_carried_out_by_the_company():
    text = "比亚迪储能电池二期、华天科技芯片技改等项目投产。"
    mentions = find_mentions(text, tokenize(text), "陕西省")
    owners = {p.name for c in mentions for p in c.parts if p.type == "Enterprise"}
    assert {"比亚迪", "华天科技"} <= owners
    from kg.extract.relations import _nested_relations
    from kg.model import Evidence

    ev = Evidence("d", text, 0, len(text))
    rels = {(r.subject, r.predicate, r.object) for c in mentions for r in _nested_relations(c, ev, "d", [])}
    assert ("比亚迪", "implements", "比亚迪储能电池二期") in rels


def test_a_fund_is_a_company():
    text = "参与组建江淮创业投资引导基金。"
    assert {(c.name, c.type) for c in find_mentions(text, tokenize(text))} == {("江淮创业投资引导基金", "Enterprise")}


def test_a_name_does_not_open_with_the_verb_that_governs_it():
    text = "认真贯彻乡村振兴促进法，打好“清河”攻坚战。"
    names = {c.name for c in find_mentions(text, tokenize(text))}
    assert "乡村振兴促进法" in names and "认真贯彻乡村振兴促进法" not in names
    assert "清河攻坚战" in names


def test_a_name_governed_from_outside_keeps_its_own_first_verb():
    text = "扎实开展深入贯彻中央八项规定精神学习教育。"
    assert "深入贯彻中央八项规定精神学习教育" in {c.name for c in find_mentions(text, tokenize(text))}


def test_a_frame_never_names_a_body_of_government():
    assert _objects("加快建设法治政府。") == {}


def test_adverbs_before_the_predicate_stay_out_of_the_subject():
    assert _subjects("城市治理大模型初步建成。") == {"城市治理大模型": "Platform"}


def test_a_clause_is_not_a_name():
    assert _subjects("大批重要法律相继颁布实施。") == {}, "a subject ending in a verb is a clause"
    assert "群众性体育活动蓬勃" not in _subjects("群众性体育活动蓬勃开展。"), "an adverb is the predicate's"
    assert _objects("建立健全长效机制。") == {}, "a common head after a verb of the clause"
    assert _objects("多数地方初步建立起河湖巡护制度。") == {"河湖巡护制度": "Program"}, "起 is the verb's"


def test_a_platform_opened_and_a_fund_set_up_are_the_governments():
    found = _relations("滨河综合保税区封关运行，青山实验室投入使用。")
    assert ("江南省人民政府", "establishes", "滨河综合保税区") in found
    assert ("江南省人民政府", "establishes", "青山实验室") in found
    found = _relations("成功落地江淮科创母基金。")
    assert ("江南省人民政府", "establishes", "江淮科创母基金") in found


def test_events_named_by_the_short_forms_of_the_genre():
    text = "第三届东北亚博会成功举办，承办中美旅游高层对话，办好第九届中俄边境大集。"
    found = {(c.name, c.type) for c in find_mentions(text, tokenize(text))}
    assert {("第三届东北亚博会", "Event"), ("中美旅游高层对话", "Event"), ("第九届中俄边境大集", "Event")} <= found


def test_two_places_joined_by_a_dash_and_an_organisation_open_one_name():
    text = "成功举办中国—东盟农业峰会、上合组织农业论坛。"
    found = {(c.name, c.type) for c in find_mentions(text, tokenize(text))}
    assert {("中国—东盟农业峰会", "Event"), ("上合组织农业论坛", "Event")} <= found


def test_where_things_lie_as_the_names_say():
    from kg.extract.mentions import _places_in

    assert _places_in("雄安新区数字科技园") == ("雄安新区",)
    assert "粤港澳大湾区" in _places_in("广州南沙大湾区音乐中心")
    assert _places_in("中共杭州市委") == ("杭州市",)
    found = _relations("惠州博罗成为经济强县。", "广东省人民政府", "广东省")
    assert ("博罗县", "locatedIn", "惠州市") in found


def test_a_company_named_by_its_provinces_abbreviation_lies_there():
    from kg.extract.relations import _nested_relations
    from kg.model import Evidence

    text = "皖江集团完成重组。"
    mentions = find_mentions(text, tokenize(text), "安徽省")
    ev = Evidence("d", text, 0, len(text))
    rels = {(r.subject, r.predicate, r.object) for c in mentions for r in _nested_relations(c, ev, "d", [], "安徽省")}
    assert ("皖江集团", "locatedIn", "安徽省") in rels


def test_a_numbered_set_of_measures_is_a_policy_and_its_count_is_not_its_name():
    assert _objects("出台稳外贸12条政策措施。") == {"稳外贸12条政策措施": "Policy"}
    assert _objects("制定实施30条防洪抢险硬措施。") == {"防洪抢险硬措施": "Policy"}


def test_what_opens_an_objects_name_stays_in_it():
    assert _objects("实施高质量就业启航计划。") == {"高质量就业启航计划": "Program"}
    assert _objects("实施加快农业强县建设三年行动。") == {"加快农业强县建设三年行动": "Program"}
    assert _objects("实施新一轮山林守护行动。") == {"山林守护行动": "Program"}
    text = "实施4A级旅游景区提升工程。"
    assert "4A级旅游景区提升工程" in {c.name for c in find_mentions(text, tokenize(text))}


def test_measures_named_by_their_purpose():
    assert _objects("出台促进外贸稳增长等措施。") == {"促进外贸稳增长措施": "Policy"}
    text = "出台支持返乡创业“12条”政策，成效明显。"
    found = {c.name: (c.type, c.aliases) for c in find_mentions(text, tokenize(text))}
    assert found["支持返乡创业12条政策"][0] == "Policy"
    assert "支持返乡创业12条" in found["支持返乡创业12条政策"][1]


def test_a_programme_that_reaches_everyone_goes_on():
    assert _subjects("河湖巡护包干制度实现全域全覆盖。") == {"河湖巡护包干制度": "Program"}
    assert _subjects("公共文化设施实现五级全覆盖。") == {}, "a service reaching everyone is no programme"


def test_a_provinces_own_conference_and_a_seasons_forum():
    assert _objects("召开全省民营经济发展大会。") == {"全省民营经济发展大会": "Event"}
    text = "承办夏季青年领袖论坛，成效明显。"
    assert "夏季青年领袖论坛" in {c.name for c in find_mentions(text, tokenize(text))}


def test_a_chain_of_verbs_is_no_part_of_a_name():
    text = "开通运行省融资信用服务平台，推进改革。"
    names = {c.name for c in find_mentions(text, tokenize(text))}
    assert "运行省融资信用服务平台" not in names and "省融资信用服务平台" in names


def test_products_made_and_put_out():
    from kg.extract.frames import product_frames

    def products(text):
        return [s.name for s in product_frames(text, _ends_with_cue, _is_category)]

    assert products("推出江南美食地图、江南骑行地图。") == ["江南美食地图", "江南骑行地图"]
    assert products("全球首台深海采矿机器人研制成功。") == ["深海采矿机器人"]
    assert products("突破固态电池隔膜、高精度伺服控制等核心技术。") == ["固态电池隔膜", "高精度伺服控制"]
    assert products("突破瓶颈制约，研发费用加计扣除比例提高。") == [], "no product without a class noun; 研发费用 is no verb"
    assert ("江南省人民政府", "develops", "深海采矿机器人") in _relations("全球首台深海采矿机器人研制成功。")


def test_a_company_site_and_the_standing_committee():
    text = "比亚迪创新园正式启用。"
    found = find_mentions(text, tokenize(text))
    assert {(p.name, p.type) for c in found for p in c.parts} >= {("比亚迪", "Enterprise")}
    text = "阳城台头精细化工产业园建成。"
    assert not [p for c in find_mentions(text, tokenize(text)) for p in c.parts if p.type == "Enterprise"], \
        "after a division comes a locality, not a company"
    found = _relations("在省人大及其常委会监督支持下，我们攻坚克难。", province="江南省")
    assert ("江南省人大常委会", "affiliatedWith", "江南省人大") in found
    assert ("江南省人大常委会", "supports", "江南省人民政府") in found


def test_names_stripped_of_what_is_said_of_them():
    text = "加快推进江南区域科技创新中心建设，全国首台深海钻探机器人投入使用。"
    found = {(c.name, c.type) for c in find_mentions(text, tokenize(text))}
    assert ("江南区域科技创新中心", "Platform") in found
    assert not any(n.startswith("全国首台") for n, _ in found)


def test_two_routes_joined_before_a_list():
    from kg.extract.register import listed_names

    names = {s.name for s in listed_names("青川高铁和白山、黑水等3条高速公路建成通车。")}
    assert "白山高速公路" in names and not any("和" in n for n in names)


def test_another_places_programme_is_supported_not_carried_out():
    found = _relations("全力支持雄安新区建设，深化科技金融改革。", "北京市人民政府", "北京市")
    assert ("北京市人民政府", "supports", "雄安新区建设") in found
    assert ("北京市人民政府", "implements", "科技金融改革") in found


def test_oversight_thanked_only_where_support_is_said():
    found = _relations("这是省人大及其常委会、省政协有效监督的结果。", province="江南省")
    assert not any(p == "supports" for _, p, _ in found)


def test_companies_listed_before_what_companies_do():
    found = _subjects("青禾数科、蓝鲸动力、轨道等重组优化。")
    assert found == {"青禾数科": "Enterprise", "蓝鲸动力": "Enterprise", "轨道": "Enterprise"}, \
        "most items look like trade names, so all are companies"
    assert _subjects("昊擎汽车登陆港交所。") == {"昊擎汽车": "Enterprise"}
    text = "昊擎汽车登陆港交所。"
    assert ("港交所", "Enterprise") in {(c.name, c.type) for c in find_mentions(text, tokenize(text))}


def test_a_law_the_government_drafts_and_the_legislature_passes():
    found = _relations("提请市人大常委会审议通过河湖保护条例。", "江城市人民政府", "江城市")
    assert {("江城市人大常委会", "issues", "河湖保护条例"), ("江城市人民政府", "issues", "河湖保护条例")} <= found


def test_an_event_taken_part_in_or_whose_outcome_is_carried_out_is_not_held():
    found = _relations("我省健儿在亚冬会、全运会上勇创佳绩，全面落实中国—东盟农业峰会涉江成果。")
    assert not any(p == "organizes" for _, p, _ in found)
    assert ("江南省人民政府", "organizes", "江南农业博览会") in _relations("成功举办江南农业博览会。")


def test_political_formulas_are_not_programmes():
    text = "大力支持国防和军队建设，加强政府自身建设。"
    assert not {c.name for c in find_mentions(text, tokenize(text))} & {"国防和军队建设", "政府自身建设"}


def test_a_policy_titled_by_what_it_does_keeps_its_opening_verb():
    assert find_mentions_names("出台推动县域经济高质量发展的实施意见，支持各地先行先试。") \
        .get("推动县域经济高质量发展的实施意见") == "Policy"


def find_mentions_names(text: str) -> dict[str, str]:
    return {c.name: c.type for c in find_mentions(text, list(tokenize(text)))}


def test_an_object_counted_by_where_it_was_done_is_named_without_the_count():
    assert _objects("完成12个镇宅基地改革试点任务。") == {"宅基地改革试点": "Program"}


def test_a_short_headless_object_of_carrying_out_may_end_in_its_verb():
    assert _objects("稳步实施城乡全面振兴。") == {"城乡全面振兴": "Program"}
    assert _objects("某某工程实施范围继续扩大。") == {}


def test_companies_listed_before_their_class_and_a_companys_own_predicates():
    assert _subjects("，云帆科技、星河动力等一批“小巨人”茁壮成长。") == {"云帆科技": "Enterprise", "星河动力": "Enterprise"}
    assert _subjects("，江城消费金融稳健运营。") == {"江城消费金融": "Enterprise"}


def test_campaigns_listed_with_their_head_written_once_each_take_it():
    assert _objects("启动河道污染治理、城区管网混接治理攻坚行动。") == {
        "河道污染治理攻坚行动": "Program", "城区管网混接治理攻坚行动": "Program"}
