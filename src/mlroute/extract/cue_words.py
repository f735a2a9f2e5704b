"""The words of each cue, in English and Chinese: requirement strength, negation, hedges, proficiency levels,
section headers. Data for ``cues``; every pattern has bounded repetition, so each scan is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

PREFERRED_EN = (
    r"nice[\s-]to[\s-]haves?",
    r"good[\s-]to[\s-]have",
    r"plus(?:es)?",
    r"bonus(?:\s+points?)?",
    r"preferred",
    r"preferably",
    r"preference",
    r"ideally",
    r"desirable",
    r"desired",
    r"advantage(?:ous)?",
    r"would be (?:great|nice|good|helpful)",
    r"optional",
    r"not (?:a )?must",
    r"exposure to",
)
REQUIRED_EN = (
    r"must(?:[\s-]haves?)?",
    r"required",
    r"requires?",
    r"requirements?",
    r"mandatory",
    r"essential",
    r"necessary",
    r"(?:minimum|basic|required) qualifications",
    r"qualifications",
    r"what you(?:'ll| will)? need",
    r"you (?:will )?(?:need|have|bring)",
    r"need(?:s|ed)? to have",
)
# Words of proficiency or experience: they ask for a skill, but a section header ("Nice to have:", "加分项：")
# says more about how strongly.
WEAK_EN = (r"proficien(?:t|cy)", r"strong", r"solid", r"expertise", r"expert", r"deep understanding", r"in-depth")
PREFERRED_ZH = ("优先", "加分", "更佳", "为佳", "最好", "更好", "优先考虑", "加分项", "者优先", "择优")
REQUIRED_ZH = (
    "必须",
    "必备",
    "必需",
    "任职要求",
    "岗位要求",
    "任职资格",
    "要求",
    "需要",
)
WEAK_ZH = ("熟悉", "精通", "掌握", "熟练", "具备", "具有", "了解", "有.{0,12}?经验")

# Negations that rule out everything in their clause, wherever the mention is.
NEGATION_ANYWHERE = re.compile(
    r"\b(?:not|never)\s+(?:required|needed|necessary|a requirement|expected)\b|\bno need\b|"
    r"\b(?:don't|do not|doesn't|does not|won't|will not)\s+(?:need|require|use|work with)\b|"
    r"不需要|无需|无须|不要求|不必|非必须|不是必须|不作要求|不做要求",
    re.IGNORECASE,
)
# Negations that rule out what follows them in the clause.
NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|without|never|neither|nor|lack(?:s|ing)?)\b(?!\s+only\b)|"
    r"不熟悉|不会|不懂|不了解|不擅长|不太熟|没有|没用过|没接触过|未接触|未使用|未用过|从未|并非|不用|不需|不使用|不涉及",
    re.IGNORECASE,
)
# Hopes and plans, not skills held or asked for.
HEDGE = re.compile(
    r"\b(?:looking|hoping|aiming|planning|eager|keen|excited|want(?:ing)?|wish(?:ing)?|would like|aspir\w*)\s+"
    r"to\s+(?:move|transition|switch|pivot|get|break|grow|learn|explore|dive|go)\b|"
    r"\b(?:interested in (?:learning|moving|getting)|plan(?:ning)? to learn|hope to|goal is to|"
    r"(?:you will|you'll|we will|we'll|will) (?:learn|teach you|train you|get to learn)|opportunit(?:y|ies) to learn|"
    r"no (?:prior )?experience (?:is )?(?:needed|required)|transition(?:ing)? (?:in)?to|career change (?:in)?to)\b|"
    r"希望(?:学习|转|从事|进入|成为)|想(?:要)?(?:学|转|从事|进入)|计划学习|打算学|有志于|向往|期望(?:从事|转)|转行|"
    r"正在学习|将学习|可以学习|有机会学习|提供.{0,10}?培训|\b(?:currently|now) (?:learning|studying)\b",
    re.IGNORECASE,
)
# Words that end a hedge's reach: "looking to move into ML after six years of Java" (Java is held).
HEDGE_STOP = re.compile(
    r"\b(?:after|with|from|having|using|since|given|because|leveraging|drawing on|building on)\b|"
    r"凭借|基于|拥有|具备|有着",
    re.IGNORECASE,
)
# Proficiency words and the level (0–4 scale of the knowledge base) they state.
LEVEL_WORDS: tuple[tuple[int, str], ...] = (
    (4, r"\bexpert(?:ise)?\b|\bmastery\b|\bmastered\b|\bdeep (?:knowledge|understanding|expertise)"),
    (4, r"精通|专家级"),
    (3, r"\bproficien(?:t|cy)\b|\bstrong\b|\bsolid\b|\bfluent\b|\bin-depth\b|\bextensive\b|\bskilled\b|\badvanced\b"),
    (3, r"熟练|掌握|擅长|深入理解|扎实"),
    (2, r"\bfamiliar(?:ity)?\b|\bworking knowledge\b|\bhands-on\b|\bcomfortable\b|\bintermediate\b"),
    (2, r"熟悉|使用过|用过|有.{0,6}经验"),
    (
        1,
        r"\baware(?:ness)?\b|\bexposure\b|\bbasic(?:s| knowledge| understanding)?\b|\bbeginner\b|"
        r"\bsome (?:knowledge|understanding)\b|\bintroductory\b",
    ),
    (1, r"了解|接触过|入门|初步"),
)
LEVEL_RE = re.compile("|".join(f"(?P<l{i}>{p})" for i, (_, p) in enumerate(LEVEL_WORDS)), re.IGNORECASE)
LEVEL_AFTER = re.compile(r"[ \t]*[(（:：\-–—][ \t]*")
LEVEL_AFTER_CHARS = 24


def alternation(words: Iterable[str], latin: bool) -> re.Pattern[str]:
    body = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b" if latin else f"(?:{body})", re.IGNORECASE)


PREF_EN_RE = alternation(PREFERRED_EN, latin=True)
REQ_EN_RE = alternation(REQUIRED_EN, latin=True)
PREF_ZH_RE = alternation(PREFERRED_ZH, latin=False)
REQ_ZH_RE = alternation(REQUIRED_ZH, latin=False)
WEAK_EN_RE = alternation(WEAK_EN, latin=True)
WEAK_ZH_RE = alternation(WEAK_ZH, latin=False)
Cue = Literal["required", "preferred", "weak"]

HEADER_MAX_CHARS = 60
NEUTRAL_HEADER = re.compile(
    r"responsibilit|what you(?:'ll| will) do|about (?:us|you|the (?:role|team|job|company))|benefits|we offer|"
    r"perks|the role|your role|duties|岗位职责|工作职责|职位描述|工作内容|公司介绍|福利|职位信息",
    re.IGNORECASE,
)
HEADER_PHRASE = re.compile(
    r"[#*\s]*(?:(?:minimum|basic|preferred|required|desired|additional|bonus)\s+)?"
    r"(?:requirements?|qualifications?|skills|nice[\s-]to[\s-]haves?|bonus(?: points)?|"
    r"must[\s-]haves?|what you(?:'ll| will)? need|what we(?:'re| are) looking for|who you are|"
    r"responsibilities|about (?:us|you|the role)|benefits|what we offer|"
    r"任职要求|岗位要求|任职资格|职位要求|必备条件|加分项|优先条件|岗位职责|工作职责|职位描述|福利待遇)[#*\s:：]*",
    re.IGNORECASE,
)
