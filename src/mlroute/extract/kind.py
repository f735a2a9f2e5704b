"""What a document is: a resume or a job posting (resumes have resume headings: Experience, Education, 工作经历…;
postings ask: Requirements, 任职要求…; requirement strength is read only from postings), and its language.
"""

from __future__ import annotations

import re
from typing import Literal

from mlroute.errors import UserError
from mlroute.extract.lexical import is_cjk

DocumentKind = Literal["posting", "resume"]

_RESUME_HEADINGS = re.compile(
    r"^\W*(?:work experience|experience|education|projects|skills|employment|summary|profile|"
    r"工作经历|工作经验|教育背景|教育经历|项目经历|项目经验|专业技能|个人简介|自我评价|实习经历)\W*$",
    re.IGNORECASE | re.MULTILINE,
)
_POSTING_WORDS = re.compile(
    r"requirements|qualifications|responsibilities|we are looking for|we're looking for|you will|nice to have|"
    r"what you'll do|benefits|apply|任职要求|岗位职责|任职资格|岗位要求|职位描述|加分项|福利|我们希望|你将",
    re.IGNORECASE,
)


def document_kind(text: str) -> DocumentKind:
    """A resume has resume headings (Experience, Education, 工作经历…); a posting asks (Requirements, 任职要求…)."""
    sample = text[:50000]
    resume_score = len(_RESUME_HEADINGS.findall(sample))
    posting_score = len(_POSTING_WORDS.findall(sample))
    return "resume" if resume_score >= 2 and resume_score >= posting_score else "posting"


def kind_of(kind: str, text: str) -> DocumentKind:
    """``kind`` as asked: posting, resume, or auto (guessed from the text)."""
    if kind == "auto":
        return document_kind(text)
    if kind not in ("posting", "resume"):
        raise UserError(f"Unknown document kind {kind!r}.", hint="Use posting, resume or auto.")
    return kind  # type: ignore[return-value]


def language(text: str) -> str:
    """zh, en or mixed, from the share of CJK and Latin letters (a CJK character counts as three letters)."""
    sample = text[:20000]
    cjk = sum(1 for ch in sample if is_cjk(ch))
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cjk and latin and min(cjk * 3, latin) / max(cjk * 3, latin) > 0.25:
        return "mixed"
    return "zh" if cjk * 3 > latin else "en"
