"""What axe does not check: the focus outline and the borders of inputs need 3:1 against
what surrounds them (WCAG 1.4.11, non-text contrast). The outline was #f0b429 (1.8:1 on
white) and input borders #9aa5b1 (2.5:1)."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[1] / "static" / "alongside" / "site.css").read_text()


def _var(name: str) -> str:
    found = re.search(rf"--{name}:\s*#([0-9a-fA-F]{{6}}|[0-9a-fA-F]{{3}})\b", CSS)
    assert found, f"--{name} is not set in site.css"
    colour = found.group(1)
    return colour if len(colour) == 6 else "".join(c * 2 for c in colour)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_the_known_extremes():
    assert contrast("000000", "ffffff") == pytest.approx(21)
    assert contrast("f0b429", "ffffff") < 3  # the old outline, as the audit measured


@pytest.mark.parametrize("surface", ["bg", "card"])
@pytest.mark.parametrize("colour", ["focus", "field-line"])
def test_focus_outline_and_input_borders_stand_out_three_to_one(colour, surface):
    assert contrast(_var(colour), _var(surface)) >= 3


def test_the_focus_outline_and_inputs_use_those_colours():
    assert re.search(r":focus-visible\s*\{[^}]*outline:[^;}]*var\(--focus\)", CSS)
    assert "border: 1px solid #9aa5b1" not in CSS
    assert "var(--field-line)" in CSS
