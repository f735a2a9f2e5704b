"""Tracking, pure: the journey's records, durations, progress, streaks, pace, the outlook (forecast from real pace),
re-plan diffs, spaced repetition.

No database, no terminal, no clock: dates and times come in as arguments (the services read the store and the
clock, see ``services.status``).
"""
