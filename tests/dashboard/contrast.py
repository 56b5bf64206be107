"""WCAG 2.x contrast of text a browser drew, from its computed styles.

`COLLECT` is JavaScript run in the page: for each text element a selector names, its computed
text colour, the background colours from the element up to the first opaque one (a caption on
an alert on the page), its computed opacity chain, font size and weight. `contrast()` composites
those layers the way the browser paints them and returns the WCAG contrast ratio
(https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio); `required()` the minimum WCAG AA asks
(4.5:1, or 3:1 for large text: 24 px, or 18.66 px bold).

May import: the standard library.
"""

from __future__ import annotations

import re

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def parse(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour ('rgb(1, 2, 3)', 'rgba(1, 2, 3, 0.5)', 'rgb(1 2 3 / 50%)') as r, g, b (0-255), alpha."""
    m = _RGB.fullmatch(css.strip())
    if not m:
        raise ValueError(f"not a computed rgb() colour: {css!r}")
    r, g, b, a = m.groups()
    alpha = 1.0 if a is None else (float(a[:-1]) / 100 if a.endswith("%") else float(a))
    return float(r), float(g), float(b), alpha


def over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """`top` painted with its alpha over the opaque colour `below`."""
    r, g, b, a = top
    return (r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a))


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def contrast(color: str, backgrounds: list[str], opacity: float = 1.0) -> float:
    """The ratio of text drawn in `color` (times the elements' `opacity`) over `backgrounds`, listed
    from the element outwards; white beneath them all, as the browser's canvas."""
    ground = (255.0, 255.0, 255.0)
    for css in reversed(backgrounds):
        ground = over(parse(css), ground)
    r, g, b, a = parse(color)
    return ratio(over((r, g, b, a * opacity), ground), ground)


def required(font_px: float, weight: int) -> float:
    """WCAG AA: 3:1 for large text (24 px and up, or 18.66 px and up at bold), 4.5:1 for the rest."""
    return 3.0 if font_px >= 24 or (font_px >= 18.66 and weight >= 700) else 4.5


COLLECT = """(selectors) => {
  const out = [];
  for (const [name, selector] of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const text = (el.innerText || el.textContent || '').trim();
      const box = el.getBoundingClientRect();
      if (!text || box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      const backgrounds = [];
      let opacity = 1;
      for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
        const s = getComputedStyle(node);
        opacity *= parseFloat(s.opacity);
        const bg = s.backgroundColor;
        if (bg && !/rgba\\([^)]*,\\s*0\\)$/.test(bg) && bg !== 'transparent') {
          backgrounds.push(bg);
          if (!/rgba/.test(bg)) break;  // opaque: nothing beneath shows through
        }
      }
      const color = el instanceof SVGElement ? style.fill : style.color;
      out.push({name, text: text.slice(0, 60), color, backgrounds, opacity,
                size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight, 10) || 400});
      if (out.filter(o => o.name === name).length >= 12) break;
    }
  }
  return out;
}"""
