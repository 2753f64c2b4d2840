"""The only strings the importer adds to the model's labels: variants, aliases and misprints.

Every label the importer looks for is read from the model's metadata (``meta.py``, the enums).
What real reports print instead is declared here, in one place:

- :data:`VARIANT_CHARACTERS`: traditional (and variant) forms of the characters the form's labels
  and headings use, each mapped to the simplified form the model prints;
- :data:`MISPRINTS`: known misprints and aliases of parts of labels, each mapped to the official
  text, so that a report printing them is read with a finding that names the misprint;
- :data:`HEADING_VARIANTS`: wordings of section headings seen in real reports, mapped to the
  model field whose heading they replace;
- :data:`DIVISION_LEVELS`, :data:`MUNICIPALITIES`, :data:`NOT_DIVISIONS`: the names of the
  kinds of administrative division and the level of their governments, read out of organ
  names.
"""

from __future__ import annotations

__all__ = [
    "DIVISION_LEVELS",
    "HEADING_VARIANTS",
    "MISPRINTS",
    "MUNICIPALITIES",
    "NOT_DIVISIONS",
    "VARIANT_CHARACTERS",
]

# Pairs "traditional simplified", written as one string per group of related characters.
_VARIANT_PAIRS = (
    "萬万 與与 業业 為为 舉举 會会 體体 關关 內内 決决 況况 減减 處处 務务 動动 區区 單单 "
    "發发 後后 國国 復复 覆复 審审 實实 對对 屬属 開开 強强 總总 執执 護护 報报 據据 "
    "條条 構构 規规 計计 認认 議议 許许 訟讼 訪访 訴诉 詢询 請请 購购 費费 轉转 過过 "
    "這这 進进 問问 題题 項项 額额 類类 糾纠 納纳 組组 織织 經经 結结 統统 繼继 續续 "
    "維维 繳缴 網网 罰罚 獲获 補补 範范 穩稳 現现 確确 廢废 產产 專专 門门 辦办 數数 "
    "個个 鄉乡 縣县 鎮镇 應应 廳厅 員员 導导 設设 監监 質质 營营 財财 資资 稅税 標标 "
    "準准 書书 館馆 廣广 東东 華华 陽阳 長长 於于 製制 採采 並并 沒没 職职 檔档 號号 "
    "臺台 來来 時时 間间 歲岁 記记 錄录 權权 稽稽 級级 區区 億亿 務务 員员 學学 衛卫 "
    "環环 農农 醫医 療疗 險险 災灾 護护 險险 圍围 場场 處处 條条 鬥斗 決决 況况 據据 "
    # Every other traditional or variant form (OpenCC's t2s table) of a character the library's
    # labels and the importer's own words use; tests/test_import_handmade.py keeps this complete.
    "丟丢 箇个 爲为 義义 産产 傳传 餘余 寫写 齣出 劃划 佔占 捲卷 雙双 髮发 隻只 檯台 "
    "颱台 閤合 衕同 聲声 複复 頭头 傢家 寬宽 將将 侷局 層层 嵗岁 佈布 帶带 併并 幷并 "
    "噹当 當当 彔录 録录 拚拼 換换 旂旗 無无 顯显 機机 鬆松 査查 欄栏 覈核 檢检 匯汇 "
    "彙汇 滙汇 測测 碼码 種种 祕秘 稱称 係系 繫系 約约 編编 緻致 節节 穫获 慮虑 錶表 "
    "訓训 試试 該该 語语 誤误 讀读 載载 邊边 還还 連连 適适 踰逾 埰采 寀采 錯错 鍵键 "
    "鎭镇 際际 頁页 順顺 舘馆 簽签 籤签 別别 彆别 圖图 壞坏 纔才 擴扩 掃扫 損损 綫线 線线 給给 "
    "裝装 識识 達达 麪面 麫面 麵面 須须 鬚须 僅仅 兩两 則则 徑径 異异 見见 輸输 逕径 "
    "備备 註注 說说 説说 囌苏 蘇苏 園园 塊块 慶庆 憲宪 貿贸 轄辖 隊队 驗验 視视 負负 壓压 彈弹 斷断"
)

VARIANT_CHARACTERS: dict[str, str] = {
    pair[0]: pair[1] for pair in _VARIANT_PAIRS.split() if len(pair) == 2
}
"""Traditional or variant character → the simplified character the form prints."""

MISPRINTS: dict[str, str] = {
    # Misprints of Table 三 labels seen in published reports (the right side is official).
    "只计这一情况": "只计这一情形",
    "内容事务信息": "内部事务信息",
    "其他法律行政止公开": "其他法律行政法规禁止公开",
    "其他法律法规禁止公开": "其他法律行政法规禁止公开",
    "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其申请": (
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"
    ),
    # Aliases of row labels.
    "七合计": "七总计",
    # Aliases of column headers.
    "法人或者其他组织": "法人或其他组织",
}
"""Known misprint or alias (as normalized text) → the official text (normalized the same way).

Both sides are written as :func:`~disclosure_model.importers._interpret.loose` produces them:
no whitespace, no punctuation, simplified characters.
"""

HEADING_VARIANTS: dict[str, tuple[str, ...]] = {
    "reviews_and_litigation": (
        "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        "政府信息公开行政复议行政诉讼情况",
        "行政复议行政诉讼情况",
    ),
    "problems_and_improvements": (
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
    ),
    "overview": ("总体公开情况", "基本情况"),
    "requests": ("收到和处理政府信息公开申请情况", "依申请公开政府信息情况"),
    "proactive_disclosure": ("主动公开政府信息情况",),
    "other_matters": ("其他需要报告的事项", "其他需要报告事项"),
}
"""Model field → heading wordings (normalized) that real reports print instead of the form's."""

DIVISION_LEVELS: dict[str, str | None] = {
    # the stems of OrganLevel's labels (省级, 县级, 乡镇级) …
    "省": "provincial",
    "县": "county",
    "乡": "township",
    "镇": "township",
    # … and the other divisions of each level (宪法 第三十条, 地方组织法)
    "自治区": "provincial",
    "自治州": "prefectural",
    "地区": "prefectural",
    "盟": "prefectural",
    "自治县": "county",
    "旗": "county",
    "自治旗": "county",
    "区": "county",
    "民族乡": "township",
    "苏木": "township",
    "街道": "township",
    # a 市 is a municipality (provincial), a prefectural city or a county-level city
    "市": None,
}
"""The name of a kind of administrative division → the level (an ``OrganLevel`` value) of
its government, or ``None`` where the name does not say it (a 市)."""

NOT_DIVISIONS: tuple[str, ...] = (
    "城乡",
    "乡村",
    "乡镇",
    "市场",
    "城市",
    "都市",
    "区域",
    "社区",
    "园区",
    "景区",
    "片区",
    "新区",
    "开发区",
    "高新区",
    "保税区",
    "自贸区",
    "工业区",
    "示范区",
    "保护区",
    "实验区",
    "试验区",
    "集聚区",
    "管理区",
    "度假区",
    "县域",
    "省级",
    "市级",
    "县级",
)
"""Words of organ names that hold a division's character without naming a division: the
住房和城乡建设局 of a 县 is a county department, 市场监督管理局 names no 市, and a
开发区 or 新区 is no division whose level the name says."""

MUNICIPALITIES: tuple[str, ...] = ("北京市", "天津市", "上海市", "重庆市")
"""The 直辖市, the only 市 whose government is provincial."""
