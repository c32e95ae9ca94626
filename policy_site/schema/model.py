"""The content model: every field of every content file, declared once.

The loader validates against these declarations, the pages read the records
they produce, and ``jsonschema.py`` derives the editor schema from them.
Labels are the Chinese words the site shows; descriptions are what an editor
sees when hovering over a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import (
    Boolean,
    Code,
    Date,
    DateTime,
    Enum,
    Field,
    Id,
    ImageFile,
    List,
    Number,
    Object,
    Phone,
    RefTo,
    Term,
    Text,
    Url,
    Variant,
)

# -- Vocabularies -----------------------------------------------------------

# The validity states, in the order documents are listed (in force, then
# unknown, then lapsed: ``order``), and what the open data says of each.
STATE = Enum(
    Term("in-force", "有效", "现行有效。", {"order": 0}),
    Term("lapsed", "已废止或失效", "已废止或失效。", {"order": 2}),
    Term("unknown", "未标注", "内容未标注有效性：不当作有效。", {"order": 1}),
)
STATE_NAMES = "；".join(f"{t.value}：{t.label}" for t in STATE.terms.values())  # in-force：有效；lapsed：…

# A document's validity as its 公开信息 states it (label), its ``state``, and
# ``word``: the one word the site shows for it wherever a status is shown.
VALIDITY = Enum(
    Term("有效", "有效", "现行有效。", {"state": "in-force", "word": "有效"}),
    Term("废止", "废止", "本文件已废止，不再作为执行依据；本站继续公开原文，仅供查阅参考。",
         {"state": "lapsed", "word": "已废止"}),
    Term("失效", "失效", "本文件已失效，不再作为执行依据；本站继续公开原文，仅供查阅参考。",
         {"state": "lapsed", "word": "已失效"}),
)
# A document whose validity is not given is neither in force nor lapsed on
# this site: it says so (present.validity), never 有效.
VALIDITY_UNKNOWN = Term(
    "未标注",
    "有效性未标注",
    "本站未标注本文件的有效性；是否仍在执行，请以发布机关的公告为准，或向主管部门确认。",
    {"state": "unknown", "word": "有效性未标注"},
)

# How a target value relates to the number: where the word goes, and the
# mathematical sign shown in tables for people who scan.
COMPARATOR = Enum(
    Term("以上", "以上", "不少于该数（含本数）", {"position": "after", "symbol": "≥"}),
    Term("不低于", "不低于", "不低于该数", {"position": "before", "symbol": "≥"}),
    Term("左右", "左右", "约为该数", {"position": "after", "symbol": "≈"}),
    Term("超过", "超过", "多于该数", {"position": "before", "symbol": ">"}),
    Term("达到", "达到", "达到该数", {"position": "before", "symbol": "="}),
    Term("不少于", "不少于", "不少于该数（含本数）", {"position": "before", "symbol": "≥"}),
    Term("不超过", "不超过", "不多于该数（含本数）", {"position": "before", "symbol": "≤"}),
    Term("不高于", "不高于", "不高于该数（含本数）", {"position": "before", "symbol": "≤"}),
    Term("以下", "以下", "不多于该数（含本数）", {"position": "after", "symbol": "≤"}),
    Term("以内", "以内", "在该数之内（含本数）", {"position": "after", "symbol": "≤"}),
    Term("高于", "高于", "高于比较基准或该数", {"position": "before", "symbol": ">"}),
    Term("低于", "低于", "低于比较基准或该数", {"position": "before", "symbol": "<"}),
    Term("区间", "", "在两个数之间（目标值为下限，上限写在 upper）", {"position": "range", "symbol": "～"}),
    Term("确数", "", "原文给出确切数值", {"position": "none", "symbol": "="}),
)

# What a target counts, when the text says so in the target's own phrase.
INDICATOR_KIND = Enum(
    Term("累计", "累计", "期内累计的总量。"),
    Term("新增", "新增", "期内新增的数量。"),
    Term("年均", "年均", "每年平均的数值或增速。"),
    Term("占比", "占比", "占总量的比例或比重。"),
)

CLAUSE_ROLE = Enum(
    Term("goal", "目标", "列出主要目标的条款，其指标显示在“主要目标”页。"),
    Term("task", "任务", "列出重点任务的条款，显示在“重点任务”页和责任分工中。"),
)

# What kind of document it is: the names of its pages and how its clauses are
# cited. ``goals`` / ``tasks``: the titles of the pages that list its
# indicators and its tasks; ``citation``: nested (三(一)1., for outlines) or
# article (第8条, for numbered measures and articles).
DOCUMENT_TYPE = Enum(
    Term("计划", "计划", "行动计划、发展规划、实施方案：主要目标和重点任务。",
         {"goals": "主要目标", "tasks": "重点任务", "citation": "nested"}),
    Term("意见", "意见", "实施意见、指导意见：按“一、（一）”分层的意见。",
         {"goals": "主要目标", "tasks": "重点任务", "citation": "nested"}),
    Term("若干措施", "若干措施", "政策措施、若干意见：逐条编号的措施，常在每条后写明责任单位。",
         {"goals": "主要目标", "tasks": "政策措施", "citation": "article"}),
    Term("办法", "办法", "管理办法、实施细则、规定：按“第X条”编号的条款。",
         {"goals": "主要目标", "tasks": "主要条款", "citation": "article"}),
    Term("通知", "通知", "通知、公告等其他文件。",
         {"goals": "主要目标", "tasks": "工作任务", "citation": "nested"}),
)
# The names a document of no stated type gets.
DOCUMENT_TYPE_DEFAULT = {"goals": "主要目标", "tasks": "重点任务", "citation": "nested"}

# -- Objects ----------------------------------------------------------------

DEPARTMENT = Object(
    "department",
    "部门",
    [
        Field("id", Id(), "编号", required=True, unique=True,
              description="部门的稳定编号，用于网址和引用，例如 market-regulation；在同一政府的部门中唯一，不同政府可以用相同的编号。"),
        Field("name", Text(max_length=80, multiline=False), "名称", required=True,
              description="原文使用的部门简称，例如 区市场监管局。"),
        Field("full_name", Text(max_length=120, multiline=False), "全称",
              description="部门全称；原文未给出时留空。"),
        # Contact fields: filled by staff from the department's own published
        # notices; never guessed. Empty ones show 未提供 (schema.types.EMPTY).
        Field("phone", Phone(), "电话",
              description="对外咨询电话，照部门公布的号码填写，例如 0574-87654321；不知道时留空。"),
        Field("address", Text(max_length=200, multiline=False), "地址",
              description="办公或办事地址，照部门公布的填写；不知道时留空。"),
        Field("office_hours", Text(max_length=200, multiline=False), "办公时间",
              description="例如 工作日 8:30-12:00、13:30-17:00；照部门公布的填写，不知道时留空。"),
        Field("website", Url(), "网站",
              description="部门的官方网站或办事页面，以 https:// 开头；不知道时留空。"),
    ],
    "负责目标或任务的部门或机构。",
)

PROGRESS = Object(
    "progress",
    "年度进展",
    [
        Field("year", Number(integer=True), "年度", required=True),
        Field("value", Number(), "完成值", required=True),
        Field("note", Text(max_length=500), "说明"),
        Field("source", Text(max_length=500), "数据来源"),
    ],
    "某一年度的完成情况；原文没有进展数据，由工作人员按公开的统计填写。",
)

# One of several labelled values a single phrase states (…分别达到10家、20家、30家).
TARGET_VALUE = Object(
    "target_value",
    "分项目标值",
    [
        Field("id", Id(), "编号", required=True,
              description="分项的稳定编号，在本指标内唯一；锚点为“指标编号-分项编号”，例如 demo-firms-province。"),
        Field("label", Text(max_length=60, multiline=False), "分项", required=True,
              description="原文中该数值对应的名称，例如 省级；必须出现在原文表述中。"),
        Field("value", Number(), "目标值", required=True,
              description="必须按原文写法出现在原文表述中，各分项按原文的先后顺序排列。"),
        Field("upper", Number(), "区间上限", description="比较方式为“区间”时填写上限。"),
        Field("unit", Text(max_length=20, multiline=False), "单位", required=True),
    ],
    "一句原文同时给出的几个数值之一（“分别”）。",
)

INDICATOR = Object(
    "indicator",
    "指标",
    [
        Field("id", Id(), "编号", required=True,
              description="指标的稳定编号，在本文件内唯一。"),
        Field("metric", Text(max_length=200, multiline=False), "指标", required=True,
              description="指标名称，例如 新增小微企业。"),
        Field("quote", Text(max_length=500, multiline=False), "原文表述", required=True,
              description="条款中陈述该指标的原句片段，必须与条款文字逐字一致，且包含目标值（或比较基准、定性表述）。"),
        Field("value", Number(), "目标值",
              description="数值目标必填；区间目标填下限；一句多值（values）和定性目标（direction）不填；"
                          "相对目标（reference）原文有数时填写。"),
        Field("upper", Number(), "区间上限",
              description="比较方式为“区间”时填写上限，例如“增长5%-8%”的 8。"),
        Field("unit", Text(max_length=20, multiline=False), "单位", empty="无",
              description="例如 家、%、万平方米；有目标值时必填。"),
        Field("comparator", COMPARATOR, "比较方式", empty="无",
              description="以上 / 不低于 / 左右 / 超过 / 达到 / 不少于 / 不超过 / 不高于 / 以下 / 以内 / 高于 / 低于 / 区间 / 确数；"
                          "定性目标不填，其他目标必填。"),
        Field("reference", Text(max_length=60, multiline=False), "比较基准",
              description="相对目标所比较的量，照原文填写，例如“增速不低于上年同期”的 上年同期；"
                          "比较方式和比较基准连起来必须出现在原文表述中。"),
        Field("direction", Text(max_length=60, multiline=False), "定性目标",
              description="没有数字的目标，照原文填写，例如 保持增长、稳步提高、明显改善；"
                          "必须出现在原文表述中。填写它时不填目标值、单位、比较方式。"),
        Field("values", List(TARGET_VALUE), "分项目标值",
              description="一句原文同时给出几个数值时（如“省级、市级分别达到10家、20家”），每个数值一项；"
                          "此时指标本身不填目标值和单位。"),
        Field("deadline", Number(integer=True), "目标年份",
              description="原文为该目标写明的年份(如“到2025年”写 2025);原文未写明时留空。该年份必须出现在条款正文中。"),
        Field("kind", INDICATOR_KIND, "指标类型",
              description="累计 / 新增 / 年均 / 占比;原文表述中写明时填写,否则留空。"),
        Field("lead", RefTo("department", scoped=True), "牵头单位",
              description="牵头部门的编号；原文未写明时留空。"),
        Field("progress", List(PROGRESS), "年度进展",
              description="年度完成值；原文未提供，留空。只有一个目标值和单位的指标可以填写。"),
    ],
    "一个目标：数值、区间、相对于某个量，或没有数字的定性表述。",
    # The shapes a target takes (policy_site/target_shape.py tells which from
    # the fields given); content/quotes.py checks each states its parts in the quote.
    variants=(
        Variant("single", "数值目标", ("value", "unit", "comparator"), ("upper", "reference", "direction", "values"),
                never={"comparator": ("区间",)}),
        Variant("range", "区间目标", ("value", "upper", "unit", "comparator"), ("reference", "direction", "values"),
                only={"comparator": ("区间",)}),
        Variant("relative", "相对目标", ("reference", "comparator"), ("upper", "direction", "values"),
                never={"comparator": ("区间", "确数")}),
        Variant("qualitative", "定性目标", ("direction",),
                ("value", "upper", "unit", "comparator", "reference", "values", "progress")),
        Variant("values", "分项目标", ("values", "comparator"),
                ("value", "upper", "unit", "reference", "direction", "progress")),
    ),
)


CLAUSE = Object(
    "clause",
    "条款",
    [
        Field("id", Id(), "编号", required=True,
              description="条款的稳定编号，决定页面锚点，改动文字时不要改它。"),
        Field("number", Text(max_length=20, multiline=False), "序号",
              description="原文序号，例如 一、 （一） 1."),
        Field("heading", Text(max_length=200, multiline=False), "标题",
              description="条款标题（原文中序号后的标题句）。"),
        Field("text", Text(), "正文", description="条款正文，逐字照录原文；段落之间空一行。"),
        Field("role", CLAUSE_ROLE, "类型", description="goal = 主要目标，task = 重点任务。"),
        Field("cites", List(RefTo("document")), "引用文件",
              description="正文引用的其他文件的编号；正文中出现的文号会链接到该文件。"),
        Field("responsible", List(RefTo("department", scoped=True)), "责任单位",
              description="责任单位的部门编号。"),
        Field("indicators", List(INDICATOR), "指标"),
        Field("children", List(lambda: CLAUSE), "下级条款"),  # a clause holds clauses: named once defined
    ],
    "原文的一个条款；可以有下级条款。",
)

NOTICE = Object(
    "notice",
    "印发通知",
    [
        Field("addressees", Text(max_length=500, multiline=False), "主送",
              description="原文没有主送机关(如政府令)时留空。"),
        Field("paragraphs", List(Text(), min_items=1), "正文", required=True),
        Field("signatory", Text(max_length=100, multiline=False), "落款",
              description="原文没有落款时留空。"),
        Field("date", Date(), "日期", description="原文没有写明完整日期时留空。"),
        Field("publication_note", Text(max_length=100, multiline=False), "公开说明",
              description="例如 （此件公开发布）。"),
    ],
)

BODY = Object(
    "body",
    "正文",
    [
        Field("title", Text(max_length=200, multiline=False), "标题", required=True),
        Field("subtitle", Text(max_length=200, multiline=False), "副标题"),
        Field("clauses", List(CLAUSE, min_items=1), "条款", required=True),
    ],
)

ATTACHMENT = Object(
    "attachment",
    "附件",
    [
        Field("id", Id(), "编号", required=True),
        Field("title", Text(max_length=300, multiline=False), "名称", required=True),
        Field("format", Text(max_length=10, multiline=False), "格式", description="例如 doc。"),
        Field("available", Boolean(), "已收录", required=True,
              description="附件文件是否在本站提供；原网页未提供文件时为 false。"),
    ],
)

# How one document stands to another, stated on the newer one; the older
# document's pages show the inverse (``inverse``) with a link back.
RELATION_TYPE = Enum(
    Term("替代", "本文件替代", "本文件替代该文件：该文件因此不再执行。", {"inverse": "替代本文件"}),
    Term("修改", "本文件修改", "本文件修改该文件的部分内容。", {"inverse": "修改本文件"}),
    Term("依据", "本文件依据", "本文件依据该文件制定。", {"inverse": "依据本文件制定"}),
)

RELATION = Object(
    "relation",
    "文件关系",
    [
        Field("type", RELATION_TYPE, "关系", required=True, description="替代 / 修改 / 依据。"),
        Field("document", RefTo("document"), "文件", required=True,
              description="另一份文件的编号；只知道文号和标题的文件也要先建一个文件（放在 content/documents/）。"),
    ],
    "本文件与另一份文件的关系，写在较新的文件里；另一份文件的页面会自动显示反向关系。",
)

# The disclosure metadata, in the order government disclosure pages list it.
METADATA = Object(
    "metadata",
    "公开信息",
    [
        Field("index_no", Text(max_length=60, multiline=False), "索引号"),
        Field("doc_no", Text(max_length=60, multiline=False), "文件编号"),
        Field("unified_no", Text(max_length=60, multiline=False), "规范性文件统一编号"),
        Field("topic", Text(max_length=60, multiline=False), "主题分类"),
        Field("issuer", Text(max_length=100, multiline=False), "发布单位"),
        Field("written_date", Date(), "成文日期"),
        Field("disclosure", Text(max_length=30, multiline=False), "公开方式"),
        Field("validity", VALIDITY, "有效性", empty=VALIDITY_UNKNOWN.value,
              description="有效 / 废止 / 失效；原文未注明时留空，网站显示“有效性未标注”，不会当作有效。"),
        Field("repeal_date", Date(), "废止日期",
              description="文件废止或失效的日期，照发布机关的公告填写；没有公告时留空。"),
        Field("published", DateTime(), "发布日期",
              description="YYYY-MM-DD HH:MM;网页只写日期时写 YYYY-MM-DD。"),
        Field("source", Text(max_length=100, multiline=False), "来源"),
    ],
)

# The fields a government disclosure block (公开信息) lists; the others
# (废止日期) come from later notices: the 公开信息 table shows them only when
# given, and the importer does not look for them in the block.
DISCLOSURE_FIELDS = tuple(name for name in METADATA.fields if name != "repeal_date")

# -- Review (待核对): what a person must still check ---------------------------

# One thing a person must check before the file is published: a file with any
# of these is a draft (草稿). The importer writes them; a reviewer deletes each
# one once checked.
REVIEW_ITEM = Object(
    "review_item",
    "待核对事项",
    [
        Field("field", Text(max_length=200, multiline=False), "字段", required=True,
              description="要核对的字段在本文件中的位置，例如 metadata.validity 或 body.clauses[2].indicators[0]。"),
        Field("reason", Text(max_length=500), "核对什么", required=True,
              description="为什么要核对、对照原文核对什么。核对完成后删除这一项。"),
    ],
    "导入时留下的待核对事项。核对并改好对应字段后，删除这一项；全部删除后文件才会发布。",
)
REVIEW = Field("review", List(REVIEW_ITEM), "待核对事项",
               description="还有待核对事项的文件是草稿，不会发布。核对完一项就删除一项。")


DOCUMENT = Object(
    "document",
    "文件",
    [
        Field("id", Id(), "编号", required=True, description="文件的稳定编号，决定网址。"),
        Field("title", Text(max_length=300, multiline=False), "标题", required=True),
        Field("short_title", Text(max_length=120, multiline=False), "简称",
              description="导航和首页使用的短标题。"),
        Field("type", DOCUMENT_TYPE, "文件类型",
              description="计划 / 意见 / 若干措施 / 办法 / 通知：决定页面名称（重点任务或政策措施）和条款的称呼（三(一)1. 或 第8条）。"),
        Field("government", RefTo("government"), "所属政府",
              description="本文件所属政府的编号(在 content/governments/ 中登记，文件名即编号)，例如 haishu。"
                          "本文件写的部门编号先在这个政府的部门中查找；不同政府的部门可以同名、同编号。"),
        Field("metadata", METADATA, "公开信息", required=True),
        Field("notice", NOTICE, "印发通知"),
        Field("body", BODY, "正文",
              description="文件正文；只知道文号和标题的引用文件不填。"),
        Field("original_file", Text(max_length=200, multiline=False), "原件文件",
              description="发布机关公布的原件(PDF、OFD、DOC、DOCX 或 WPS 文件)在 content/ 中的路径,例如 "
                          "files/hs-2018-138.pdf:先把文件放进 content/files/,再填写。没有原件时留空:网站提供"
                          "本站根据原文生成的 PDF,并注明它不是原件。"),
        Field("attachments", List(ATTACHMENT), "附件"),
        Field("relations", List(RELATION), "相关文件",
              description="本文件替代、修改或依据的文件；反向关系（被替代等）自动显示在另一份文件上。"),
        REVIEW,
    ],
    "一份政策文件：公开信息、印发通知、正文、附件。",
    moved={"departments": ("部门不再写在文件里，而是登记在所属政府的文件中：请把整段 departments 移到 "
                           "content/governments/{government}.yaml(没有这个文件时新建，写上 id、name 和 departments),"
                           "本文件继续用编号引用这些部门。",
                           "departments are no longer declared in a document but in its government's file: move the "
                           "whole departments block to content/governments/{government}.yaml (create it with id, name "
                           "and departments if it does not exist); the document keeps referring to them by id.")},
)

# -- The support-policy catalogue （小微企业政策目录） --------------------------

SUPPORT_TYPE = Enum(
    Term("资金补助", "资金补助", "财政资金补助、奖励。"),
    Term("贷款融资", "贷款融资", "信用贷款、专项信贷、担保与风险补偿等债权融资。"),
    Term("股权融资", "股权融资", "股改、挂牌、上市、产业投资基金、债券等资本市场融资。"),
    Term("税费优惠", "税费优惠", "税收优惠政策的落实。"),
    Term("人才", "人才", "人才引进和人才扶持。"),
    Term("培训辅导", "培训辅导", "技能培训、创业培训、成长辅导。"),
    Term("认定荣誉", "认定荣誉", "认定、培育、公示等荣誉和称号。"),
    Term("空间载体", "空间载体", "小微企业园、标准厂房、产业平台。"),
    Term("科技创新", "科技创新", "研发、产学研合作、科技型企业培育。"),
    Term("市场开拓", "市场开拓", "展会、境外专利商标、跨境电商等市场开拓。"),
    Term("政务服务", "政务服务", "审批、登记等政务服务的便利化。"),
    Term("公共服务", "公共服务", "公共服务平台、创新券、中介专业服务。"),
)

AUDIENCE = Enum(
    Term("个体工商户", "个体工商户", "个体工商户（包括准备转为企业的）。"),
    Term("小微企业", "小微企业", "小微企业（计划所称小微企业不含规上、限上企业及个体工商户）。"),
    Term("科技型小微企业", "科技型小微企业", "科技型小微企业、创新型初创企业。", {"broader": "小微企业"}),
    Term("外贸小微企业", "外贸小微企业", "有进出口业务或准备开展外贸的小微企业。", {"broader": "小微企业"}),
    Term("规下工业小微企业", "规下工业小微企业", "规模以下工业小微企业。", {"broader": "小微企业"}),
    Term("创业者", "创业者", "准备创业或初创的个人和团队。"),
    Term("企业经营管理者", "企业经营管理者", "企业家和企业经营管理人员。"),
    Term("人才", "人才", "高层次人才、专业技术人才、留学归国人员、高校毕业生等。"),
)

INDUSTRY = Enum(
    Term("工业制造", "工业制造", "工业和制造业。"),
    Term("科技研发", "科技研发", "科技研发、信息技术。"),
    Term("外贸与跨境电商", "外贸与跨境电商", "进出口贸易、跨境电子商务。"),
    Term("商贸服务", "商贸服务", "商贸、服务业。"),
)

# ``state``: in-force / lapsed / unknown, as for a document's validity (the
# badge's colour); ``current``: listed with the entries that apply today.
POLICY_STATUS = Enum(
    Term("有效", "有效", "依据文件有效，且在申报期内（或未设申报期）。", {"current": True, "state": "in-force"}),
    Term("未开始", "未开始", "申报期尚未开始。", {"current": True, "state": "in-force"}),
    Term("有效性未标注", "有效性未标注", "依据文件的有效性未标注，条目是否仍适用请向主管部门确认。",
         {"current": True, "state": "unknown"}),
    Term("已截止", "已截止", "申报期已结束。", {"current": False, "state": "lapsed"}),
    Term("已失效", "已失效", "依据的文件已废止或失效，条目仅作历史参考。", {"current": False, "state": "lapsed"}),
)

# Shown for catalogue facts the source does not give (amounts, deadlines, contacts).
NOT_PROVIDED = "未提供 — 以主管部门发布的实施细则为准"

BASIS = Object(
    "basis",
    "政策依据",
    [
        Field("document", RefTo("document"), "文件", required=True, description="依据文件的编号。"),
        Field("clause", Id(of="clause"), "条款", required=True, description="依据条款的编号，必须是该文件中存在的条款。"),
    ],
)

PERIOD = Object(
    "period",
    "申报期限",
    [
        Field("start", Date(), "开始日期"),
        Field("end", Date(), "截止日期"),
    ],
)

STATUS_OVERRIDE = Object(
    "status_override",
    "人工设定状态",
    [
        Field("status", POLICY_STATUS, "状态", required=True),
        Field("reason", Text(max_length=500), "理由", required=True, description="为什么不用自动判定的状态。"),
    ],
    "状态一般由依据文件的有效性和申报期限自动判定；确有需要时由工作人员设定并写明理由。",
)

POLICY = Object(
    "policy",
    "政策目录条目",
    [
        Field("id", Id(), "编号", required=True, description="条目的稳定编号，决定网址，例如 individual-to-enterprise。"),
        Field("name", Text(max_length=80, multiline=False), "名称", required=True),
        Field("summary", Text(max_length=1000), "摘要", required=True,
              description="用通俗的话转述依据条款的内容；只写原文有的事实。"),
        Field("support_types", List(SUPPORT_TYPE, min_items=1), "支持方式", required=True),
        Field("audiences", List(AUDIENCE, min_items=1), "适用对象", required=True),
        Field("industries", List(INDUSTRY), "行业",
              description="原文写明行业时填写；原文没有限定行业时留空，网站显示“不限行业”，按任何行业筛选或自测都会列出。",
              empty="不限行业"),
        Field("departments", List(RefTo("department", scoped=True), min_items=1), "主管部门", required=True),
        Field("basis", List(BASIS, min_items=1), "政策依据", required=True),
        Field("related_indicators", List(Id(of="indicator")), "相关目标", description="依据文件中相关指标的编号。", empty="无"),
        Field("application_method", Text(max_length=1000), "申报方式", empty=NOT_PROVIDED),
        Field("application_period", PERIOD, "申报期限", empty=NOT_PROVIDED),
        Field("support_standard", Text(max_length=1000), "支持标准/金额", empty=NOT_PROVIDED),
        Field("contact", Text(max_length=300), "联系方式", empty=NOT_PROVIDED),
        Field("service_url", Url(), "办事链接", empty=NOT_PROVIDED),
        Field("status_override", STATUS_OVERRIDE, "人工设定状态"),
        Field("successor", RefTo("policy"), "接替条目",
              description="本条目失效后接替它的现行条目的编号；条目页面会指向它。没有时留空。"),
        Field("last_verified", Date(), "最后核实日期", required=True,
              description="工作人员最后一次对照依据文件核实本条目的日期。"),
        Field("keywords", List(Text(max_length=40, multiline=False)), "关键词", empty="无",
              description="人们搜索时可能输入的别称，例如 跨境电商。"),
        REVIEW,
    ],
    "一项扶持政策：谁能享受、支持什么、找哪个部门、依据哪一条。",
)


# -- Policy interpretations (政策解读) ----------------------------------------

# The form an interpretation takes; ``note``: its name where it is the
# site's own explanatory text, not an official interpretation (EDITORIAL_NOTE).
INTERPRETATION_TYPE = Enum(
    Term("文字解读", "文字解读", "用通俗的话解读文件内容。", {"note": "文字说明"}),
    Term("图片解读", "图片解读", "一图读懂:由文件数据生成的图解。", {"note": "图解说明"}),
    Term("问答", "问答", "以问答形式解读。", {"note": "问答说明"}),
)

# Who stands behind an official interpretation (谁起草谁解读), as government
# sites classify them.
INTERPRETER_TYPE = Enum(
    Term("部门解读", "部门解读", "起草或实施文件的部门作出的解读。"),
    Term("专家解读", "专家解读", "解读机关组织专家作出的解读。"),
    Term("媒体解读", "媒体解读", "新闻媒体作出、由解读机关发布的解读。"),
    Term("图文解读", "图文解读", "解读机关以图表、图文形式发布的解读。"),
)

# An interpretation that names no 解读机关 is the site's own explanatory text:
# the site never calls it a 政策解读 (label), and says so (description).
EDITORIAL_NOTE = Term("本站编辑说明", "本站编辑说明",
                      "本页是本站编辑根据原文编写的说明，不是发布机关的政策解读；内容以文件原文为准。")
OFFICIAL_INTERPRETATION = "政策解读"

POINT = Object(
    "point",
    "要点",
    [
        Field("question", Text(max_length=200, multiline=False), "问题",
              description="问答形式时填写问题。"),
        Field("text", Text(max_length=2000), "内容", required=True,
              description="用通俗的话转述条款。不要手写数字:写 {指标编号} 会显示该指标的目标值,"
                          "写 {指标编号.lead} 会显示它的牵头单位。引号“”内的名称(如“3315计划”)可以有数字。"),
        Field("cites", List(Id(of="clause"), min_items=1), "依据条款", required=True,
              description="这一要点解读的条款编号,至少一个。"),
    ],
)

SECTION = Object(
    "section",
    "部分",
    [
        Field("id", Id(), "编号", required=True, description="决定页面锚点。"),
        Field("heading", Text(max_length=100, multiline=False), "标题", required=True),
        Field("points", List(POINT, min_items=1), "要点", required=True),
    ],
)

INTERPRETATION = Object(
    "interpretation",
    "政策解读",
    [
        Field("id", Id(), "编号", required=True, description="与文件名相同,决定网址。"),
        Field("type", INTERPRETATION_TYPE, "类型", required=True),
        Field("title", Text(max_length=120, multiline=False), "标题", required=True),
        Field("date", Date(), "日期", required=True,
              description="解读机关发布解读的日期;本站编辑说明写本站发布它的日期。"),
        Field("body", Text(max_length=100, multiline=False), "解读机关",
              description="作出并发布这篇解读的机关(谁起草谁解读:通常是起草文件的部门),照它发布的解读填写,"
                          "与解读类型一起填写。不知道时两项都留空:网站称它为“本站编辑说明”,不称为政策解读。"),
        Field("interpreter_type", INTERPRETER_TYPE, "解读类型",
              description="部门解读 / 专家解读 / 媒体解读 / 图文解读;与解读机关一起填写。"),
        Field("document", RefTo("document"), "关联文件", required=True),
        Field("summary", Text(max_length=500), "导语"),
        Field("sections", List(SECTION), "内容",
              description="文字解读、问答的各部分;图片解读由文件数据自动生成,可以不填。"),
    ],
    "对一份文件的解读。数字一律取自文件的指标数据。",
)


# -- Governments and their departments, and the site itself (网站信息) ---------

GOVERNMENT = Object(
    "government",
    "政府",
    [
        Field("id", Id(), "编号", required=True, unique=True,
              description="政府的稳定编号，与文件名相同(governments/haishu.yaml 的编号是 haishu)，用于部门的网址。"),
        Field("name", Text(max_length=60, multiline=False), "名称", required=True,
              description="部门页面上分组显示的名称，例如 宁波市海曙区。"),
        Field("departments", List(DEPARTMENT), "部门",
              description="这个政府的部门，每个部门只写一次；文件和政策目录条目用编号引用它们。"),
        REVIEW,
    ],
    "一级政府（区、市、省）或发文机关和它的部门：每个政府一个文件，放在 content/governments/ 中，"
    "按文件名的顺序列在部门页上；它的部门在本站自成一组，编号不与其他政府的部门冲突。",
)

CURRENT_SOURCE = Object(
    "current_source",
    "现行政策来源",
    [
        Field("name", Text(max_length=60, multiline=False), "名称", required=True,
              description="读者去哪里找现行政策，例如 海曙区人民政府门户网站“惠企政策”栏目。"),
        Field("url", Url(), "网址", description="这个栏目或平台的网址，照实填写；没有就留空。"),
        Field("phone", Phone(), "电话", description="可以打电话问的号码；没有就留空。网址和电话至少填写一项。"),
    ],
    "本站没有现行有效的文件时，首页告诉读者现行政策到哪里找：一个网站栏目、平台或电话。",
)

# The 党政机关网站标识: the mark the registry issued, as a link to the
# registry's page about this site and a picture of the mark that staff put in
# the content folder (never the registry's script: no request to another host).
EMBLEM = Object(
    "emblem",
    "党政机关网站标识",
    [
        Field("url", Url(), "标识链接", required=True,
              description="标识指向的网址:照开办单位收到的标识代码中的链接填写,以 https:// 开头。"),
        Field("image", ImageFile(), "标识图片", required=True,
              description="标识图片在 content 文件夹中的路径,例如 images/党政机关网站标识.png;"
                          "图片由工作人员从标识代码中下载后放进 content/images/。"),
    ],
    "党政机关网站标识:一个链接和一张图片,显示在每页底部。",
)

# The portal a site is published inside, as a 专栏 under its path.
PORTAL = Object(
    "portal",
    "所属门户",
    [
        Field("name", Text(max_length=60, multiline=False), "门户名称", required=True,
              description="门户网站的名称,例如 宁波市海曙区人民政府门户网站。"),
        Field("url", Url(), "门户网址", required=True, description="门户首页的网址,以 https:// 开头。"),
    ],
    "本站作为专栏发布在哪个门户网站中:每页顶部显示“返回门户”,面包屑从门户开始。不是专栏时不填。",
)

# The office deployment of the web editor (编辑后台): the published site
# carries /admin/ against the office's own code forge, which staff log in to.
# Without these settings the published site has no /admin/.
FORGE = Enum(
    Term("gitlab", "GitLab", "单位自建的 GitLab:支持审核流程(合并请求)。",
         {"api": "/api/v4", "workflow": True}),
    Term("gitea", "Gitea / Forgejo", "单位自建的 Gitea 或 Forgejo:不支持审核流程,保存即发布到分支。",
         {"api": "/api/v1", "workflow": False}),
)

_FORGE_PAGE = ("平台上仓库或应用页面", "the forge's repository or application page")

EDITOR = Object(
    "editor",
    "网页编辑",
    [
        Field("backend", FORGE, "代码托管平台", required=True,
              description="存放本站内容仓库的平台:gitlab,或 gitea(Forgejo 也写 gitea)。"),
        Field("base_url", Url(), "平台网址", required=True,
              description="平台首页的网址,例如 https://git.example.gov.cn;工作人员在这里登录。"),
        Field("api_root", Url(), "接口网址",
              description="平台接口的网址;留空时为 平台网址 加 /api/v4(GitLab)或 /api/v1(Gitea)。"),
        Field("repo", Code(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+$",
                           ("“组/仓库”这样的仓库路径,例如 xwqy/policy-site", "a repository path such as xwqy/policy-site"),
                           max_length=200, source=_FORGE_PAGE),
              "仓库", required=True, description="内容仓库在平台上的路径,例如 xwqy/policy-site。"),
        Field("branch", Code(r"^[A-Za-z0-9._/-]+$", ("分支名,例如 main", "a branch name such as main"),
                             source=_FORGE_PAGE),
              "分支", description="发布的分支;留空时为 main。"),
        Field("app_id", Code(r"^[A-Za-z0-9_-]+$", ("平台给出的应用编号(Application ID)",
                                                   "the Application ID the forge shows"), max_length=200,
                             source=_FORGE_PAGE),
              "登录应用编号", required=True,
              description="管理员在平台上为编辑后台登记的 OAuth 应用的 Application ID(不勾选“机密”),"
                          "回调地址填本站的 /admin/ 网址。"),
        Field("editorial_workflow", Boolean(), "审核流程",
              description="true:保存先成为草稿,经“待审核”再“发布”,每一步是平台上的一个合并请求,CI 检查通过后合并;"
                          "只有 GitLab 支持。不填或 false:保存即提交到分支。"),
    ],
    "编辑后台 /admin/ 在正式网站上使用的代码托管平台和仓库。不填时,正式网站没有编辑后台。",
)

SITE = Object(
    "site",
    "网站信息",
    [
        Field("name", Text(max_length=40, multiline=False), "网站名称", required=True,
              description="显示在每页顶部和浏览器标签上，例如 海曙区小微企业三年成长计划。"),
        Field("description", Text(max_length=300), "网站简介",
              description="首页开头的一段话，也供搜索引擎显示。"),
        Field("region", Text(max_length=40, multiline=False), "地区",
              description="本站政策所属的地区，例如 宁波市海曙区。"),
        Field("publisher", Text(max_length=100, multiline=False), "主办单位",
              description="负责本站的单位全称；不知道时留空，网站显示“未提供”。"),
        Field("contact", Text(max_length=300), "联系方式",
              description="读者对本站内容有疑问时联系谁：电话、地址或邮箱，照实填写；不知道时留空。"),
        Field("organizer", Text(max_length=100, multiline=False), "承办单位",
              description="承担本站日常运行的单位全称(与主办单位不同时填写);不知道时留空。"),
        Field("site_code", Code(r"^[0-9A-Za-z]{10}$", ("10 位数字或字母,例如 3302030001",
                                                        "10 digits or letters, e.g. 3302030001")),
              "网站标识码", description="政府网站标识码(10 位),照网站普查系统中的填写;上线前需要填写,不知道时留空。"),
        Field("icp_record", Code(r"^\S+ICP备\d+号(?:-\d+)?$", ("“浙ICP备12345678号-1”这样的 ICP 备案号",
                                                                "an ICP record such as 浙ICP备12345678号-1")),
              "ICP备案号", description="ICP 备案号,例如 浙ICP备12345678号-1,每页底部链接到工业和信息化部的备案系统;"
                                      "上线前需要填写,不知道时留空。"),
        Field("police_record", Code(r"^\S+公网安备 ?\d+号$", ("“浙公网安备 33020302000123号”这样的公安机关备案号",
                                                             "a public security record such as 浙公网安备 33020302000123号")),
              "公安机关备案号", description="公安机关备案号连同编号,例如 浙公网安备 33020302000123号;"
                                       "上线前需要填写,不知道时留空。"),
        Field("emblem", EMBLEM, "党政机关网站标识",
              description="党政机关网站标识的链接和图片;开办单位取得标识后填写,上线前需要填写。"),
        Field("portal", PORTAL, "所属门户",
              description="本站是门户网站中的专栏时填写门户的名称和网址;独立网站不填。"),
        Field("editor", EDITOR, "网页编辑",
              description="正式网站上的编辑后台 /admin/ 连接的代码托管平台;由管理员填写。不填时正式网站没有编辑后台。"),
        Field("helpline_name", Text(max_length=60, multiline=False), "咨询热线名称",
              description="找不到主管部门联系方式、或政策已失效时，读者可以问谁，例如 12345政务服务便民热线；"
                          "与“咨询热线电话”一起填写。"),
        Field("helpline_phone", Phone(), "咨询热线电话",
              description="咨询热线的号码，例如 12345；与“咨询热线名称”一起填写。"),
        Field("licence", Text(max_length=500), "数据使用许可",
              description="本站内容和开放数据可以怎样使用（例如 依照××许可公开）；未确定时留空，网站显示“未提供”。"),
        Field("catalogue_title", Text(max_length=40, multiline=False), "政策目录名称",
              description="政策目录页面的标题，例如 小微企业政策目录；留空时为“政策目录”。"),
        Field("catalogue_intro", Text(max_length=500), "政策目录说明",
              description="政策目录页面开头的说明：目录收录什么、依据什么。"),
        Field("current_policies", List(CURRENT_SOURCE), "现行政策到哪里找",
              description="本站的文件都不是现行有效的时候，首页列出这些网址和电话，告诉读者现行政策到哪里找；"
                          "只写确实存在的栏目和号码。不填时首页显示咨询热线。"),
    ],
    "网站本身的信息：名称、地区、主办单位、联系方式、备案号和标识。每个网站一份，文件名为 site.yaml。",
    moved={"governments": ("政府不再写在 site.yaml 里:每个政府一个文件 content/governments/<编号>.yaml,写上 id、name "
                           "和它的部门(departments)。请按此新建文件，再删去 site.yaml 中的 governments 这一段。",
                           "governments are no longer listed in site.yaml: each has its own file, "
                           "content/governments/<id>.yaml, with id, name and its departments. Create those files, "
                           "then delete governments from site.yaml.")},
)


# What a government site must show at the foot of every page before it goes
# live (《政府网站发展指引》): ``make check`` warns about each one not given
# (上线前需要填写; content_warnings.py).
SITE_LAUNCH_FIELDS = ("publisher", "contact", "site_code", "icp_record", "police_record", "emblem")


# -- Search vocabulary (站内搜索词表) ------------------------------------------

SYNONYM = Object(
    "synonym",
    "同义词",
    [
        Field("word", Text(max_length=20, multiline=False), "说法", required=True,
              description="企业主搜索时会输入的说法，例如 借钱。"),
        Field("terms", List(Text(max_length=20, multiline=False), min_items=1), "对应的词", required=True,
              description="网站内容里使用的词，例如 贷款；搜索“说法”时也找这些词。"),
    ],
    "一个日常说法和网站内容里对应的词。",
)

SEARCH = Object(
    "search",
    "站内搜索词表",
    [
        Field("stop_words", List(Text(max_length=10, multiline=False)), "提问用语",
              description="搜索时略去的提问用语和虚词，例如 我想、怎么、有没有、吗。"),
        Field("synonyms", List(SYNONYM), "同义词",
              description="日常说法对应的网站用词，例如 借钱 → 贷款。"),
        Field("broad_words", List(Text(max_length=10, multiline=False)), "泛指用语",
              description="只说要哪种帮助、不说是哪方面的词，例如 补贴、扶持、优惠。提问里有别的词时，"
                          "结果不必含有这些词（招工有没有补贴：先找招工）。"),
        Field("abroad_words", List(Text(max_length=10, multiline=False)), "境外用语",
              description="说明事情在境外的词，例如 境外、海外、跨境、出口。提问里没有这类词时，"
                          "标题里有这类词的结果排在国内的之后（专利：先列自主知识产权，再列申请境外专利）。"),
    ],
    "站内搜索怎样理解企业主的提问：略去哪些提问用语，哪些日常说法对应网站用词，哪些词只泛指帮助，"
    "哪些词说明事情在境外。文件名为 search.yaml。",
)


@dataclass(frozen=True)
class ContentKind:
    """A kind of content file: where it lives, its model, its editor schema."""

    pattern: str  # glob under content/
    model: Object
    schema_file: str  # under schema/


# Which schema each content file follows, by its path under content/.
CONTENT_FILES = [
    ContentKind("site.yaml", SITE, "site.schema.json"),  # before *.yaml: the first match wins
    ContentKind("search.yaml", SEARCH, "search.schema.json"),
    ContentKind("*.yaml", DOCUMENT, "content.schema.json"),
    ContentKind("documents/*.yaml", DOCUMENT, "content.schema.json"),
    ContentKind("policies/*.yaml", POLICY, "policy.schema.json"),
    ContentKind("interpretations/*.yaml", INTERPRETATION, "interpretation.schema.json"),
    ContentKind("governments/*.yaml", GOVERNMENT, "government.schema.json"),
]
