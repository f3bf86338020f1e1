"""SVG charts: valid, accessible, escaped, and laid out so that nothing overlaps or is cut.

The structural tests parse every chart with ElementTree; the last test draws a few charts
in a real chromium, measures the text with the browser's own fonts, and saves screenshots
to var/screenshots to look at.
"""

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from alongside.lib.svg import (
    DASHES,
    MARKERS,
    PALETTE,
    date_ticks,
    format_value,
    int_ticks,
    line_chart,
    series_style,
    text_width,
)
from alongside.lib.svg_bars import bar_chart
from conftest import screenshot

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"friends\""
D = dt.date


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, and the point is a strict parser)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in el.get("class", "").split()]


def texts(element: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in element.iter(f"{SVG}text")]


def translate(element: ET.Element) -> tuple[float, float]:
    match = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", element.get("transform", ""))
    assert match, element.get("transform")
    return float(match[1]), float(match[2])


def y_of_tick(root: ET.Element, label: str) -> float:
    (axis,) = by_class(root, "y-axis")
    for text in axis.iter(f"{SVG}text"):
        if text.text == label:
            return float(text.get("y", "nan"))
    raise AssertionError(f"no y tick {label!r}")


def view_box(root: ET.Element) -> list[float]:
    return [float(part) for part in root.get("viewBox", "").split()]


def weekly(name_offset: int = 0, count: int = 10) -> list[tuple[dt.date, float]]:
    return [
        (D(2026, 1, 5) + dt.timedelta(weeks=i), 1 + (i + name_offset) % 5) for i in range(count)
    ]


def a_line_chart(**overrides: Any) -> str:
    arguments: dict[str, Any] = {
        "title": "Check-ins",
        "description": "Confidence and clarity, weekly",
        "series": {"Confidence": weekly(), "Clarity": weekly(2)},
        "y_label": "Rating",
    }
    return line_chart(**(arguments | overrides))


def a_bar_chart(**overrides: Any) -> str:
    arguments: dict[str, Any] = {
        "title": "Goals",
        "description": "Goals by status",
        "bars": [("Not started", 3), ("In progress", 7.5), ("Done", 12)],
        "y_label": "Goals",
    }
    return bar_chart(**(arguments | overrides))


EVERY_KIND = {
    "line": a_line_chart,
    "line_empty": lambda: a_line_chart(series={}),
    "bar": a_bar_chart,
    "bar_empty": lambda: a_bar_chart(bars=[]),
}


# --- the document ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_chart_is_an_svg_document_that_scales_to_a_phone(kind):
    root = parse(EVERY_KIND[kind]())
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%"
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    assert view_box(root)[:3] == [0, 0, 640]
    assert 300 <= view_box(root)[3] <= 420
    assert root.get("role") == "img"
    assert "sans-serif" in root.get("font-family", "")


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_chart_is_labelled_by_its_title_and_description(kind):
    root = parse(EVERY_KIND[kind]())
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.text in ("Check-ins", "Goals")
    assert desc.text in ("Confidence and clarity, weekly", "Goals by status")
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    labelled_by = root.get("aria-labelledby", "").split()
    assert [ids[ident] for ident in labelled_by] == [title, desc]


def test_two_charts_on_one_page_do_not_share_ids():
    page = "<div>" + a_line_chart() + a_line_chart() + a_bar_chart() + a_bar_chart() + "</div>"
    ids = [el.get("id") for el in parse(page).iter() if el.get("id")]
    assert len(ids) == 8
    assert len(set(ids)) == 8


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_label_is_readable_at_half_size(kind):
    root = parse(EVERY_KIND[kind]())
    inherited = float(root.get("font-size", "0"))
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("font-size", inherited)) >= 14


def test_hostile_text_is_escaped_everywhere():
    line = a_line_chart(
        title=HOSTILE,
        description=HOSTILE,
        series={HOSTILE: weekly()},
        y_label=HOSTILE,
        empty_text=HOSTILE,
    )
    bars = a_bar_chart(title=HOSTILE, description=HOSTILE, bars=[(HOSTILE, 2)], y_label=HOSTILE)
    empty = a_bar_chart(bars=[], empty_text=HOSTILE)
    for svg in (line, bars, empty):
        assert "<script" not in svg
        root = parse(svg)
        assert any("<script>" in "".join(el.itertext()) for el in root.iter())
    assert parse(line).find(f"{SVG}title").text == HOSTILE  # type: ignore[union-attr]
    assert parse(bars).find(f"{SVG}desc").text == HOSTILE  # type: ignore[union-attr]


# --- the line chart ---------------------------------------------------------------------


def test_every_data_point_gets_one_marker_in_its_series():
    series = {"One": weekly(count=1), "Three": weekly(count=3), "Ten": weekly(count=10)}
    root = parse(a_line_chart(series=series))
    groups = by_class(root, "series")
    assert [len(by_class(group, "point")) for group in groups] == [1, 3, 10]


def test_a_series_of_two_or_more_points_is_joined_by_one_line_through_them_all():
    root = parse(a_line_chart(series={"One": weekly(count=1), "Four": weekly(count=4)}))
    one, four = by_class(root, "series")
    assert one.findall(f"{SVG}polyline") == []
    (line,) = four.findall(f"{SVG}polyline")
    vertices = [tuple(map(float, pair.split(","))) for pair in line.get("points", "").split()]
    markers = [translate(point) for point in by_class(four, "point")]
    assert vertices == markers


def test_later_dates_are_further_right_whatever_the_order_given():
    shuffled = [(D(2026, 3, 1), 2), (D(2026, 1, 1), 3), (D(2026, 2, 14), 4), (D(2026, 1, 20), 5)]
    root = parse(a_line_chart(series={"Mood": shuffled}))
    points = by_class(root, "point")
    dates = [point.get("data-date") for point in points]
    assert dates == ["2026-01-01", "2026-01-20", "2026-02-14", "2026-03-01"]
    xs = [translate(point)[0] for point in points]
    assert xs == sorted(xs) and len(set(xs)) == 4
    # Spacing follows the calendar: 19 of the 59 days lie between the first two points.
    assert (xs[1] - xs[0]) / (xs[3] - xs[0]) == pytest.approx(19 / 59, abs=0.01)


def test_higher_values_are_higher_up():
    root = parse(a_line_chart(series={"Mood": [(D(2026, 1, 1), 2), (D(2026, 1, 2), 4)]}))
    low, high = (translate(point)[1] for point in by_class(root, "point"))
    assert high < low
    assert low == pytest.approx(y_of_tick(root, "2"))
    assert high == pytest.approx(y_of_tick(root, "4"))


def test_values_outside_the_range_are_drawn_at_its_edge():
    series = {"Wild": [(D(2026, 1, 1), 9), (D(2026, 1, 2), -3), (D(2026, 1, 3), math.inf)]}
    root = parse(a_line_chart(series=series))
    ys = [translate(point)[1] for point in by_class(root, "point")]
    assert ys == pytest.approx([y_of_tick(root, "5"), y_of_tick(root, "1"), y_of_tick(root, "5")])
    tooltips = [text for el in by_class(root, "point") for text in el.itertext()]
    assert tooltips == ["Wild, 1 Jan 2026: 5", "Wild, 2 Jan 2026: 1", "Wild, 3 Jan 2026: 5"]


def test_a_missing_value_is_left_out():
    root = parse(a_line_chart(series={"Gappy": [(D(2026, 1, 1), 2), (D(2026, 1, 2), math.nan)]}))
    assert len(by_class(root, "point")) == 1


def test_a_single_point_sits_in_the_middle_with_its_full_date_underneath():
    root = parse(a_line_chart(series={"Mood": [(D(2026, 2, 3), 4)]}))
    (point,) = by_class(root, "point")
    (axis,) = by_class(root, "x-axis")
    assert texts(axis) == ["3 Feb 2026"]
    tick = float(axis.find(f"{SVG}line").get("x1", "nan"))  # type: ignore[union-attr]
    assert translate(point)[0] == pytest.approx(tick)
    assert 250 < tick < 390


def test_points_all_on_one_date_share_one_x():
    series = {"A": [(D(2026, 2, 3), 2)], "B": [(D(2026, 2, 3), 3), (D(2026, 2, 3), 5)]}
    root = parse(a_line_chart(series=series))
    xs = {translate(point)[0] for point in by_class(root, "point")}
    assert len(xs) == 1
    assert len(by_class(root, "point")) == 3


def test_y_ticks_are_the_whole_numbers_from_y_min_to_y_max():
    (axis,) = by_class(parse(a_line_chart()), "y-axis")
    assert texts(axis) == ["1", "2", "3", "4", "5", "Rating"]
    (axis,) = by_class(parse(a_line_chart(y_min=0, y_max=100, y_label="")), "y-axis")
    assert texts(axis) == ["0", "20", "40", "60", "80", "100"]


def test_the_range_must_be_a_real_range():
    with pytest.raises(ValueError, match="greater"):
        a_line_chart(y_min=5, y_max=5)
    with pytest.raises(ValueError, match="finite"):
        a_line_chart(y_max=math.inf)


@pytest.mark.parametrize("series", [{}, {"Mood": []}, {"Mood": [(D(2026, 1, 1), math.nan)]}])
def test_a_line_chart_without_data_says_so_inside_the_chart(series):
    root = parse(a_line_chart(series=series, empty_text="No check-ins yet"))
    (empty,) = by_class(root, "empty")
    assert texts(empty) == ["No check-ins yet"]
    assert by_class(root, "point") == []
    assert by_class(root, "legend") == []
    assert texts(by_class(root, "y-axis")[0])[:5] == ["1", "2", "3", "4", "5"]


def test_the_legend_names_every_series_in_order():
    hostile = '<b>Ann & "Bo"</b>'
    root = parse(a_line_chart(series={"Confidence": weekly(), hostile: weekly(), "Empty": []}))
    (legend,) = by_class(root, "legend")
    items = by_class(legend, "legend-item")
    titles = [item.find(f"{SVG}title").text for item in items]  # type: ignore[union-attr]
    assert titles == ["Confidence", hostile, "Empty"]
    assert texts(legend) == ["Confidence", hostile, "Empty"]


def test_many_series_wrap_the_legend_into_rows_and_the_chart_grows_to_fit():
    names = [f"Mentee number {i} with a longer name" for i in range(12)]
    root = parse(a_line_chart(series={name: weekly(i) for i, name in enumerate(names)}))
    items = by_class(root, "legend-item")
    rows: dict[float, list[tuple[float, str]]] = {}
    for item in items:
        x, y = translate(item)
        rows.setdefault(y, []).append((x, "".join(item.find(f"{SVG}text").itertext())))  # type: ignore[union-attr]
    assert len(rows) >= 3
    assert view_box(root)[3] == 320 + (len(rows) - 1) * 24
    for row in rows.values():
        for (x, label), (next_x, _) in zip(row, row[1:], strict=False):
            assert x + 36 + text_width(label) < next_x
        last_x, last_label = row[-1]
        assert last_x + 36 + text_width(last_label) <= 640 - 16
    # The plot starts below the last legend row.
    top_gridline = y_of_tick(root, "5")
    assert top_gridline > max(rows) + 12


def test_a_very_long_series_name_is_shortened_in_the_legend_but_whole_in_its_tooltip():
    name = "A mentee whose name goes on and on " * 4
    root = parse(a_line_chart(series={name: weekly()}))
    (item,) = by_class(root, "legend-item")
    label = "".join(item.find(f"{SVG}text").itertext())  # type: ignore[union-attr]
    assert label.endswith("…") and text_width(label) <= 240
    assert item.find(f"{SVG}title").text == name  # type: ignore[union-attr]


def test_series_differ_in_more_than_colour():
    styles = [series_style(index) for index in range(8)]
    assert len({style.colour for style in styles}) == 8
    for a, b in zip(styles, styles[1:], strict=False):
        assert a.marker != b.marker and a.dash != b.dash
    combinations = {series_style(index) for index in range(40)}
    assert len(combinations) == 40
    assert len(PALETTE) >= 8 and len(MARKERS) >= 4 and len(DASHES) >= 3


def contrast_on_white(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_series_colour_stands_out_on_white(colour):
    assert contrast_on_white(colour) >= 3


# --- date ticks ---------------------------------------------------------------------------

SPANS = [
    (D(2026, 1, 1), D(2026, 1, 2)),
    (D(2025, 12, 30), D(2026, 1, 3)),
    (D(2026, 1, 5), D(2026, 1, 25)),
    (D(2026, 1, 5), D(2026, 3, 30)),
    (D(2025, 3, 1), D(2026, 2, 28)),
    (D(2024, 7, 15), D(2026, 2, 1)),
    (D(2020, 1, 1), D(2026, 2, 1)),
    (D(1990, 6, 1), D(2026, 2, 1)),
]
LABEL = re.compile(r"\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{4}|\d{4}")


@pytest.mark.parametrize(("start", "end"), SPANS)
def test_date_ticks_are_few_inside_the_range_readable_and_apart(start, end):
    width = 540.0
    ticks = date_ticks(start, end, plot_width=width)
    assert 2 <= len(ticks) <= 6
    dates = [date for date, _ in ticks]
    assert dates == sorted(dates) and start <= dates[0] and dates[-1] <= end
    for _, label in ticks:
        assert LABEL.fullmatch(label), label
    per_day = width / (end - start).days
    for (a, label_a), (b, label_b) in zip(ticks, ticks[1:], strict=False):
        gap = (b - a).days * per_day
        assert gap > (text_width(label_a) + text_width(label_b)) / 2 + 8


def test_weeks_are_labelled_by_their_monday_and_months_by_month_and_year():
    weeks = date_ticks(D(2026, 1, 5), D(2026, 1, 25), plot_width=540)
    assert weeks == [
        (D(2026, 1, 5), "5 Jan"),
        (D(2026, 1, 12), "12 Jan"),
        (D(2026, 1, 19), "19 Jan"),
    ]
    months = [label for _, label in date_ticks(D(2025, 3, 1), D(2026, 2, 28), plot_width=540)]
    # Every other month would leave "May 2025" too close to its neighbours: quarters it is.
    assert months == ["Apr 2025", "Jul 2025", "Oct 2025", "Jan 2026"]


def test_a_narrow_chart_gets_fewer_date_ticks():
    wide = date_ticks(D(2026, 1, 1), D(2026, 6, 30), plot_width=540)
    narrow = date_ticks(D(2026, 1, 1), D(2026, 6, 30), plot_width=180)
    assert len(narrow) < len(wide)


# --- the bar chart ------------------------------------------------------------------------


def test_every_bar_is_drawn_with_its_value_on_top_and_its_name_underneath():
    root = parse(a_bar_chart())
    bars = by_class(root, "bar")
    assert len(bars) == 3
    heights = [float(bar.get("height", "nan")) for bar in bars]
    assert heights[0] < heights[1] < heights[2]
    assert heights[1] / heights[2] == pytest.approx(7.5 / 12, abs=0.01)
    assert [value.text for value in by_class(root, "value")] == ["3", "7.5", "12"]
    (axis,) = by_class(root, "x-axis")
    assert texts(axis) == ["Not started", "In progress", "Done"]
    for bar, value in zip(bars, by_class(root, "value"), strict=True):
        assert float(value.get("y", "nan")) < float(bar.get("y", "nan"))


def test_the_tallest_bar_meets_a_whole_number_gridline():
    root = parse(a_bar_chart())
    (axis,) = by_class(root, "y-axis")
    ticks = texts(axis)[:-1]
    assert ticks[0] == "0" and all(re.fullmatch(r"\d+", tick) for tick in ticks)
    assert int(ticks[-1]) >= 12
    tallest = by_class(root, "bar")[2]
    assert float(tallest.get("y", "nan")) >= y_of_tick(root, ticks[-1])


def test_negative_bars_hang_below_zero():
    root = parse(a_bar_chart(bars=[("Up", 2), ("Down", -1.5)]))
    up, down = by_class(root, "bar")
    zero = y_of_tick(root, "0")
    assert float(up.get("y", "nan")) + float(up.get("height", "nan")) == pytest.approx(zero)
    assert float(down.get("y", "nan")) == pytest.approx(zero)
    assert [value.text for value in by_class(root, "value")] == ["2", "\u22121.5"]


def test_many_long_category_names_are_tilted_and_shortened():
    names = [f"Category with a long name {i}" for i in range(14)]
    root = parse(a_bar_chart(bars=[(name, i) for i, name in enumerate(names)]))
    (axis,) = by_class(root, "x-axis")
    labels = list(axis.iter(f"{SVG}text"))
    assert labels and all("rotate(-45" in label.get("transform", "") for label in labels)
    assert all(text_width(label.text or "") <= 150 for label in labels)
    # The whole name is still there, in each bar's tooltip.
    tooltips = [bar.find(f"{SVG}title").text for bar in by_class(root, "bar")]  # type: ignore[union-attr]
    assert tooltips[3] == f"{names[3]}: 3"


def test_a_few_long_names_are_shortened_but_stay_level():
    bars = [("Career planning and the long view", 2), ("Hiring", 4), ("Public speaking", 1)]
    root = parse(a_bar_chart(bars=bars))
    (axis,) = by_class(root, "x-axis")
    assert all(label.get("transform") is None for label in axis.iter(f"{SVG}text"))
    assert texts(axis)[0].endswith("…") and texts(axis)[1:] == ["Hiring", "Public speaking"]


def test_so_many_bars_that_values_would_collide_leave_the_values_to_the_tooltips():
    root = parse(a_bar_chart(bars=[(f"Week {i}", 100 + i) for i in range(40)]))
    assert len(by_class(root, "bar")) == 40
    assert by_class(root, "value") == []
    (axis,) = by_class(root, "x-axis")
    assert 0 < len(texts(axis)) < 40


def test_a_bar_chart_without_bars_says_so_inside_the_chart():
    root = parse(a_bar_chart(bars=[]))
    (empty,) = by_class(root, "empty")
    assert texts(empty) == ["No data yet"]
    assert by_class(root, "bar") == []


# --- small helpers ------------------------------------------------------------------------


def test_integer_ticks_use_a_round_step():
    assert int_ticks(1, 5) == [1, 2, 3, 4, 5]
    assert int_ticks(0, 10) == [0, 2, 4, 6, 8, 10]
    assert int_ticks(0, 1000) == [0, 200, 400, 600, 800, 1000]
    assert int_ticks(0.5, 3.5) == [1, 2, 3]


def test_values_are_shown_without_needless_decimals():
    assert [format_value(v) for v in (4, 4.0, 3.5, 3.25, 3.256, -2, -0.001)] == [
        "4",
        "4",
        "3.5",
        "3.25",
        "3.26",
        "\u22122",
        "0",
    ]


# --- in a real browser --------------------------------------------------------------------

LOOK_AT = {
    "chart_line": lambda: a_line_chart(
        series={
            "Confidence": [(D(2026, 1, 5) + dt.timedelta(weeks=i), 2 + i * 0.3) for i in range(11)],
            "Clarity about goals": [
                (D(2026, 1, 7) + dt.timedelta(weeks=i), 1 + i * 0.4) for i in range(11)
            ],
        },
        y_label="Rating (1–5)",
    ),
    "chart_line_many": lambda: a_line_chart(
        series={
            name: weekly(i, count=12)
            for i, name in enumerate(
                [HOSTILE, "Grace", "Margaret Hamilton, who has the longest name of all", "Linus"]
                + ["Katherine", "Barbara", "Frances", "Edsger", "Radia"]
            )
        }
    ),
    "chart_line_empty": lambda: a_line_chart(series={}),
    "chart_bar": a_bar_chart,
    "chart_bar_tilted": lambda: a_bar_chart(
        bars=[(f"Skill with a long name {i}", i % 7 + 0.5) for i in range(14)]
    ),
}


Corners = list[tuple[float, float]]


def overlaps(a: Corners, b: Corners) -> bool:
    """Whether two convex outlines overlap by more than half a pixel (separating axes)."""
    for shape in (a, b):
        for (x1, y1), (x2, y2) in zip(shape, shape[1:] + shape[:1], strict=True):
            axis = (y1 - y2, x2 - x1)
            length = math.hypot(*axis)
            project_a = [(x * axis[0] + y * axis[1]) / length for x, y in a]
            project_b = [(x * axis[0] + y * axis[1]) / length for x, y in b]
            if min(max(project_a), max(project_b)) - max(min(project_a), min(project_b)) < 0.5:
                return False
    return True


# Each text's own box, turned with it, in screen pixels: a tilted label's bounding
# rectangle would be far larger than the label.
TEXT_OUTLINES = """() => [...document.querySelectorAll('text')].map(t => {
    const box = t.getBBox(), m = t.getScreenCTM();
    const corners = [[box.x, box.y], [box.x + box.width, box.y],
                     [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    const group = t.closest('.legend-item') ? 'legend'
        : t.closest('.x-axis') ? 'x' : t.closest('.y-axis') ? 'y' : 'other';
    return {corners, group, text: t.textContent};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("name", LOOK_AT)
def test_in_a_browser_no_label_is_cut_off_or_overlaps_another(browser, name):
    svg = LOOK_AT[name]()
    height = view_box(parse(svg))[3]
    # At 640 px wide one screen pixel is one unit of the viewBox.
    context = browser.new_context(viewport={"width": 640, "height": math.ceil(height)})
    try:
        page = context.new_page()
        page.set_content(f"<body style='margin:0'>{svg}</body>")
        outlines = page.evaluate(TEXT_OUTLINES)
        assert outlines
        for outline in outlines:
            for x, y in outline["corners"]:
                assert -0.5 <= x <= 640.5 and -0.5 <= y <= height + 0.5, outline
        labels = [outline for outline in outlines if outline["group"] in ("legend", "x", "y")]
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                assert not overlaps(a["corners"], b["corners"]), (a, b)
        screenshot(page, name)
        page.set_viewport_size({"width": 320, "height": math.ceil(height / 2)})
        screenshot(page, f"{name}_phone")
    finally:
        context.close()
