"""Tracking, pure: durations, progress, streaks, pace, forecasts from real pace, re-plan diffs, spaced repetition.

No database, no terminal, no clock: dates and times come in as arguments (see ``services.tracking``).
"""
