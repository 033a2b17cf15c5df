"""The vocabulary of the genre: type cues, trigger verbs, units, qualifiers.

Everything the extractor knows about the language lives here, so that a rule
is a line of data and can be read, reviewed and extended without touching
code. None of it names a particular organisation; closed classes (ministries,
provinces, standard abbreviations) are listed because they are the language's
own vocabulary, not a gazetteer of one text.
"""
from __future__ import annotations

# --- normalisation -----------------------------------------------------------------

#: Full-width characters that stay as they are (Chinese punctuation carries meaning).
KEEP_FULLWIDTH = set("，。；：！？（）【】")

#: A heading line that opens a section narrated by the agency it names.
SECTION_SUFFIXES = ("先进事迹材料", "典型事迹材料", "先进典型材料", "先进事迹", "事迹材料", "典型事迹", "典型材料", "工作总结",
                    "工作报告", "经验材料")
HEADING_PATTERN = r"(" + "|".join(SECTION_SUFFIXES) + r")\s*$"

# --- entity type cues (name suffixes), longest first within each type ---------------

TYPE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "Bureau": (
        "科学技术局", "科技局", "科技创新局", "科创局", "科技创新部", "知识产权局", "市场监督管理局", "商务局",
        "农业农村局", "发展和改革局", "经济发展局", "科学技术厅", "科技厅", "科学技术委员会", "科委",
        "工业和信息化局", "工业和信息化厅", "工信局", "发展和改革委员会", "发改委",
        "人民政府", "政府", "组委会", "奥组委", "管委会", "管理委员会", "领导小组", "市委", "省委",
        "县委", "区委", "财政局", "财政厅", "教育厅", "教育局", "科协", "司",
    ),
    "University": ("职业技术大学", "职业大学", "理工大学", "科技大学", "大学", "学院", "高等专科学校"),
    "ResearchInstitute": ("医学科学院", "农业科学院", "社会科学院", "科学院", "工程院", "研究所"),
    "Enterprise": ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团", "公司", "总部",
                   "母基金", "引导基金", "投资基金", "产业基金", "科创基金", "并购基金", "S基金"),
    "Platform": (
        "全国重点实验室", "国家重点实验室", "重点实验室", "国家实验室", "实验室", "技术创新中心",
        "工程技术研究中心", "工程研究中心", "产业创新中心", "制造业创新中心", "创新中心", "研究中心",
        "服务中心", "转移转化中心", "成果转化中心", "技术转移中心", "检验检测中心", "生产力促进中心", "孵化中心",
        "孵化器", "加速器", "产业园区", "科技园区", "工业园区", "众创空间", "星创天地", "大学科技园", "科技园", "产业园",
        "创新园", "研究院", "科技大市场", "技术市场", "联盟", "协会", "示范基地", "基地", "创新空间",
        "创业空间", "谷", "中试平台", "概念验证中心", "创新平台", "大科学装置", "科学装置",
        "国际机场", "机场", "枢纽", "产业集群", "集群", "示范区", "试验区", "自贸试验区", "综合保税区", "综保区",
        "保税物流中心", "科学城", "博物馆", "版本馆", "图书馆", "纪念馆", "口岸", "交易所", "数据中心", "实验装置",
        "科创园", "生态港", "交易平台", "服务平台", "科学中心", "文化中心", "艺术中心", "会展中心", "体育中心",
        "集结中心", "促进中心", "智算中心", "算力中心", "交易中心", "创新园区", "健康城", "职教城", "科创中心",
        "研发中心", "会议中心", "展览中心", "博览中心", "实验站", "高铁站", "火车站", "西站", "东站", "南站", "北站",
        "创新公园", "科技公园", "产业公园",
    ),
    "Program": ("专项行动", "行动计划", "计划", "工程", "行动", "项目", "战略", "模式", "改革", "培训班", "试点",
                "攻坚战", "保卫战", "攻坚行动", "三年行动", "专项整治", "集中整治", "高速铁路", "高铁", "高速公路",
                "城际铁路", "铁路", "大桥", "建设", "政策", "制度", "机制", "一体化", "协同发展", "班列", "专列",
                "水利枢纽"),
    "Event": ("科技活动周", "活动周", "洽谈会", "推介会", "对接会", "交流会", "发布会", "展览会", "研讨会", "招商会",
              "恳谈会", "双创周", "科技节", "博览会", "交易会", "大赛", "论坛", "峰会", "大会", "年会", "展会", "冬奥会", "冬奥",
              "运动会", "全运会", "亚冬会", "世运会", "联赛", "马拉松", "沙龙", "全会", "艺术节", "文化节", "消费季",
              "圆桌会", "博会", "洽会", "大集", "比赛", "高层对话"),
    "Policy": ("促进法", "促进条例", "条例", "实施意见", "若干措施", "实施方案", "负面清单", "工作规则", "程序规定"),
    "Place": ("高新技术产业开发区", "经济技术开发区", "高新区", "开发区", "新区", "自治区", "流域", "省", "市", "县", "区"),
}

#: Ministries and national bodies: a closed class, recognised without a cue suffix.
#: The stock exchanges, by the short names the language gives them: companies.
STOCK_EXCHANGES = ("上交所", "深交所", "北交所", "港交所")
NATIONAL_BODIES = {
    "科技部": "Bureau", "财政部": "Bureau", "教育部": "Bureau", "工业和信息化部": "Bureau",
    "国家发展改革委": "Bureau", "农业农村部": "Bureau", "商务部": "Bureau", "国务院": "Bureau",
    "国家知识产权局": "Bureau", "中国科学院": "ResearchInstitute", "中国工程院": "ResearchInstitute",
    "中国科协": "Bureau", "党中央": "Bureau", "中共中央": "Bureau", "全国人大": "Bureau", "全国政协": "Bureau",
    "全国人大常委会": "Bureau", "全国工商联": "Bureau",
    **{exchange: "Enterprise" for exchange in STOCK_EXCHANGES},
}

#: Standard short forms of the register, expanded when names are compared.
SHORT_FORMS = {
    "中科院": "中国科学院",
    "工程院": "中国工程院",
    "科技局": "科学技术局",
    "科技厅": "科学技术厅",
    "高新区": "高新技术产业开发区",
    "经开区": "经济技术开发区",
    "工信局": "工业和信息化局",
    "发改委": "发展和改革委员会",
    "工信部": "工业和信息化部",
    "市政府": "市人民政府",
    "省政府": "省人民政府",
    "县政府": "县人民政府",
    "区政府": "区人民政府",
}

#: Level words and generic modifiers: a candidate made only of these and a cue names nothing.
GENERIC_WORDS = (
    "国家级", "省部级", "省级", "市级", "县级", "区级", "国家", "全国", "全省", "全市", "全县", "全区",
    "省", "市", "县", "区", "首批", "首家", "重点", "各类", "各级", "新型", "一批", "一流", "龙头",
    "科技", "技术", "企业", "工程", "工程技术", "研究", "研发", "创新", "技术创新", "产业", "双创", "计划", "科技计划", "应用型", "年度",
    "孵化", "众创", "科研", "科创", "高新技术", "高新", "重大", "专项", "高校", "大学", "共性",
    "概念验证", "中试", "创新型", "科技型", "民营", "骨干", "示范", "备案", "农业", "以上", "省级以上",
    "国家备案", "市级以上", "新", "科普", "合作", "协同", "成果转化", "转化", "公共", "综合",
    "现代", "先进", "未来", "前沿", "基础", "应用", "战略性", "新兴", "制造业", "数字", "智能",
    "其他", "各", "社区", "卫生", "技师", "全球", "上市", "境内", "境内外", "境外", "项目", "主业", "多家", "多个", "部分", "相关", "有关", "该", "此", "这些", "一些", "国际", "地方",
    "若干", "5A级", "4A级", "3A级", "A级",
)

# --- boundaries ---------------------------------------------------------------------

#: Words that end a name on its left: verbs that govern an object, prepositions, conjunctions.
LEFT_STOP_WORDS = frozenset("""
与 和 及 以及 同 跟 在 由 对 向 为 把 将 被 从 等 的 了 是 并 或 其中 目前 全市 全县 全区 全省 我市 我省 我县 我区
推动 推进 加强 建成 建立 成立 依托 培育 指导 助力 力促 引导 支持 实施 开展 举办 举行 组织 出台 印发 制定 编制
认定 获得 荣获 打造 完善 形成 拥有 新建 设立 组建 揭牌 签订 签署 合作 对接 引进 服务 带动 促进 深化 启动 发布 列入
扶持 补助 奖励 帮助 协调 争取 落实 贯彻 围绕 聚焦 通过 依据 根据 按照 筛选 到 至 于 经 以 让 使 给 获批 入选
成为 作为 包括 如 像 建设 新增 培养 推广 承担 参与 牵头 联合 携手 会同 共建 共同 积极 大力 持续 全面 深入 重点
先后 相继 分别 累计 已 已经 正式 首次 率先 还 也 都 又 再 更 均 共 专门 进一步 充分 有效 不断 加快 着力 全力 努力
主动 坚持 提出 构建 创建 搭建 立项 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 我局 本局 我们 我委 本委 改造 维修 修改 修建 新修 打通 拓宽 提升 重塑 优化 升级 增强 强化 提高 扩大 壮大 加大 夯实 健全 拓展 拓宽 释放 激发 激活 加速 畅通 保障 推出 深入开展 深入推进 深入实施 圆满完成 完成 举全省之力 有 拥有 共有 现有 得到 受到 获 取得 参加 融入 做好 抓 发挥 丰富 扩大 巩固 链接 覆盖 办好 集中 展示 引领 勇做 争当 筛选 涌现 涌现出 谋划 布局 集聚 吸引 招引 落地 签约 挂牌 授牌 命名 评为 列为 成功 顺利 组织实施 研制 研发 生产 开发
""".split())

#: Part-of-speech tags (jieba) that never sit inside a name.
LEFT_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "ad", "r", "t", "x", "y", "e", "o", "w", "q", "f", "z"})

# --- relations: trigger verbs per predicate ----------------------------------------

TRIGGERS: dict[str, tuple[str, ...]] = {
    "partnersWith": ("依托", "携手", "联合", "对接"),
    "supports": ("扶持", "补助", "奖励", "培育", "指导", "助力", "力促", "引导", "推动", "支持", "帮助",
                 "资助", "鼓励", "服务", "促进", "带动", "孵化", "推荐"),
    "establishes": ("成立", "建成", "建立", "设立", "组建", "揭牌", "认定", "打造", "新建", "创建", "获批",
                    "挂牌", "组织建设", "建设", "布局", "形成", "共建"),
    "implements": ("组织实施", "实施", "开展", "推进", "启动", "推行", "构建", "提出", "承担", "深化", "打造"),
    "organizes": ("举办", "举行", "组织", "召开", "承办", "主办"),
    "issues": ("出台", "印发", "制定", "编制", "发布", "通过", "修订", "起草", "颁布"),
    "develops": ("研发生产", "研制", "研发", "生产", "开发", "攻克", "研究"),
}

#: Object types each predicate admits.
OBJECT_TYPES: dict[str, tuple[str, ...]] = {
    "partnersWith": ("University", "ResearchInstitute", "Enterprise", "Platform"),
    "supports": ("Enterprise", "University", "ResearchInstitute", "Platform", "Program"),
    "establishes": ("Platform",),
    "implements": ("Program",),
    "organizes": ("Event",),
    "issues": ("Policy",),
    "develops": ("Product",),
}

#: Verbs that cite a document rather than issue it ("根据《…》").
CITE_VERBS = ("根据", "按照", "依据", "贯彻", "落实", "学习", "对照", "执行")

#: Agent types: what can be the subject of an act.
AGENT_TYPES = ("Bureau", "University", "ResearchInstitute", "Enterprise", "Platform")

#: Honour cues: the text after them, to the end of the clause, is the honour.
HONOR_CUES = ("被认定为", "被评为", "被授予", "被列为", "认定为", "评为", "荣获", "获评", "获批", "入选", "成为", "获得", "取得", "名列", "位列", "位居", "处于")
#: Cues that name an honour whatever follows ('被认定为…'); the others need an honour word.
STRONG_HONOR_CUES = ("被认定为", "被评为", "被授予", "被列为", "认定为", "评为", "荣获", "获评", "入选")
HONOR_WORDS = ("称号", "荣誉", "证书", "表彰", "优秀", "先进", "A类", "A级", "示范", "试点", "单位", "基地", "孵化器", "前茅", "之首",
               "方阵", "百强", "第一", "首批", "首家", "国家级", "奖", "认定", "高新技术企业")
#: Being chosen as one of a class the state confers ('入选国家…产业集群', '被命名为国家…示范区'):
#: the class, opened by the level that confers it, is no platform of its own.
CHOSEN_AS = ("入选", "被命名为", "命名为", "获批", "列入")
CONFERRED_CLASS_OPENERS = ("国家", "全国", "省级", "首批", "世界")
HONOR_TRAILERS = ("等荣誉称号", "荣誉称号", "等称号", "称号", "等荣誉", "的同时")

# --- figures ------------------------------------------------------------------------

#: Units of a count or amount, longest first. 万/亿 combine with any of them.
UNITS = (
    "个百分点", "百分点", "个月", "辆次", "架次", "株", "艘", "平方公里", "平方米", "平米", "人次", "千瓦时", "千瓦", "公里", "千米", "亿元", "万元", "美元", "元",
    "家", "个", "项", "人", "名", "户", "份", "所", "场", "次", "期", "款", "倍", "件", "台", "套", "篇",
    "座", "条", "批", "吨标准煤", "吨", "亩", "支", "只", "部", "位", "村", "种", "处", "辆", "列", "架次", "架",
    "台次", "标准箱", "标箱", "立方米", "公斤", "千克", "斤", "套", "张", "天", "岁", "微克/立方米", "公顷", "起",
    "块", "轮", "成", "GW", "MW",
    "%", "‰", "亿", "万",
)
MAGNITUDES = ("万", "亿")

#: Qualifiers: before the number, and after it (余/多 may also sit between number and unit).
QUALIFIERS_BEFORE = {"累计": "累计", "共计": "累计", "新增": "新增", "新建": "新增", "超过": "超过",
                     "超": "超过", "近": "约", "约": "约", "预计": "预计", "突破": "超过", "逾": "余"}
QUALIFIERS_AFTER = {"余": "余", "多": "多", "以上": "以上", "左右": "约", "上下": "约"}

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_TENS = {"十": 10, "百": 100, "千": 1000}

#: Words cut from the start and the end of an indicator ('全市…达到'): context, not what is counted.
INDICATOR_LEAD = ("近年来", "以来", "目前", "其中", "全市", "全县", "全区", "全省", "累计", "新增", "共计", "更是", "由",
                  "先后", "积极", "并", "都", "均", "今年", "去年", "年底", "年末", "年度", "底", "末", "，")
INDICATOR_TRAIL = ("由原来的", "由原来", "原来的", "由", "从", "达到", "达", "为", "超过", "超", "近", "约", "增加到",
                   "增加为", "增长到", "增至", "突破", "完成", "的", "在", "和", "及", "、", "居全国第", "居全国",
                   "排名第", "第")

#: Narrator pronouns: the narrator is their referent.
NARRATOR_PRONOUNS = ("我们", "本局", "我局", "我委", "本委", "我市", "我省", "我县", "我区")

#: Provincial-level divisions: short form → official name (a closed class).
PROVINCES = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}

#: Who speaks a work report, in its own words: 我代表国务院, 我现在代表省人民政府 (the body
#: named runs up to 向/作 or a comma). Only a body ending in 国务院 or 政府 is taken.
SPEAKER_PATTERN = r"我(?:现在)?代表(?P<body>[^，,。；;：:\s向作]{2,24}?)(?=[，,。；;：:\s向作]|$)"

#: The national government, and the name its reports call it by.
NATIONAL_GOVERNMENT = "国务院"

#: How a text speaks of its own area as a whole, by the level of that area's government
#: (the official name of a province ends in 省, of a municipality in 市, of a region in 自治区).
SCOPE_WORDS = {"省": ("全省", "我省"), "市": ("全市", "我市"), "自治区": ("全区", "我区", "全自治区")}
#: How a national text speaks of the country (simplified and traditional forms).
NATIONAL_SCOPE_WORDS = ("全国", "我国", "全國", "我國")

#: Governments that name no area (政府工作报告 alone, 省政府): never a narrator on their own.
BARE_GOVERNMENTS = ("人民政府", "政府")
#: Level words a generic government is made of ('省政府' → 省): qualified by the area the text names.
GOVERNMENT_LEVELS = ("自治区", "省", "市", "区", "县", "州")

#: Program cues too common in plain speech ('做好项目', '深化改革') to name anything on their
#: own: they name a program only right after a verb that carries one out.
WEAK_PROGRAM_CUES = ("项目", "战略", "模式", "改革", "行动", "试点", "建设", "政策", "制度", "机制", "一体化", "协同发展")
#: Of those, the ones that close a name wherever a clause or a verb opens it ('接诉即办改革').
NAMING_PROGRAM_CUES = ("改革", "试点", "行动", "一体化", "协同发展", "政策")
IMPLEMENT_VERBS = ("组织实施", "深入实施", "实施", "开展", "推进", "启动", "推行")

#: Names that are their cue alone: national events and standard agencies.
SELF_NAMED = ("科技活动周", "科技周", "工业和信息化局", "工业和信息化部")

#: Verbs that also sit inside names ('科技研发机构培育计划', '开发区建设领导小组'):
#: after a noun they continue the name instead of ending it.
SOFT_STOP_WORDS = frozenset("改造 联合 培育 服务 建设 合作 发展 研发 转化 示范 创新 孵化 促进 推广 引导 开发 生产 共建 保障 提升 优化 升级 强化 完成 组织".split())

#: Two-character place words ending in 区/市/国 that name no particular place.
GENERIC_PLACE_WORDS = frozenset("""
城市 都市 大城市 大都市 文明城市 山区 新区 湾区 苏区 三区 上市 外国 大国 越国 园区 景区 片区 社区 城区 市区 郊区 辖区
灾区 矿区 老区 边区 牧区 林区 农区 地区 大城市 超大城市 特大城市 中心城市 海岛县 县城 省会城市 北京地区 东北地区 依法治国 强国 各国 本国 两国 他国 中国
""".split())

#: Words jieba tags as places that name none here.
NON_PLACES = GENERIC_PLACE_WORDS | frozenset({"中国", "我国", "全国", "国内", "国外", "海外", "新建", "中心", "各地", "当地", "本地", "全球"})

#: Time nouns that belong in names ('现代精细化工产业园').
NAME_TIME_WORDS = frozenset({"现代", "当代", "古代", "近代", "未来", "夏季", "冬季", "春季", "秋季"})

#: Adverbs that may stand between an honoured name and its honour cue.
HONOR_ADVERBS = ("先后", "相继", "均", "都", "还", "也", "多次", "连续", "已", "成功", "再次", "首次", "被")

#: Verbs that end a name on the right when a platform is named before its verb ('…实验室正式成立').
ESTABLISHED_AFTER = ("正式成立", "成立", "建成", "揭牌", "挂牌", "获批", "落地", "正式运行", "投入运行", "投入使用", "启用",
                     "开工", "开通运营", "建设运营", "封关运行", "开关运作", "筹建", "进入总装", "开业", "落户")

#: Support received from a higher body: '在 X 的精心指导下'.
SUPPORT_FROM = r"在(?P<who>[^，。；]{2,30}?)的[\u3400-\u9fff]{0,6}(指导|支持|帮助|关心|领导|关怀)下"

#: Category nouns closing an enumeration of short names, and the type they give.
ENUM_CATEGORIES = {"企业": "Enterprise", "公司": "Enterprise", "集团": "Enterprise", "高校": "University",
                   "院校": "University", "科研院所": "ResearchInstitute", "载体": "Platform", "平台": "Platform"}

#: Cues of the bodies of government: the name before them must be a place ('运城市委', '省政府').
GOVERNMENT_CUES = ("人民政府", "政府", "市委", "省委", "县委", "区委")

#: A title in 《》 names a policy document when it ends in one of these (else it is a book, a film…).
DOCUMENT_CUES = ("规划", "纲要", "办法", "细则", "方案", "意见", "条例", "措施", "计划", "通知", "决定", "报告",
                 "规定", "标准", "指南", "目录", "清单", "政策", "法", "规程", "制度", "章程", "指引", "要点",
                 "白皮书", "蓝皮书", "公报", "决议", "建议", "若干措施", "行动", "协议", "备忘录", "宣言")


#: Level and quantity words: a generic name carrying one is a category ('省级重点实验室');
#: one without ('科技创新服务中心', set up once) names a unit.
LEVEL_WORDS = ("国家级", "省部级", "省级", "市级", "县级", "区级", "国家", "全国", "全省", "全市", "全县", "全区",
               "首批", "首家", "重点", "各类", "各级", "新型", "一批", "多家", "多个", "部分", "相关", "以上",
               "省级以上", "市级以上", "国家备案", "备案", "骨干", "龙头", "示范", "其他", "各", "一流", "重大", "省", "市", "县", "区")

#: Dictionary frequency below which a word tagged as an adverb is read as part of a name.
RARE_WORD_FREQUENCY = 300

#: Two-country abbreviations that open event and platform names ('中俄博览会'): a closed class.
BILATERAL = ("中俄", "中欧", "中非", "中阿", "中亚", "中美", "中日", "中韩", "中德", "中法", "中英", "中意",
             "中以", "中新", "中东欧", "中拉", "中蒙", "中巴", "中哈")

# --- names of the register (government work reports) ------------------------------

#: Head words that close a quoted name or follow it ('“两重”项目', '“百场万企”产需对接活动'),
#: and the type each gives.
QUOTE_HEADS: dict[str, tuple[str, ...]] = {
    "Program": ("工程", "计划", "行动", "项目", "改革", "试点", "建设", "政策", "机制", "制度", "模式", "新模式",
                "工作", "活动", "系列活动", "精品活动", "品牌", "课程", "体系", "专项治理", "攻坚战", "攻坚", "保卫战",
                "联动", "融合", "融合创新", "一体化", "消费券", "工作法", "行动计划", "专项行动", "战略"),
    "Platform": ("平台", "中心", "实验室", "基地", "园区", "产业园", "科创园", "示范区", "集群", "枢纽", "联盟"),
    "Event": ("大会", "论坛", "博览会", "联赛", "运动会", "峰会", "大赛", "争霸赛", "比赛", "沙龙", "艺术节", "文化节",
              "消费季", "嘉年华"),
    "Policy": ("规划", "方案", "措施", "条例", "政策措施", "若干措施"),
    "Product": ("无人机", "卫星", "芯片", "机器人", "大模型", "操作系统", "客机", "飞机", "动车组", "新药", "钻探船"),
}
#: How many characters may stand between a closing quote and its head word.
QUOTE_HEAD_REACH = 6
#: Words that break the reach to a head word: a verb or a particle ends the name.
QUOTE_BREAKS = ("的", "和", "与", "及", "等", "在", "为", "是", "将", "把", "被", "实现", "达到", "超过", "突破", "增长",
                "推进", "实施", "开展", "建成", "完成", "累计", "新增", "覆盖", "带动", "获", "入选", "成为")
#: Quotations that name nothing: political formulas and slogans of the genre.
FORMULA_QUOTES = frozenset("""
两个确立 两个维护 四个意识 四个自信 国之大者 四风 三公 两个毫不动摇 两个结合 五位一体 四个全面 两山 两个先行
四个面向 三个务必 一国两制 港人治港 澳人治澳 高度自治 九二共识 两个中国 一中一台 台独 大水漫灌 新发展格局 新发展理念
三个代表 八荣八耻
""".split())
#: Political formulas written without quotes: the work every government names, not a
#: programme of its own (the guide's "not entities").
FORMULAS = frozenset("""
政府自身建设 法治政府建设 国防和军队建设 国防和军队现代化建设 全面从严治党 党风廉政建设 全面深化改革开放 高质量发展
新型工业化 中国式现代化 共同富裕 改革开放 依法治国 全面依法治国 生态文明建设 精神文明建设 党的建设 社会主义现代化建设
""".split())
#: A quotation right after these is an honour, a state or a class ('实现“双下降”', '授予…“时代楷模”').
QUOTE_NOT_AFTER = ("命名为", "实现", "授予", "获评", "评为", "入选", "获", "荣获", "成为", "呈现", "获得", "称为", "誉为",
                   "专精特新", "首家", "首个", "从")
#: A quotation right before these is a class or a title ('“小巨人”企业', '“时代楷模”称号').
QUOTE_NOT_BEFORE = ("数量", "企业", "单位", "称号", "荣誉", "问题", "院士", "之年", "时期", "期间", "以来", "收官", "末", "期末",
                    "目标", "态势", "榜单", "总要求", "本色", "作用", "全链条", "参天", "茁壮", "葱郁", "循环", "等次", "理念", "要求",
                    "新世界纪录", "世界纪录", "纪录", "范例奖", "名录")
#: An honour given shortly before a quotation makes it the honour's title ('入选世界“最佳…”').
QUOTE_HONOUR_BEFORE = ("入选", "获评", "评为", "荣获", "授予", "命名为")
#: Heads after a quotation that another head may follow ('“某某”联动机制': 联动, then 机制).
QUOTE_HEADS_BEFORE_HEADS = ("联动", "融合", "协同", "一体化")
#: Verbs that type the quoted name they govern.
GOVERNING_VERBS: dict[str, tuple[str, ...]] = {
    "Event": ("举办", "承办", "举行", "召开", "主办"),
    "Program": ("实施", "开展", "推进", "推行", "深化", "落实", "启动"),
    "Product": ("研发", "研制", "攻克", "研发出", "成功研制"),
}
#: A quotation right before these names a product or a brand of goods ('“某某”销售额').
PRODUCT_AFTER = ("销售额", "销量", "系列产品", "产品", "首飞", "上市", "出口", "创造", "首次", "刷新", "成功发射",
                 "发射", "下线", "交付")

#: A quotation right after these names goods or a mascot ('吉祥物“某某”').
PRODUCT_BEFORE = ("吉祥物", "吉祥物“", "品牌")
#: Class nouns after 等 that make the quotations listed before them goods ('“某某”等科技成果').
GOODS_CLASSES = ("科技成果", "成果", "产品", "精品线路", "线路", "名品", "美食", "文创")

#: Regions the language names without a division's name (a closed class, like the provinces).
NAMED_REGIONS = ("粤港澳大湾区", "长江三角洲", "长三角", "珠三角", "京津冀", "成渝地区双城经济圈", "长江经济带",
                 "黄河流域", "关中", "陕北", "陕南", "皖北", "皖南", "苏北", "苏南", "东北地区", "中部地区",
                 "西部地区", "东部地区", "中国西部", "东南亚", "中亚", "中东", "东盟", "欧洲", "非洲", "拉美",
                 "拉丁美洲", "北美", "南美", "亚太", "亚洲", "大洋洲")
#: Words that close the name of a region after a place or a direction ('合肥都市圈', '皖北地区').
REGION_SUFFIXES = ("都市圈", "经济圈", "城市群", "经济带", "地区", "流域", "片区")
#: One-character abbreviations of provinces that open region names ('皖北', '粤东').
PROVINCE_ABBREVIATIONS = tuple("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台")
#: The province each one-character abbreviation stands for, where a run of them names
#: several ('沪苏浙', '陕晋豫', '粤港澳').
PROVINCE_BY_ABBREVIATION = {
    "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省",
    "黑": "黑龙江省", "沪": "上海市", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省",
    "渝": "重庆市", "川": "四川省", "蜀": "四川省", "黔": "贵州省", "贵": "贵州省", "滇": "云南省", "云": "云南省",
    "藏": "西藏自治区", "陕": "陕西省", "秦": "陕西省", "甘": "甘肃省", "陇": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区", "港": "香港特别行政区", "澳": "澳门特别行政区", "台": "台湾省"}
#: Class words the gazetteer's source gives as the short form of a zone ('高新区' for
#: 某某高新技术产业开发区, '产业园'): no short form at all.
PLACE_CLASS_SHORTS = frozenset("经开区 高新区 管理区 示范区 产业园 保税区 化工园区 工业园 新区 物流区 文旅区 汽开区 市直辖".split())
#: Generic words after a county's short form that leave it a place ('富平园区', '房山校区').
PLACE_PART_WORDS = ("园区", "片区", "校区", "院区", "境内", "段", "全域", "县域")
#: Words of nature in general, no place's name ('江河', '山川').
COMMON_NATURAL_WORDS = frozenset("江河 河湖 湖海 山河 江湖 河山 山川 江海 山海 湖泊 河海 江山".split())
#: Endings of the natural places the dictionary knows (黄河, 秦岭, 巢湖).
NATURAL_PLACE_ENDINGS = ("江", "河", "湖", "岭", "山脉", "高原", "盆地", "平原", "海峡", "岛")
#: Words the gazetteer lists as short forms that are common words first.
COMMON_PLACE_WORDS = frozenset("""
城区 郊区 矿区 新区 开发 开放 和平 长安 新华 中山 平安 永安 安全 东方 海南 江南 河南 华山 泰山 吉利 发展 光明 文明
幸福 新城 老城 古城 高新 高新区 经开区 先进 前进 红旗 胜利 团结 民主 友谊 向阳 朝阳 铁山 金山 宝山 白山 青山
""".split())
#: Bodies a report names by level alone ('省委', '市政协'): they are its own province's.
OWN_BODIES = ("人大常委会", "人大", "政协", "委")
#: The literary names of provinces ('龙江', '三秦'): the province, in a report about it.
PROVINCE_NICKNAMES = {"龙江": "黑龙江省", "三秦": "陕西省", "南粤": "广东省", "江淮": "安徽省", "三晋": "山西省",
                      "八闽": "福建省", "齐鲁": "山东省", "巴蜀": "四川省", "燕赵": "河北省", "荆楚": "湖北省",
                      "中原": "河南省", "三湘": "湖南省", "八桂": "广西壮族自治区", "赣鄱": "江西省", "天府": "四川省",
                      "陇原": "甘肃省", "龙江大地": "黑龙江省", "首都": "北京市", "津沽": "天津市", "申城": "上海市",
                      "巴渝": "重庆市", "之江": "浙江省", "浙江大地": "浙江省", "黔": "贵州省"}
#: What a named thing of each type undergoes when the text names no act of its own: the
#: narrator carries out a programme, holds an event, issues a document, builds a platform.
#: Words beside the issuing verbs that say a document was issued or signed where it is named.
ISSUE_CUES = ("签署", "批复", "获批", "推出", "实施", "落实", "出台", "施行", "审议", "公布")
DEFAULT_PREDICATES = {"Program": "implements", "Event": "organizes", "Policy": "issues", "Platform": "establishes",
                      "Product": "develops"}
#: Words that say a platform was built, opened or approved (a platform named without one
#: is only mentioned).
ESTABLISH_CUES = ("建成", "建设", "获批", "投运", "投用", "投产", "开工", "落户", "揭牌", "挂牌", "成立", "组建", "启用",
                  "开通", "通航", "运营", "运行", "布局", "打造", "创建", "新建", "设立", "引进", "升级", "扩建",
                  "落地", "亮相", "开馆", "开园", "首飞", "启动")
#: An event named after these was taken part in, not held ('参加…大赛', '获得…大赛奖项').
EVENT_ATTENDED_CUES = ("参加", "参与", "参赛", "获得", "荣获", "出席")
#: Manner words that open a verb phrase, not a name ('高质量完成', '全力以赴').
MANNER_WORDS = frozenset("高质量 高标准 高水平 全力以赴 全面 全力 大力 顺利 这是 新开工 新一轮 深层次 统筹 精心 打好 打赢 筹办 出席 开通".split())
#: Narrators whose reports follow the work-report conventions (a government speaks).
GOVERNMENT_NARRATORS = ("人民政府", "政府", "国务院")
#: Support from the bodies that oversee a government, as its report thanks them ('在省人大
#:及其常委会监督支持下', '是省人大、省政协…有效监督、大力支持的结果').
OVERSIGHT_SUPPORT = (r"在(?P<who>[^，。；]{2,30}?)的?监督支持下"
                     r"|是(?P<who2>[^。；]{2,40}?)(?:大力支持|关怀支持|监督支持)的结果")
#: Words by which a place takes part in a programme it was chosen for ('东莞入选…试点').
PLACE_JOINS_PROGRAM = ("入选", "纳入", "获批", "列入", "成为", "开展")
#: Class nouns that close a list of names ('A、B等高速公路'), the type they give, and whether
#: the noun is the head of each name (True: 九绵 → 九绵高速公路), only their class (False:
#: 项目), or gives each a shorter head where it has none of its own ('设施': 某某激光 →
#: 某某激光设施).
LIST_CATEGORIES = {"高速公路": ("Program", True), "高速": ("Program", True), "高铁": ("Program", True),
                   "铁路": ("Program", True), "城际铁路": ("Program", True), "重大项目": ("Program", False),
                   "重点项目": ("Program", False), "项目": ("Program", False), "重大工程": ("Program", False),
                   "工程": ("Program", False), "赛事": ("Event", False), "精品赛事": ("Event", False),
                   "展会": ("Event", False), "机场": ("Platform", True), "港口": ("Platform", False),
                   "中央企业": ("Enterprise", False), "央企": ("Enterprise", False), "企业": ("Enterprise", False),
                   "科创平台": ("Platform", False), "专项整治行动": ("Program", True), "专项行动": ("Program", True),
                   "行动": ("Program", True), "改革": ("Program", True), "煤矿": ("Program", True),
                   "全国重点实验室集群": ("Platform", True), "流域": ("Place", True),
                   # research facilities are named with 设施 where the item has no head of its own
                   "重大科技基础设施": ("Platform", "设施"), "科技基础设施": ("Platform", "设施"),
                   "园区": ("Platform", False),
                   # sights, relics and parts of a city are places
                   "重点文物": ("Place", False), "文物": ("Place", False), "重点区域": ("Place", False),
                   "景区": ("Place", False), "街区": ("Place", False), "商圈": ("Place", False),
                   "地标": ("Place", False), "桥": ("Place", False)}
#: A counted kind after a list joins each item ('城市生命线、城乡安居三大工程' → 城市生命线工程).
COUNTED_LIST_HEADS = {"工程": "Program", "行动": "Program", "专项行动": "Program", "改革": "Program",
                      "计划": "Program", "战略": "Program"}
#: Endings that are a facility's own head: a listed facility keeps its name ('某某监测网等…设施').
FACILITY_HEADS = ("网", "装置", "设施", "中心", "平台", "基地", "实验室")
#: Endings of facilities that stay platforms in a list of works ('某某站、某某口岸等…工程').
FACILITY_ENDINGS = ("火车站", "高铁站", "站", "口岸", "机场", "港区", "码头", "枢纽")
#: Types a name takes from the known items of the list it stands in ('甲广场、乙之眼等').
LIST_MATE_TYPES = ("Place", "Platform", "Enterprise")
#: Acts on a place or a work that may open a list of them ('整治某某桥等…'), beside the
#: words that stop a name on its left.
LIST_OPENING_ACTS = ("整治", "修缮", "改造", "腾退", "疏解", "战胜", "应对", "抵御", "守护")
#: Abbreviated institutes ('某化院', '某科院', '某生所'): the characters of a field before 院
#: or 所; what may follow such a name as its predicate; and endings that make it a college.
FIELD_CHARACTERS = "化科工农林职师生地物理"
ABBREVIATED_INSTITUTE_PREDICATES = ("入选", "晋升", "整体", "牵头", "联合", "获批")
ABBREVIATED_COLLEGE_ENDINGS = ("职院", "工院", "师院")
NOT_ABBREVIATED_INSTITUTES = ("由", "研究生院", "和", "及", "与")
#: Verbs that carry out what they govern: an event after them is a mechanism (落实…会议制度).
CARRY_OUT_VERBS = ("落实",)
RECURRING_MEETING_OPENERS = ("季度", "月度", "年度", "每周", "每月", "定期")
#: What opens the name of a body of the nations together ('联合国教科文组织').
INTERNATIONAL_OPENERS = ("联合国", "世界", "国际")
NOT_INTERNATIONAL_BODY = ("和", "及", "等", "的", "性", "组织")
#: The last characters of a river's or a lake's name ('某江', '某湖').
WATER_ENDINGS = "江河湖海川溪池"
#: Facilities named by the places they serve ('某某站', '某某港'): platforms.
PLACE_FACILITIES = ("东站", "西站", "南站", "北站", "站", "港")
#: What a name may drop and still name the same thing: a bracketed part at its end, its
#: edition, its region word ('某某中心（B型）', '第九届某某博览会', '某北地区').
SHORTER_FORM_PATTERN = r"（[^（）]{1,4}）$|^第[一二三四五六七八九十百\d]+届|(?<=[\u3400-\u9fff]{2})地区$"
#: Documents a report carries out by their spirit ('贯彻某某规定精神'): the head words.
SPIRIT_DOCUMENTS = ("规定", "条例", "决定", "纲要", "意见", "规划")
SPIRIT_VERBS = ("学习贯彻", "贯彻落实", "贯彻", "落实", "学习", "领会", "认真", "坚决")
#: Endings of an occasion: an activity so named is an event ('…纪念活动', '…冰雪周'), unless
#: a campaign mark says it runs over time ('…年活动', '百场…活动', '系列活动').
OCCASION_ENDINGS = ("活动", "周", "之夜", "消费季", "节")
CAMPAIGN_ACTIVITY_MARKS = ("年活动", "场", "系列", "精品", "常态", "专项", "主题教育", "月活动", "百", "千", "万")
#: Quantity words between 等 and the class noun ('等一批重大项目').
LIST_QUANTIFIERS = ("一批", "一系列", "多个", "多家", "各类", "一些", "重大", "重点")
#: Events the language names by a short form (a closed class, like the national bodies).
NATIONAL_EVENTS = ("亚运会", "亚冬会", "全运会", "世运会", "冬奥会", "奥运会", "残奥会", "残特奥会", "广交会", "进博会",
                   "服贸会", "消博会", "文博会", "高交会", "中博会", "农高会", "哈洽会", "西洽会", "链博会", "数博会",
                   "投洽会", "东博会", "厦洽会", "世博会", "大运会")
#: A first place written in words: the rank 1 位 ('居全国首位', '排名全国第一').
FIRST_RANK = r"(?:居|位居|位列|稳居|排名|排|名列)(?:全国|全省|全球|世界|中部|西部|东北)?(?:首位|第一位|第一名|第一|榜首)"
#: Words that open the name of a campaign built on a place ('平安北京建设', '美丽天津建设').
CAMPAIGN_WORDS = ("平安", "美丽", "健康", "法治", "数字", "文明", "花园", "宜居", "智慧", "海绵", "韧性", "无证明",
                  "幸福", "清廉", "人文", "书香", "诚信")
#: Words that close such a name.
CAMPAIGN_HEADS = ("建设", "创建")
#: What a campaign builds, after its formula word ('法治政府建设', '花园城市建设').
CAMPAIGN_OBJECTS = ("政府", "城市", "中国", "乡村", "社会", "机关", "校园", "城市群")
#: What may follow a place before 建设 in a campaign's name ('雄安新区建设', '粤港澳大湾区建设').
CAMPAIGN_PLACE_TAILS = ("新区", "大湾区", "都市圈", "自贸试验区", "自由贸易港", "一体化")
#: Sessions and congresses, named by their numbers ('党的二十大', '省委十一届十次全会').
SESSION_PATTERN = (r"党的[一二三四五六七八九十]+大|(?:[省市]委|中央)?[一二三四五六七八九十]+届[一二三四五六七八九十]+(?:中|次)全会"
                   r"|[省市]委全会"
                   r"|[省市]?[一二三四五六七八九十]+届人大[一二三四五六七八九十]+次会议")
#: Other forms of the named regions ('大湾区' is 粤港澳大湾区).
REGION_ALIASES = {"大湾区": "粤港澳大湾区", "长江三角洲": "长三角", "成渝地区": "成渝地区双城经济圈", "首都": "北京市"}
#: Words after which the names before them are aims, not things ('…“两区”目标').
GOAL_WORDS = ("目标", "愿景")
#: Words that close the name of a landmark, a place named by what it is ('温榆河公园', '周原遗址').
LANDMARK_CUES = ("公园", "遗址", "街区", "商务区", "生态城", "文化街", "古镇", "湿地", "风景区", "景区", "老街")
#: Types of a name nested at the start of another that the other belongs to
#: ('山西大学国家大学科技园' → 山西大学; '某某国家实验室试验基地' → 某某国家实验室).
PARENT_TYPES = ("University", "ResearchInstitute", "Enterprise", "Bureau", "Platform")
#: Kinds of route a construction project is named by ('成达万高铁', '西香高速'), the sections
#: that may follow ('南段'), and the words after which such a name has ended ('…高速改扩建').
ROUTE_HEADS = ("高速公路", "高速铁路", "城际铁路", "高铁", "高速", "城际", "铁路", "轻轨", "大桥", "隧道", "通道")
ROUTE_SECTIONS = ("南段", "北段", "东段", "西段", "段", "改扩建", "扩容", "二期", "三期")
ROUTE_FOLLOWERS = ("建成", "开工", "通车", "开通", "投用", "投运", "贯通", "加快", "顺利", "全线", "首发", "开行", "运营",
                   "落地", "进展", "项目")
#: What follows a region in the name of a regional strategy ('长江经济带发展', '中部地区崛起').
STRATEGY_TAILS = ("一体化发展", "协同发展", "高质量发展", "一体化", "同城化", "崛起", "全面振兴", "振兴", "协作", "开发开放",
                  "发展")
#: Words after which a route's name begins ('重点工程隆泸叙铁路' → 隆泸叙铁路, '九绵等高速公路' is a list).
ROUTE_STEM_BREAKS = ("等", "工程", "项目", "的", "和", "及", "与", "进出")
#: Routes named by their kind alone ('进出川大通道').
GENERIC_ROUTES = ("大通道", "主通道", "快速通道", "绿色通道")
#: Endings of a listed item that make it a class, not a name ('高新技术企业、…等企业').
LIST_CLASS_ENDINGS = ("企业", "公司", "机构", "平台", "单位", "项目", "工程", "高校", "院所", "园区", "基地", "中心")
#: Organisations a government founds, and the words after their name that say it did.
FOUNDED_TYPES = ("University", "Enterprise", "ResearchInstitute")
FOUNDING_CUES = ("成立", "组建", "设立", "揭牌", "开业", "挂牌", "升格", "开工建设", "建成", "获批建设", "筹建", "落地")
#: A programme's name closed by a common word is rarely longer than this.
LONGEST_PROGRAM_NAME = 16
#: Words that say a product was developed or made (a product named without one is only mentioned).
DEVELOP_CUES = ("研发", "研制", "攻克", "首飞", "下线", "发射", "问世", "推出", "首发", "创造", "突破", "实现", "绘制")

# --- clause frames of a work report ---------------------------------------------------

#: Adverbs that may open the predicate after a clause's subject ('城市更新加力实施').
FRAME_ADVERBS = ("进一步", "深入", "扎实", "加快", "纵深", "稳步", "有序", "全面", "持续", "加力", "扩围", "顺利", "有效",
                 "广泛", "率先", "基本", "圆满", "正式", "全线", "成功", "接续", "不断", "高效", "提前", "如期", "加速",
                 "积极", "首次", "已经", "已", "相继", "先后", "全部", "陆续", "均", "稳妥", "平稳", "初步",
                 "高标准", "高质量", "高水平", "全省域", "全域", "继续", "日益", "蓬勃", "逐步", "普遍", "迅速",
                 "较快", "明显", "显著", "大规模")
#: A predicate saying that the programme its clause opens with goes on or is done
#: ('国企改革成效显现', '县域经济发展突破年行动效果显著').
PROGRESS_PREDICATES = ("实施", "开展", "推进", "完成", "深化", "推开", "铺开", "见效", "落地见效", "落地实施", "落地生效",
                       "走深走实", "见行见效", "提级扩能", "提质扩面", "提质增效", "巩固拓展")
PROGRESS_RESULTS = (r"取得了?(?:新的|新|明显|显著|重大|积极|阶段性|重要|重大阶段性)?(?:成效|实效|突破|进展|成果)"
                    r"|(?:成效|效果)(?:显著|明显|显现|初显|突出)")
#: A predicate saying that what its clause opens with reaches everyone ('…制度实现市区全覆盖'):
#: a programme where its name has a programme's head, a service otherwise.
COVERAGE_PREDICATE = r"实现[\u3400-\u9fff]{0,4}?全覆盖"
#: What ends the name of a company's project or site in a list of them ('某某化学二期',
#: '某某智慧产业园'): the company's name opens it.
OWNED_PROJECT_TAILS = ("一期", "二期", "三期", "产线", "技改", "扩产", "装置", "芯片", "电池", "新材料", "碳纤维", "储能",
                       "产业园", "创新园", "数据工厂", "工厂", "基地", "总部基地", "代线", "传动系", "电源")
#: The sites among them, named after their company wherever they stand ('某某创新园正式启用').
OWNED_SITE_TAILS = ("产业园", "创新园", "数据工厂", "工厂", "总部基地", "试验基地")
#: Words that may close a company's trade name after its proper part ('华天科技', '华润微电子').
TRADE_WORDS = ("科技", "时代", "微电子", "电子", "石化", "石油", "电工", "信息", "生物", "能源", "动力", "软件", "数科",
               "制药", "智能", "化工", "钢铁", "重工", "电气")
#: A predicate saying that the companies its clause opens with did as companies do
#: ('某某科技、某某信息等快速成长', '某某金投开业运营').
ENTERPRISE_PREDICATES = ("成功上市", "快速成长", "茁壮成长", "稳健运营", "有序展业", "重组优化", "开业运营", "开业",
                         "增资扩股", "登陆港交所",
                         "登陆科创板", "登陆北交所", "登陆创业板", "挂牌上市")
#: A predicate saying that the product its clause opens with was made ('某某转轮研制成功').
MADE_PREDICATES = ("研制成功", "研发成功", "发射入轨", "成功发射", "首飞成功", "成功首飞", "下线", "问世", "研发上市", "获批上市")
#: Verbs whose object, to the clause's end, names products, a list of them or one
#: ('推出A、B、C', '研发上市全球首个某某新药').
MAKING_VERBS = ("成功研发上市", "研发上市", "研制", "推出", "绘制")
#: Verbs of making whose object names products only where a class noun closes the list
#: ('突破A、B等核心技术'; '突破瓶颈制约' is no product).
MAKING_VERBS_WITH_CLASS = ("突破", "攻克", "研发", "掌握")
#: What stands before a product's name and is not part of it ('全球首台', '世界首颗').
FIRST_OF_ITS_KIND = r"(?:全球|全国|世界|国内|国际|亚洲|我国)?(?:首[个台套颗架艘张款批座条]|第一[个台套颗架艘张款])"
#: What closes a list of products and is not part of their names ('等核心技术').
PRODUCT_LIST_TAILS = ("等关键核心技术", "等核心技术", "等关键技术", "等主题精品线路", "等新产品", "等产品", "等大国重器")
#: A predicate saying that the thing its clause opens with was built, opened or approved
#: ('安徽百戏城建成运营', '量子计算研发平台获批立项').
BUILT_PREDICATES = ("建成运营", "建成投用", "建成投产", "建成开放", "建成通车", "建成通水", "建成亮相", "建成开馆", "建成",
                    "开通运营", "开业运营", "投入使用", "投入运行", "投入运营", "投运", "投用", "投产", "获批建设",
                    "获批设立", "获批立项", "获国家批复", "获批", "开工建设", "启动建设", "建设提速", "上线运行",
                    "挂牌成立", "揭牌成立", "挂牌运行", "揭牌", "挂牌", "成立", "首开", "首发", "开通", "试运行",
                    "入轨运行", "实体运行", "启用", "正式运营", "开关运作", "下闸蓄水", "设立运营", "通车", "开工",
                    "贯通", "竣工", "开业", "开馆", "开园", "落户", "铺轨")
#: Verbs whose object, running to the clause's end, is a name when it ends in a head word
#: of a type ('高质量完成国企改革深化提升行动', '出台对俄入境旅游便利化措施').
FRAME_VERBS = ("组织实施", "实施", "开展", "推进", "深化", "落实", "完成", "启动", "推行", "参与", "融入", "入选", "获批",
               "纳入", "打好", "抓好", "扩大", "支持", "承办", "举办", "召开", "办好", "参加", "出台", "制定", "修订",
               "印发", "组建", "构建", "打造", "成立", "建设", "设立", "创建", "建立", "开通", "联合制定", "巩固拓展")
#: Verbs that may stand between a subject and its predicate ('…规划获批实施').
PREDICATE_PREFIXES = ("获批", "启动", "正式", "全面", "全部")
#: Verbs an object never holds but at its head: a second act, so a second clause
#: ('支持成都打造…枢纽' is 打造's object, not 支持's).
FRAME_SECOND_VERBS = ("打造", "支持", "实施", "开展", "举办", "推动", "推进", "获批", "出台", "启动", "建设", "发挥",
                      "对接", "推行", "加快", "组织")
#: Words between a verb and its object that belong to neither ('实施新一轮…', '抓好…', '建立起…').
FRAME_OBJECT_OPENERS = ("新一轮", "首批", "好", "了", "起")
#: Words that close a phrase of purpose, not a name ('从…实际出发').
FRAME_NOT_OBJECT_END = ("出发", "为重点", "为主", "为核心", "为抓手", "为引领")
#: Verbs that govern a name and are never its first word ('认真贯彻…法', '打好“…”攻坚战').
LEADING_GOVERNORS = ("贯彻", "落实", "打好", "打赢", "新开工", "运行", "修订", "应用于", "出台", "制定", "印发", "实施",
                     "推进", "推动", "开展", "举办", "承办", "新晋")
#: Verbs whose object is a programme even without a head word ('实施以工代赈').
HEADLESS_FRAME_VERBS = ("实施", "推行")
#: Head words that type a name found by a frame, by type, longest first within a type.
FRAME_HEADS: dict[str, tuple[str, ...]] = {
    "Policy": ("政策措施", "若干措施", "措施", "实施意见", "意见", "工作规则", "规则", "办法", "方案", "条例", "规划",
               "举措", "清单", "细则", "纲要", "促进法"),
    "Event": ("推进会", "大会", "会议", "论坛", "博览会", "峰会", "对话", "大讲堂", "大集", "运动会", "交易会",
              "洽谈会", "文化节", "艺术节", "乐活节", "展览会", "展会"),
    "Program": ("行动计划", "专项行动", "行动", "试点", "改革", "工程", "计划", "机制", "制度", "学习教育", "主题教育",
                "整治", "专项治理", "协作", "建设", "攻坚战", "保卫战", "攻坚", "活动", "大走访", "大接访", "战略",
                "政策", "创建", "运动", "项目", "普法", "一体化", "同城化", "补贴", "专列", "跑道", "一期", "二期",
                "三期", "水利枢纽", "特高压", "储能", "煤矿", "铁路", "高铁", "高速", "高速公路"),
}
#: Words a frame's object may end in after its name ('完成…试点任务', '入选…试点城市').
FRAME_OBJECT_FOLLOWERS = ("部署要求", "总体任务", "目标任务", "任务", "部署", "要求", "城市", "地区名单", "名单", "成果")
#: Words that open a clause before its subject ('同时', '其中').
FRAME_CLAUSE_OPENERS = ("同时", "其中", "此外", "另外", "目前", "全年", "当年", "今年", "去年", "五年来", "过去一年")
#: What a frame's name never holds: a clause's grammar, not a name's.
FRAME_NOT_IN_NAME = ("的", "是", "把", "被", "将", "我们", "了", "着", "等", "在", "各项", "各类", "有关", "相关", "一些",
                     "或", "不能", " ")
#: Head words common enough that a name they close opens with a noun, not a verb
#: ('健全长效机制' is an act; '职务科技成果赋权改革' a name; '加快…三年行动' a name too).
FRAME_WEAK_HEADS = ("机制", "制度", "建设", "政策", "改革", "战略", "一体化", "同城化", "项目", "补贴")
#: What a kind is measured by: a cued name right before one is the kind ('…机场数量').
CLASS_MEASURES = ("数量", "面积", "总数", "个数")
#: Words that open a counted class or a scope, not a name ('一批…', '全省…').
FRAME_NOT_NAME_START = ("全省", "全市", "全区", "全县", "我省", "我市", "我区", "各地", "各级", "一批", "一些", "部分",
                        "多个", "多家", "一系列", "这些", "其中", "一大批", "新增", "首家", "上级", "一个", "重点领域", "国家和", "省级和",
                        "市级和", "区级和")
#: Endings that make the subject an indicator or a class, not a name ('…收入', '…企业').
FRAME_NOT_NAME_END = ("率", "量", "额", "值", "数", "规模", "总量", "收入", "产值", "水平", "能力", "环境", "体系",
                      "企业", "单位", "工作", "任务", "问题", "成果", "项目建设", "重点项目", "重大项目", "基础设施",
                      "事项", "目标")
#: A subject with neither a cue nor a head word this short is a formula of policy
#: ('依法行政', '招商引资'), not a named programme; listed with others it may be one.
FRAME_SHORTEST_BARE_SUBJECT = 5
#: What a platform's name is followed by when the clause speaks of building it ('…示范区建设').
FRAME_BUILDING_TAILS = ("建设",)
