"""Is a document a resume or a job posting? Resumes have resume headings (Experience, Education, 工作经历…);
postings ask (Requirements, 任职要求…). Requirement strength is read only from postings.
"""

from __future__ import annotations

import re
from typing import Literal

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
