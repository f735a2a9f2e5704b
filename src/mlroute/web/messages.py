"""Error messages in the browser's words and the reader's language.

The services word their errors for the terminal ("use --date for earlier days", "a file written by `mlroute
backup`", a server's temporary path). Here each error a page can meet is matched by the shape of its message and
said again for a person in the browser, in English or Chinese; the figures it names (a duration, a date, a
limit) are kept. An error no rule knows keeps its own words in English, without a hint that points at the
command line; in Chinese it becomes a general sentence with the original kept under "details".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlroute.web.i18n import translations


def _(text: str) -> str:
    """Marks a sentence for the catalogs; translated when shown."""
    return text


BACKUP_HINT = _("Choose the .json file that “Download backup” saved; nothing was restored.")
READ_HINT = _("Choose a file that contains the text, or paste the text instead.")

# (the service's message, as a pattern; what the page says; the hint). Named groups fill the placeholders.
RULES: list[tuple[str, str, str]] = [
    (
        r"Cannot read the duration '(?P<v>.*)'\.",
        _("“%(v)s” is not a duration mlroute can read."),
        _("Write it like 45m, 1h30m or 2h."),
    ),
    (
        r"The duration '(?P<v>.*)' is zero\.",
        _("A duration of zero cannot be logged."),
        _("Log the time you really studied, like 45m or 1h30m."),
    ),
    (
        r"The duration '(?P<v>.*)' is longer than a day\.",
        _("“%(v)s” is longer than a day."),
        _("Log each day's study as its own session, on the day it happened."),
    ),
    (r"Cannot read the date '(?P<v>.*)'\.", _("“%(v)s” is not a date."), _("Choose the day in the date field.")),
    (
        r"The date (?P<v>\S+) is in the future\.",
        _("%(v)s is in the future."),
        _("Log study on or after the day it happened."),
    ),
    (
        r"The journal entry is empty\.",
        _("The journal entry is empty."),
        _("Write what you designed, learned or struggled with."),
    ),
    (r"There is no plan yet\.", _("There is no plan yet."), _("Make your plan first: it takes about two minutes.")),
    (r"Cannot read the time '(?P<v>.*)'\.", _("“%(v)s” is not a time of day."), _("Write it as HH:MM, like 19:30.")),
    (r"Unknown format '(?P<v>.*)'\.", _("“%(v)s” is not a format mlroute writes."), _("Choose Markdown, HTML or PDF.")),
    (r".* has no review scheduled\.", _("This item has no review scheduled."), _("Reviews start once you finish it.")),
    (
        r"The link .* has (?P<v>.+), which a web address cannot contain\.",
        _("A web address cannot contain that link's %(v)s."),
        _("Copy the full link as the browser shows it, like https://github.com/you/project."),
    ),
    (
        r"The link is (?P<v>\d+) characters long; the limit is (?P<w>\d+)\.",
        _("The link is %(v)s characters long; the limit is %(w)s."),
        _("Copy the full link as the browser shows it."),
    ),
    (
        r".* is not a web address.*",
        _("That is not a web address: links start with https:// or http://."),
        _("Copy the full link as the browser shows it, like https://github.com/you/project."),
    ),
    (
        r"Unknown (?P<v>journal kind|evidence kind|rating|status) '(?P<w>.*)'\.",
        _("“%(w)s” is not one of the choices."),
        _("Choose one from the list."),
    ),
    # backups
    (
        r".* is backup format (?P<v>\d+); this mlroute reads up to format (?P<w>\d+)\.",
        _("That backup was written by a newer mlroute (format %(v)s; this one reads up to %(w)s)."),
        _("Update mlroute, then restore it; nothing was restored."),
    ),
    (
        r"The database already holds data.*",
        _("mlroute already holds a plan and progress; a restore only fills an empty one."),
        _("Tick “Replace everything stored now” to overwrite it (download a backup first)."),
    ),
    (r".* is not a text file\.", _("That file is not a text file, so it is not an mlroute backup."), BACKUP_HINT),
    (r".* is not an mlroute backup.*", _("That file is not an mlroute backup."), BACKUP_HINT),
    (
        r".*(conflicting records|unknown tables|is not a list of rows|row \d+|rows but the backup recorded"
        r"|no valid backup format|has no \"tables\"|is not valid JSON).*",
        _("That backup file is damaged or was edited, so it cannot be restored."),
        BACKUP_HINT,
    ),
    # reading a posting or a resume
    (
        r".* is (?P<v>[\d.]+) MB, over the (?P<w>\d+) MB limit\.",
        _("The file is %(v)s MB, over the %(w)s MB limit."),
        _("Paste only the text that matters, or save it as plain text."),
    ),
    (
        r".* looks like a binary file, not text\.",
        _("mlroute cannot read that kind of file."),
        _("Use PDF, Word (.docx), HTML, Markdown or plain text, or paste the text."),
    ),
    (r".* is not a readable PDF.*", _("That PDF cannot be read."), _("Export it as PDF again, or paste the text.")),
    (
        r".* has no text layer.*",
        _("That PDF is a scanned image with no text in it."),
        _("Paste the text instead, or run text recognition (OCR) on the PDF first."),
    ),
    (
        r".* is not a readable DOCX file.*",
        _("That Word file cannot be read."),
        _("Save it again as .docx from your word processor, or paste the text."),
    ),
    (r"(File )?.* is empty\.", _("The file is empty."), READ_HINT),
    (r".* contains no text\.", _("The file contains no text."), READ_HINT),
    (
        r".* took longer than the (?P<v>[\d.]+ s) limit and was stopped\.",
        _("That took longer than the %(v)s limit and was stopped; nothing was changed."),
        _("Paste only the text that matters (the posting itself, not a whole page), or try again."),
    ),
    (
        r".* stopped the worker process.*",
        _("Reading it needed more memory than this machine has."),
        _("Try a smaller or plain-text version."),
    ),
    # the guards' refusals (web.security, web.csrf, web.limits)
    (
        r"CSRF check failed.*",
        _("The form had expired (CSRF check failed), so nothing was changed."),
        _("Reload the page and submit the form again."),
    ),
    (
        r"A request from another site was refused\.",
        _("A request from another site was refused."),
        _("Changes can be made only from mlroute's own pages."),
    ),
    (
        r"Another site may not read your mlroute data\.",
        _("Another site may not read your mlroute data."),
        _("Open the link from mlroute's own pages."),
    ),
    (r"The upload is larger than the (?P<v>.+) limit\.", _("The upload is larger than the %(v)s limit."), ""),
]
_COMPILED = [(re.compile(p, re.S), m, h) for p, m, h in RULES]
CLI_HINT = re.compile(r"`|\bmlroute \w|--\w")

# The 413 hint depends on the form: a posting can be pasted, a resume skipped, a backup is what it is.
UPLOAD_HINTS = {
    "/match": _("Paste the text of the posting instead, or save it as plain text or a smaller PDF or DOCX."),
    "/welcome": _("Save your resume as a smaller PDF or DOCX, or leave the upload out and choose your levels."),
    "/documents/restore": _(
        "A backup this large did not come from this version of mlroute; choose the file that “Download backup” saved."
    ),
}
UPLOAD_HINT = _("Send less at once: shorter text or a smaller file.")


@dataclass(frozen=True)
class Said:
    message: str
    hint: str | None
    original: str | None  # the service's own words, when no rule knew the message (shown under "details")


def localize(message: str, hint: str | None, lang: str, path: str = "") -> Said:
    """``message`` and ``hint`` as the page should say them to a reader of ``lang``."""
    gettext = translations(lang).gettext
    for pattern, said, advice in _COMPILED:
        found = pattern.fullmatch(message.strip())
        if found:
            values = {k: v for k, v in found.groupdict().items() if v is not None}
            if said.startswith("The upload is larger"):
                advice = next((h for p, h in UPLOAD_HINTS.items() if path.startswith(p)), UPLOAD_HINT)
            return Said(gettext(said) % values, gettext(advice) % values if advice else None, None)
    clean_hint = hint if hint and not CLI_HINT.search(hint) else None
    if lang == "en":
        return Said(message, clean_hint, None)
    return Said(gettext("That did not work, and nothing was changed."), gettext(GENERIC_HINT), _join(message, hint))


GENERIC_HINT = _("Check what you entered and try again.")


def _join(message: str, hint: str | None) -> str:
    return f"{message}\n{hint}" if hint else message
