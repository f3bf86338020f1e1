"""Server-rendered SVG charts (a line chart over dates, a bar chart), standard library only.

Each function returns one complete, self-contained `<svg>` element: it can be inlined in
a page, served as image/svg+xml or written to a file. The drawing is 640 units wide and
scales down to a phone; every label is at least 14 units so it stays legible at half size.
Styling uses presentation attributes, never `style=`, so a strict Content-Security-Policy
does not strip it.
"""

import datetime as dt
import math
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 640
HEIGHT = 320
FONT = "system-ui, sans-serif"
EMPTY_TEXT = "No data yet"

# Okabe & Ito's blue, vermillion, bluish green and reddish purple, then Paul Tol's
# indigo, olive and wine, then black: each has at least 3:1 contrast on white (the
# WCAG minimum for graphics), and the first four stay apart under simulated protanopia,
# deuteranopia and tritanopia. Marker shapes and dash patterns also tell series apart,
# so nothing depends on colour alone.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#332288",
    "#999933",
    "#882255",
    "#000000",
)
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down")
DASHES = ("", "7 4", "2 3", "9 3 2 3")

INK = "#1f1f1f"  # legend and empty-state text
MUTED = "#575757"  # tick labels, axis titles: 7:1 on white
GRID = "#e3e3e3"
AXIS = "#8a8a8a"
BAR = PALETTE[0]

LABEL_SIZE = 15
EMPTY_SIZE = 16
VALUE_SIZE = 14
LEGEND_ROW = 24
MAX_X_TICKS = 6
MAX_Y_TICKS = 7

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- text -----------------------------------------------------------------------------

# Advance widths in em, rounded up from DejaVu Sans: the widest common fallback for
# system-ui (Linux), so labels laid out for it have room to spare in Segoe UI, San
# Francisco or Roboto.
_EM_GROUPS = {
    0.29: "ijl'|!.,:;I",
    0.33: " ",
    0.4: "ft-/()[]{}",
    0.42: "r",
    0.47: '"*',
    0.55: "csz_",
    0.6: "kvxy",
    0.64: "abdeghnopqu0123456789#$?",
    0.82: "w",
    0.86: "<>=+~&\u2212",
    0.98: "mMW%@…",
}
_EM = {char: em for em, chars in _EM_GROUPS.items() for char in chars}
_EM_DEFAULT = 0.74  # capitals and everything else


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """An estimate of rendered width, slightly generous: the server cannot measure fonts."""
    return sum(_EM.get(char, _EM_DEFAULT) for char in text) * size


def fit_text(text: str, max_width: float, size: float = LABEL_SIZE) -> str:
    """The text, or as much of it as fits in max_width followed by an ellipsis."""
    if text_width(text, size) <= max_width:
        return text
    cut = len(text)
    while cut > 1 and text_width(text[:cut].rstrip() + "…", size) > max_width:
        cut -= 1
    return text[:cut].rstrip() + "…"


def _num(value: float) -> str:
    """A coordinate with one decimal at most, and no trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_value(value: float) -> str:
    """At most two decimals and none that are zero: 4, 3.5, 3.25, 1200000, −2 (a real minus)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace("-", "\u2212")


# --- document ---------------------------------------------------------------------------


def _open(*, title: str, description: str, height: float, kind: str) -> list[str]:
    # A random id, not a counter: two charts cached in separate fragments and shown on
    # one page must not collide either.
    ident = f"chart-{uuid.uuid4().hex[:12]}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_num(height)}"'
        f' width="100%" preserveAspectRatio="xMidYMid meet" role="img"'
        f' aria-labelledby="{ident}-title {ident}-desc" class="chart chart-{kind}"'
        f' font-family="{FONT}" font-size="{LABEL_SIZE}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{_num(height)}" fill="#ffffff"/>',
    ]


def _empty_state(*, x: float, y: float, text: str) -> str:
    """The message on a white card, so the grid lines behind it do not strike it through."""
    text = fit_text(text, WIDTH - 160, EMPTY_SIZE)
    width = text_width(text, EMPTY_SIZE) + 32
    return (
        f'<g class="empty"><rect x="{_num(x - width / 2)}" y="{_num(y - 20)}"'
        f' width="{_num(width)}" height="40" rx="6" fill="#ffffff" stroke="{GRID}"/>'
        f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="middle" dominant-baseline="central"'
        f' font-size="{EMPTY_SIZE}" fill="{MUTED}">{escape(text)}</text></g>'
    )


# --- scales -----------------------------------------------------------------------------


def _nice_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, 100…"""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            yield factor * magnitude
        magnitude *= 10


def int_ticks(low: float, high: float, max_ticks: int = MAX_Y_TICKS) -> list[int]:
    """Whole numbers from low to high, a nice step apart, at most max_ticks of them."""
    step = next(step for step in _nice_steps() if (high - low) / step <= max_ticks - 1)
    return list(range(math.ceil(low / step) * step, math.floor(high) + 1, step))


@dataclass(frozen=True)
class _DateStep:
    unit: str  # "day", "week", "month" or "year"
    count: int


_DATE_STEPS = (
    _DateStep("day", 1),
    _DateStep("day", 2),
    _DateStep("day", 3),
    _DateStep("week", 1),
    _DateStep("week", 2),
    _DateStep("month", 1),
    _DateStep("month", 2),
    _DateStep("month", 3),
    _DateStep("month", 6),
    _DateStep("year", 1),
    _DateStep("year", 2),
    _DateStep("year", 5),
    _DateStep("year", 10),
    _DateStep("year", 25),
    _DateStep("year", 50),
    _DateStep("year", 100),
)


def _step_dates(start: dt.date, end: dt.date, step: _DateStep) -> list[dt.date]:
    dates: list[dt.date] = []
    if step.unit in ("day", "week"):
        days = step.count * (7 if step.unit == "week" else 1)
        # Days count from the first point; weeks start on a Monday, like a calendar.
        current = start if step.unit == "day" else start + dt.timedelta(days=-start.weekday() % 7)
        while current <= end:
            dates.append(current)
            current += dt.timedelta(days=days)
    elif step.unit == "month":
        index = start.year * 12 + start.month - 1
        if start.day != 1:
            index += 1
        index += -index % step.count
        while (
            index // 12 <= dt.MAXYEAR
            and (current := dt.date(index // 12, index % 12 + 1, 1)) <= end
        ):
            dates.append(current)
            index += step.count
    else:
        year = start.year + (1 if (start.month, start.day) != (1, 1) else 0)
        year += -year % step.count
        while year <= dt.MAXYEAR and (current := dt.date(year, 1, 1)) <= end:
            dates.append(current)
            year += step.count
    return dates


def _date_label(date: dt.date, unit: str) -> str:
    if unit == "year":
        return str(date.year)
    if unit == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]}"


def date_ticks(start: dt.date, end: dt.date, *, plot_width: float) -> list[tuple[dt.date, str]]:
    """At most MAX_X_TICKS dates between start and end whose labels do not overlap.

    plot_width is the distance in units between the x of start and the x of end.
    """
    if start >= end:
        return [(start, f"{start.day} {MONTHS[start.month - 1]} {start.year}")]
    per_day = plot_width / (end - start).days
    for step in _DATE_STEPS:
        dates = _step_dates(start, end, step)
        if len(dates) > MAX_X_TICKS:
            continue
        labels = [_date_label(date, step.unit) for date in dates]
        widest = max((text_width(label) for label in labels), default=0.0)
        gaps = [(b - a).days * per_day for a, b in zip(dates, dates[1:], strict=False)]
        if all(gap >= widest + 14 for gap in gaps) and dates:
            return list(zip(dates, labels, strict=True))
    return [(start, _date_label(start, "month"))]


# --- markers and legend ---------------------------------------------------------------


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    marker: str
    dash: str


def series_style(index: int) -> SeriesStyle:
    return SeriesStyle(
        colour=PALETTE[index % len(PALETTE)],
        marker=MARKERS[index % len(MARKERS)],
        dash=DASHES[index % len(DASHES)],
    )


def _marker_shape(marker: str, colour: str, *, tooltip: str = "") -> str:
    """A marker centred on (0, 0), with a white rim so overlapping points stay visible."""
    if marker == "square":
        tag, geometry = "rect", 'x="-4.5" y="-4.5" width="9" height="9"'
    elif marker == "triangle":
        tag, geometry = "path", 'd="M0 -6L5.6 4H-5.6Z"'
    elif marker == "triangle-down":
        tag, geometry = "path", 'd="M0 6L5.6 -4H-5.6Z"'
    elif marker == "diamond":
        tag, geometry = "path", 'd="M0 -6.2L6.2 0L0 6.2L-6.2 0Z"'
    else:
        tag, geometry = "circle", 'r="5"'
    start = f'<{tag} {geometry} fill="{colour}" stroke="#ffffff" stroke-width="1.5"'
    if not tooltip:
        return start + "/>"
    return f"{start}><title>{escape(tooltip)}</title></{tag}>"


def _point(style: SeriesStyle, x: float, y: float, *, tooltip: str, date: dt.date) -> str:
    shape = _marker_shape(style.marker, style.colour, tooltip=tooltip)
    return (
        f'<g class="point" data-date="{date.isoformat()}"'
        f' transform="translate({_num(x)} {_num(y)})">{shape}</g>'
    )


def _line_attrs(style: SeriesStyle) -> str:
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'fill="none" stroke="{style.colour}" stroke-width="2.5"'
        f' stroke-linejoin="round" stroke-linecap="round"{dash}'
    )


@dataclass(frozen=True)
class _LegendItem:
    x: float
    row: int
    label: str


_SWATCH = 30  # width of the line-and-marker sample before each legend label
_LEGEND_GAP = 22


def _legend_layout(names: Sequence[str], *, left: float, right: float) -> list[_LegendItem]:
    """Items left to right, wrapping to a new row when the next one would not fit."""
    items: list[_LegendItem] = []
    x, row = left, 0
    for name in names:
        label = fit_text(name, min(240.0, right - left - _SWATCH - 6))
        width = _SWATCH + 6 + text_width(label)
        if x > left and x + width > right:
            x, row = left, row + 1
        items.append(_LegendItem(x=x, row=row, label=label))
        x += width + _LEGEND_GAP
    return items


def _legend(names: Sequence[str], *, top: float) -> tuple[list[str], int]:
    items = _legend_layout(names, left=16, right=WIDTH - 16)
    parts = ['<g class="legend">']
    for index, (name, item) in enumerate(zip(names, items, strict=True)):
        style = series_style(index)
        y = top + item.row * LEGEND_ROW
        parts.append(
            f'<g class="legend-item" transform="translate({_num(item.x)} {_num(y)})">'
            f"<title>{escape(name)}</title>"
            f'<line x1="1" y1="0" x2="{_SWATCH - 1}" y2="0" {_line_attrs(style)}/>'
            f'<g transform="translate({_SWATCH / 2} 0)">{_marker_shape(style.marker, style.colour)}'
            f"</g>"
            f'<text x="{_SWATCH + 6}" y="0" dominant-baseline="central" fill="{INK}">'
            f"{escape(item.label)}</text></g>"
        )
    parts.append("</g>")
    rows = items[-1].row + 1 if items else 0
    return parts, rows


# --- axes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plot:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _y_axis(plot: _Plot, ticks: list[int], *, low: float, high: float, label: str) -> list[str]:
    parts = ['<g class="y-axis">']
    for tick in ticks:
        y = plot.bottom - (tick - low) / (high - low) * plot.height
        parts.append(
            f'<line x1="{_num(plot.left)}" y1="{_num(y)}" x2="{_num(plot.right)}" y2="{_num(y)}"'
            f' stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_num(plot.left - 10)}" y="{_num(y)}" text-anchor="end"'
            f' dominant-baseline="central" fill="{MUTED}">{format_value(tick)}</text>'
        )
    if label:
        middle = plot.top + plot.height / 2
        text = fit_text(label, plot.height)
        parts.append(
            f'<text class="axis-label" x="18" y="{_num(middle)}" text-anchor="middle"'
            f' dominant-baseline="central" transform="rotate(-90 18 {_num(middle)})"'
            f' fill="{MUTED}">{escape(text)}</text>'
        )
    parts.append("</g>")
    return parts


def _left_margin(ticks: list[int], y_label: str) -> float:
    widest = max((text_width(format_value(tick)) for tick in ticks), default=0.0)
    return 16 + (26 if y_label else 0) + widest + 10


def _empty_chart(
    *,
    kind: str,
    title: str,
    description: str,
    left: float,
    right: float,
    ticks: list[int],
    low: float,
    high: float,
    y_label: str,
    text: str,
) -> str:
    """A chart with nothing to draw: its y axis, and the message in the middle of the plot."""
    plot = _Plot(left=left, top=24, right=right, bottom=HEIGHT - 44)
    parts = _open(title=title, description=description, height=HEIGHT, kind=kind)
    parts += _y_axis(plot, ticks, low=low, high=high, label=y_label)
    parts.append(
        _empty_state(x=plot.left + plot.width / 2, y=plot.top + plot.height / 2, text=text)
    )
    parts.append("</svg>")
    return "\n".join(parts)


# --- line chart -------------------------------------------------------------------------


def line_chart(
    *,
    title: str,
    description: str,
    series: dict[str, list[tuple[dt.date, float]]],
    y_min: float = 1,
    y_max: float = 5,
    y_label: str = "",
    empty_text: str = EMPTY_TEXT,
) -> str:
    """One line of markers per series, dates along x, y_min..y_max up the side.

    Values outside the range are drawn at its edge; NaN values are left out.
    """
    if not (math.isfinite(y_min) and math.isfinite(y_max)):
        raise ValueError(f"y_min and y_max must be finite numbers, not {y_min} and {y_max}.")
    if not y_max > y_min:
        raise ValueError(f"y_max ({y_max}) must be greater than y_min ({y_min}).")
    names = list(series)
    cleaned = {
        name: sorted(
            (
                (date, min(max(value, y_min), y_max))
                for date, value in points
                if not math.isnan(value)
            ),
            key=lambda point: point[0],
        )
        for name, points in series.items()
    }
    dates = [date for points in cleaned.values() for date, _ in points]

    y_ticks = int_ticks(y_min, y_max)
    left = _left_margin(y_ticks, y_label)
    if not dates:
        return _empty_chart(
            kind="line",
            title=title,
            description=description,
            left=left,
            right=WIDTH - 24,
            ticks=y_ticks,
            low=y_min,
            high=y_max,
            y_label=y_label,
            text=empty_text,
        )

    legend, rows = _legend(names, top=20)
    height = HEIGHT + (rows - 1) * LEGEND_ROW
    plot = _Plot(left=left, top=20 + rows * LEGEND_ROW + 8, right=WIDTH - 24, bottom=height - 44)
    # Points sit a little inside the plot so edge markers and edge labels are not cut.
    inset = 16
    start, end = min(dates), max(dates)
    span = (end - start).days

    def x_of(date: dt.date) -> float:
        if span == 0:
            return plot.left + plot.width / 2
        return plot.left + inset + (date - start).days / span * (plot.width - 2 * inset)

    def y_of(value: float) -> float:
        return plot.bottom - (value - y_min) / (y_max - y_min) * plot.height

    parts = _open(title=title, description=description, height=height, kind="line")
    parts += _y_axis(plot, y_ticks, low=y_min, high=y_max, label=y_label)
    parts.append(
        f'<line x1="{_num(plot.left)}" y1="{_num(plot.bottom)}" x2="{_num(plot.right)}"'
        f' y2="{_num(plot.bottom)}" stroke="{AXIS}" stroke-width="1"/>'
    )
    parts.append('<g class="x-axis">')
    for date, label in date_ticks(start, end, plot_width=plot.width - 2 * inset):
        x = x_of(date)
        half = text_width(label) / 2
        text_x = min(max(x, half + 4), WIDTH - half - 4)
        parts.append(
            f'<line x1="{_num(x)}" y1="{_num(plot.bottom)}" x2="{_num(x)}"'
            f' y2="{_num(plot.bottom + 5)}" stroke="{AXIS}" stroke-width="1"/>'
            f'<text x="{_num(text_x)}" y="{_num(plot.bottom + 22)}" text-anchor="middle"'
            f' fill="{MUTED}">{escape(label)}</text>'
        )
    parts.append("</g>")
    parts += legend

    for index, name in enumerate(names):
        style = series_style(index)
        points = cleaned[name]
        parts.append(f'<g class="series" data-series="{index}">')
        if len(points) > 1:
            coords = " ".join(f"{_num(x_of(d))},{_num(y_of(v))}" for d, v in points)
            parts.append(f'<polyline points="{coords}" {_line_attrs(style)}/>')
        for date, value in points:
            tooltip = f"{name}, {date.day} {MONTHS[date.month - 1]} {date.year}: "
            tooltip += format_value(value)
            parts.append(_point(style, x_of(date), y_of(value), tooltip=tooltip, date=date))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


# --- bar chart --------------------------------------------------------------------------
