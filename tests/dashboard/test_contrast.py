"""The WCAG contrast arithmetic the browser test judges the themes with, on pairs whose
ratios are published (WebAIM's checker, the WCAG definition's own bounds)."""

from __future__ import annotations

import pytest

from tests.dashboard.contrast import contrast, parse, ratio, required

WHITE, BLACK = (255.0, 255.0, 255.0), (0.0, 0.0, 0.0)


@pytest.mark.parametrize("fg,bg,expected", [
    (BLACK, WHITE, 21.0),
    (WHITE, WHITE, 1.0),
    ((0x77, 0x77, 0x77), WHITE, 4.48),  # the grey that just fails AA
    ((0x76, 0x76, 0x76), WHITE, 4.54),  # the lightest grey that passes it
    ((0xFF, 0x00, 0x00), WHITE, 4.0),
    ((0x00, 0x00, 0xFF), WHITE, 8.59),
    ((0x80, 0x84, 0x95), WHITE, 3.72),  # Streamlit's chart label grey
])
def test_ratio_of_known_pairs(fg, bg, expected):
    assert ratio(fg, bg) == pytest.approx(expected, abs=0.01)
    assert ratio(bg, fg) == ratio(fg, bg)


def test_computed_colours_are_read_in_every_form_a_browser_writes():
    assert parse("rgb(1, 2, 3)") == (1, 2, 3, 1.0)
    assert parse("rgba(10, 20, 30, 0.25)") == (10, 20, 30, 0.25)
    assert parse("rgb(10 20 30 / 50%)") == (10, 20, 30, 0.5)
    with pytest.raises(ValueError):
        parse("color(srgb 1 0 0)")


def test_translucent_text_and_backgrounds_are_painted_over_what_lies_beneath():
    # black at 60% on white is rgb(102, 102, 102): 5.74:1, whether by its alpha or its opacity
    assert contrast("rgba(0, 0, 0, 0.6)", ["rgb(255, 255, 255)"]) == pytest.approx(5.74, abs=0.01)
    assert contrast("rgb(0, 0, 0)", ["rgb(255, 255, 255)"], opacity=0.6) == pytest.approx(5.74, abs=0.01)
    # a 10% red tint over white under red text (a chosen segment); nothing listed means the white canvas
    tinted = contrast("rgb(255, 0, 0)", ["rgba(255, 0, 0, 0.1)", "rgb(255, 255, 255)"])
    assert tinted < contrast("rgb(255, 0, 0)", []) == pytest.approx(4.0, abs=0.01)


@pytest.mark.parametrize("px,weight,need", [(14, 400, 4.5), (18.66, 400, 4.5), (18.66, 700, 3.0), (24, 400, 3.0),
                                            (36, 400, 3.0)])
def test_large_text_needs_three_to_one(px, weight, need):
    assert required(px, weight) == need
