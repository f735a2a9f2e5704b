"""The ETA chart: bands and the most likely week on one axis of weeks, with round ticks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlroute.web.charts import MAX_TICKS, eta_chart


def test_bands_on_one_axis() -> None:
    chart = eta_chart(
        [("start", "start", {"p10": 40, "p50": 60, "p90": 100}), ("grow", "grow", {"p10": 80, "p50": 120, "p90": 200})]
    )
    start, grow = chart.bands
    assert (start.p50, start.left, round(start.mark, 1)) == (60, 19.05, 28.6)  # of 210 weeks (200 × 1.05)
    assert grow.left + grow.width <= 100
    assert [w for w, _ in chart.ticks] == [0, 50, 100, 150, 200]


@given(st.floats(0, 40), st.floats(0, 60), st.floats(0, 400))
def test_every_band_fits_and_ticks_are_few(a: float, b: float, c: float) -> None:
    p10, p50, p90 = sorted((a, b, c))
    chart = eta_chart([("x", "now", {"p10": p10, "p50": p50, "p90": p90})])
    band = chart.bands[0]
    assert 0 <= band.left <= band.mark <= band.left + band.width + 1e-9 <= 100.01  # percent, to the hundredth
    assert 1 <= len(chart.ticks) <= MAX_TICKS + 1
