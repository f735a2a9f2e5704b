"""Documents: transition plan, learning log and portfolio checklist (Markdown, HTML, PDF from one block model),
calendar (iCalendar) and the backup format. Pure builders; ``services.tracking`` gathers the data and writes files.
"""
