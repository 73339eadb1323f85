"""Word lists the article loader matches, kept as data: places, teaser markers, stamp words.

Per-language rules for dates, triggers and actors are in loaders/rules/<lang>.yaml.

Arabic entries are written as the press spells them; they are normalized (loaders.arabic) before
matching, so one spelling per word is enough. Extend a list rather than the code.
"""

from __future__ import annotations

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
