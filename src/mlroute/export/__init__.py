"""Documents: transition plan, learning log and portfolio checklist (Markdown, HTML, PDF from one block model),
calendar (iCalendar) and the backup format. Pure: ``context`` assembles what a document says from the journey,
the builders make the blocks, the renderers return bytes; ``services.documents`` reads the store.
"""
