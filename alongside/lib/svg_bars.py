"""Bar charts, server-rendered as accessible SVG; the shared parts live in lib/svg.py."""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from alongside.lib.svg import (
    AXIS,
    BAR,
    EMPTY_TEXT,
    HEIGHT,
    INK,
    LABEL_SIZE,
    MAX_Y_TICKS,
    MUTED,
    VALUE_SIZE,
    WIDTH,
    _empty_chart,
    _left_margin,
    _nice_steps,
    _num,
    _open,
    _Plot,
    _y_axis,
    fit_text,
    format_value,
    int_ticks,
    text_width,
)


def _bar_scale(values: list[float]) -> tuple[int, int]:
    """Whole-step bounds that include zero and every value, so the top bar meets a grid line."""
    low = min(0, math.floor(min(values, default=0.0)))
    high = max(1, math.ceil(max(values, default=0.0)))
    for step in _nice_steps():
        bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
        if (top - bottom) / step <= MAX_Y_TICKS - 1:
            return bottom, top
    raise AssertionError("unreachable")


def bar_chart(
    *,
    title: str,
    description: str,
    bars: list[tuple[str, float]],
    y_label: str = "",
    empty_text: str = EMPTY_TEXT,
) -> str:
    """Vertical bars from zero, each with its value on top and its category underneath."""
    values = [value if math.isfinite(value) else 0.0 for _, value in bars]
    low, high = _bar_scale(values)
    y_ticks = int_ticks(low, high)
    left = _left_margin(y_ticks, y_label)
    right = WIDTH - 20

    if not bars:
        return _empty_chart(
            kind="bar",
            title=title,
            description=description,
            left=left,
            right=right,
            ticks=y_ticks,
            low=low,
            high=high,
            y_label=y_label,
            text=empty_text,
        )

    slot = (right - left) / len(bars)
    labels = _category_labels([label for label, _ in bars], left=left, slot=slot)
    plot_height = HEIGHT - 28 - 44
    bottom_margin = max(44.0, labels.depth + 14)
    height = 28 + plot_height + bottom_margin
    plot = _Plot(left=left, top=28, right=right, bottom=28 + plot_height)

    def y_of(value: float) -> float:
        return plot.bottom - (value - low) / (high - low) * plot.height

    value_texts = [format_value(v) if math.isfinite(v) else "–" for _, v in bars]
    show_values = all(text_width(text, VALUE_SIZE) <= slot - 2 for text in value_texts)
    bar_width = min(slot * 0.7, 72.0)
    zero = y_of(0)

    parts = _open(title=title, description=description, height=height, kind="bar")
    parts += _y_axis(plot, y_ticks, low=low, high=high, label=y_label)
    parts.append('<g class="bars">')
    for index, ((label, _), value, text) in enumerate(zip(bars, values, value_texts, strict=True)):
        centre = plot.left + slot * (index + 0.5)
        top = min(y_of(value), zero)
        size = abs(y_of(value) - zero)
        parts.append(
            f'<rect class="bar" x="{_num(centre - bar_width / 2)}" y="{_num(top)}"'
            f' width="{_num(bar_width)}" height="{_num(size)}" fill="{BAR}">'
            f"<title>{escape(label)}: {escape(text)}</title></rect>"
        )
        if show_values:
            y = top - 7 if value >= 0 else top + size + 17
            parts.append(
                f'<text class="value" x="{_num(centre)}" y="{_num(y)}" text-anchor="middle"'
                f' font-size="{VALUE_SIZE}" fill="{INK}">{escape(text)}</text>'
            )
    parts.append("</g>")
    parts.append(
        f'<line x1="{_num(plot.left)}" y1="{_num(zero)}" x2="{_num(plot.right)}"'
        f' y2="{_num(zero)}" stroke="{AXIS}" stroke-width="1"/>'
    )
    parts.append('<g class="x-axis">')
    for index, text in enumerate(labels.texts):
        if not text:
            continue
        centre = plot.left + slot * (index + 0.5)
        y = plot.bottom + 14
        if labels.rotated:
            parts.append(
                f'<text x="{_num(centre)}" y="{_num(y)}" text-anchor="end"'
                f' dominant-baseline="central"'
                f' transform="rotate(-45 {_num(centre)} {_num(y)})" fill="{MUTED}">'
                f"{escape(text)}</text>"
            )
        else:
            parts.append(
                f'<text x="{_num(centre)}" y="{_num(y + 8)}" text-anchor="middle"'
                f' fill="{MUTED}">{escape(text)}</text>'
            )
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class _CategoryLabels:
    texts: list[str]  # "" where a label is skipped to avoid overlap
    rotated: bool
    depth: float  # how far below the axis the labels reach


_ROTATED_MAX = 150.0  # longest rotated label, so the plot keeps most of the height


def _category_labels(names: list[str], *, left: float, slot: float) -> _CategoryLabels:
    room = slot - 8
    if all(text_width(name) <= room for name in names):
        return _CategoryLabels(texts=names, rotated=False, depth=30)
    # Shortening is kinder than tilting while at least six characters survive.
    if room >= text_width("Abcde…"):
        return _CategoryLabels(
            texts=[fit_text(name, room) for name in names], rotated=False, depth=30
        )
    # A tilted label reaches down and to the left of its bar; the first ones must not
    # run off the left edge.
    cos = math.cos(math.pi / 4)
    texts = [
        fit_text(name, min(_ROTATED_MAX, (left + slot * (index + 0.5) - 4) / cos))
        for index, name in enumerate(names)
    ]
    # At 45 degrees neighbouring labels are slot * sin(45) apart; keep every nth one.
    every = max(1, math.ceil(LABEL_SIZE * 1.2 / (slot * math.sin(math.pi / 4))))
    texts = [text if index % every == 0 else "" for index, text in enumerate(texts)]
    widest = max(text_width(text) for text in texts)
    return _CategoryLabels(texts=texts, rotated=True, depth=widest * math.sin(math.pi / 4) + 12)
