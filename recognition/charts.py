"""Geometry for the small charts the admin draws on the server: a line of monthly values and horizontal bars.

No Django here: the templates in `recognition/admin/includes/` turn these into SVG and HTML, and every chart
sits next to a table with the same numbers, so nobody needs to read the picture.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: int


@dataclass
class LineChart:
    width: int
    height: int
    low: int
    high: int
    points: list = field(default_factory=list)  # the measured values, in order
    segments: list = field(default_factory=list)  # "x,y x,y ..." per run of months without a gap
    baseline: float | None = None  # the y of zero, when zero lies inside the range

    @property
    def is_empty(self):
        return not self.points


def line_chart(values, *, low=0, high=100, width=240, height=64, padding=6):
    """A LineChart of (label, value or None) pairs, spread evenly from left to right; None breaks the line."""
    values = list(values)
    chart = LineChart(width=width, height=height, low=low, high=high)
    if not values:
        return chart
    step = (width - 2 * padding) / max(len(values) - 1, 1)
    span = (high - low) or 1

    def y_of(value):
        clamped = min(max(value, low), high)
        return round(height - padding - (clamped - low) * (height - 2 * padding) / span, 1)

    run = []
    for index, (label, value) in enumerate(values):
        if value is None:
            if run:
                chart.segments.append(run)
            run = []
            continue
        x = round(padding + index * step if len(values) > 1 else width / 2, 1)
        point = Point(x, y_of(value), label, value)
        chart.points.append(point)
        run.append(point)
    if run:
        chart.segments.append(run)
    chart.segments = [" ".join(f"{point.x},{point.y}" for point in run) for run in chart.segments if len(run) > 1]
    if low < 0 < high:
        chart.baseline = y_of(0)
    return chart


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # of the whole, for the bar's width
    key: object = None  # what the bar links to (a level's pk, or "null")


def bars(rows, whole):
    """[Bar] for (label, count, key) rows; each bar's width is its share of `whole`, rounded to a percent."""
    return [Bar(label, count, round(100 * count / whole) if whole else 0, key) for label, count, key in rows]
