"""Word lists the article loader matches, kept as data: category keywords, places, teaser markers.

Arabic entries are written as the press spells them; they are normalized (loaders.arabic) before
matching, so one spelling per word is enough. Extend a list rather than the code.
"""

from __future__ import annotations

# Keywords that suggest each category, by language. The category whose keywords sit closest to
# the date in the sentence wins; with none, the event is a "statement" with lower confidence.
CATEGORY_KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "detention": {
        "en": ("detained", "detention", "arrested", "arrest", "held in", "extradition", "custody"),
        "ar": ("احتجز", "احتجاز", "اعتقال", "اعتقل", "توقيف", "القبض على"),
        "zh": ("拘留", "逮捕", "扣押", "羁押", "羈押", "被捕"),
    },
    "export_control": {
        "en": (
            "export control",
            "export restriction",
            "restrictions on semiconductor exports",
            "export curb",
            "curbs on the sale",
            "licensing requirement",
            "license requirement",
            "semiconductor exports",
            "chip exports",
            "restrictions on exports",
            "initial restrictions",
        ),
        "ar": (
            "قيود تصدير",
            "القيود على تصدير",
            "قيود على تصدير",
            "تصدير أشباه الموصلات",
            "حظر تصدير",
            "ضوابط التصدير",
        ),
        "zh": ("出口管制", "出口限制", "限制措施", "禁运", "出口"),
    },  # fmt: skip
    "tariff": {
        "en": ("tariff", "customs dut"),
        "ar": ("الرسوم الجمركية", "رسوم جمركية", "التعريفات الجمركية", "تعريفات جمركية"),
        "zh": ("关税", "關稅"),
    },
    "sanction": {
        "en": ("sanction",),
        "ar": ("عقوبات", "عقوبة"),
        "zh": ("制裁",),
    },
    "entity_listing": {
        "en": ("entity list", "blacklist", "trade restriction list"),
        "ar": ("قائمة الكيانات",),
        "zh": ("实体清单", "實體清單"),
    },
    "summit": {
        "en": ("summit",),
        "ar": ("قمة",),
        "zh": ("峰会", "峰會"),
    },
    "meeting": {
        "en": ("meeting", "met with", "symposium", "held talks", "talks with"),
        "ar": ("اجتماع", "التقى", "التقوا", "لقاء", "ندوة"),
        "zh": ("座谈会", "座談會", "会见", "會見", "会谈", "會談"),
    },
    "conference": {
        "en": ("conference", "forum"),
        "ar": ("مؤتمر", "منتدى"),
        "zh": ("大会", "大會", "论坛", "論壇"),
    },
    "trade_show": {
        "en": ("CES", "trade show", "exhibition", "expo"),
        "ar": ("معرض",),
        "zh": ("展会", "展會", "博览会", "博覽會"),
    },
    "model_release": {
        "en": ("released a", "launched", "unveiled", "new model", "AI model"),
        "ar": ("نموذج", "أطلقت", "أصدرت"),
        "zh": ("发布了", "發布了", "推出", "模型"),
    },
    "travel_guidance": {
        "en": ("avoid travel", "avoid visiting", "travel ban", "traveling abroad"),
        "ar": ("تجنب السفر", "حظر السفر", "منع السفر"),
        "zh": ("避免前往", "出行", "赴美"),
    },
    "report_publication": {
        "en": ("reported", "published a report", "report published"),
        "ar": ("تقرير", "نشرت", "ذكرت صحيفة"),
        "zh": ("报道", "報道", "报告", "報告", "刊出", "透露", "引述"),
    },
    "legislation": {
        "en": ("law", "bill", "regulation", "new rules"),
        "ar": ("قانون", "تشريع", "لائحة"),
        "zh": ("法律", "法案", "条例", "條例", "新规", "新規", "规则"),
    },
    "investment": {
        "en": ("investment", "invest", "acquisition", "funding round"),
        "ar": ("استثمار", "استحواذ", "تمويل"),
        "zh": ("投资", "投資", "收购", "收購", "融资", "融資"),
    },
    "visit": {
        "en": ("visit", "trip"),
        "ar": ("زيارة", "زار"),
        "zh": ("访问", "訪問", "考察", "出访", "出訪"),
    },
    "statement": {
        "en": ("said", "urged", "told", "announced", "speech", "statement"),
        "ar": ("قال", "صرح", "أكد", "دعت", "أعلن", "خطاب", "بيان"),
        "zh": ("表示", "讲话", "講話", "强调", "強調", "指出"),
    },
}
FALLBACK_CATEGORY = "statement"

# Places whose mention puts a country among the event's countries (ISO 3166-1 alpha-2 or EU).
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "CN": {
        "en": ("China", "Beijing", "Shanghai", "Zhejiang", "Hangzhou", "Shenzhen", "Shandong"),
        "ar": ("الصين", "بكين", "شنغهاي", "تشجيانج", "تشجيانغ", "هانغتشو", "شنتشن"),
        "zh": ("中国", "中國", "北京", "上海", "浙江", "杭州", "深圳", "山东", "山東"),
    },
    "US": {
        "en": ("United States", "U.S.", "US", "America", "Washington", "Las Vegas", "California"),
        "ar": ("الولايات المتحدة", "أمريكا", "أميركا", "واشنطن", "لاس فيجاس", "كاليفورنيا"),
        "zh": ("美国", "美國", "华盛顿", "華盛頓"),
    },
    "FR": {"en": ("France", "Paris"), "ar": ("فرنسا", "باريس"), "zh": ("法国", "法國", "巴黎")},
    "CA": {"en": ("Canada",), "ar": ("كندا",), "zh": ("加拿大",)},
    "TW": {"en": ("Taiwan",), "ar": ("تايوان",), "zh": ("台湾", "台灣", "臺灣")},
    "GB": {"en": ("Britain", "United Kingdom", "London"), "ar": ("بريطانيا", "لندن"), "zh": ("英国", "英國", "伦敦")},
    "IN": {"en": ("India", "New Delhi"), "ar": ("الهند",), "zh": ("印度",)},
    "JP": {"en": ("Japan", "Tokyo"), "ar": ("اليابان", "طوكيو"), "zh": ("日本", "东京", "東京")},
    "NL": {"en": ("Netherlands",), "ar": ("هولندا",), "zh": ("荷兰", "荷蘭")},
    "KR": {"en": ("South Korea", "Seoul"), "ar": ("كوريا الجنوبية",), "zh": ("韩国", "韓國")},
    "DE": {"en": ("Germany", "Berlin"), "ar": ("ألمانيا",), "zh": ("德国", "德國")},
    "RU": {"en": ("Russia", "Moscow"), "ar": ("روسيا", "موسكو"), "zh": ("俄罗斯", "俄羅斯")},
    "MY": {"en": ("Malaysia",), "ar": ("ماليزيا",), "zh": ("马来西亚", "馬來西亞")},
    "AE": {"en": ("United Arab Emirates", "UAE", "Abu Dhabi", "Dubai"), "ar": ("الإمارات", "أبوظبي", "دبي"), "zh": ("阿联酋",)},
    "SA": {"en": ("Saudi Arabia", "Riyadh"), "ar": ("السعودية", "الرياض"), "zh": ("沙特",)},
    "EG": {"en": ("Egypt", "Cairo"), "ar": ("مصر", "القاهرة"), "zh": ("埃及",)},
    "EU": {"en": ("European Union", "EU", "Brussels"), "ar": ("الاتحاد الأوروبي",), "zh": ("欧盟", "歐盟")},
}  # fmt: skip

# Lines that introduce links to other stories ("read also"). A marker alone on its line hides the
# next line too, the teaser headline; a marker followed by text hides its own line.
TEASER_MARKERS: tuple[str, ...] = (
    "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "اقرأ المزيد", "شاهد أيضا", "شاهد أيضاً", "اقرأ كذلك", "طالع أيضا",
    "Read more", "Read also", "Read More", "See also", "Related:", "Also read", "RELATED",
    "相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "相关新闻", "相關新聞",
)  # fmt: skip

# Words a publication stamp or byline carries besides the date; a sentence made only of these,
# dates, digits and punctuation is a stamp, not an event.
STAMP_WORDS: tuple[str, ...] = (
    "by", "am", "pm", "gmt", "utc", "published", "updated", "last", "posted", "on",
    "م", "ص", "نشر", "تاريخ", "النشر", "آخر", "تحديث", "في", "بتوقيت", "غرينتش",
    "发布", "發布", "更新", "时间", "時間", "日期",
)  # fmt: skip
# Words that open a stamp or byline line ("Published on Friday by John Smith").
STAMP_STARTERS: tuple[str, ...] = (
    "published", "updated", "posted", "by", "نشر", "تاريخ", "آخر", "تحديث", "发布", "發布", "更新", "发布时间",
)  # fmt: skip
