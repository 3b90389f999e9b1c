"""Draw the application icon: a green shield with a gold rim, a gold star and "ANTT".

    .venv/bin/python installer/make_icon.py

Writes resources/icons/antt_desktop.ico (16–256 px, for the .exe, the shortcuts and the
`.antt` file type) and antt_desktop-<size>.png (for the window icon). Each size is drawn on
its own large canvas and scaled down, so edges stay smooth; below 48 px the word "ANTT" is
unreadable, so the small sizes carry a larger star alone.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
FONT = REPO / "resources" / "fonts" / "LiberationSans-Bold.ttf"
SIZES = (16, 24, 32, 48, 64, 128, 256)
CANVAS = 1024
GREEN = (22, 101, 52)
DARK_GREEN = (12, 66, 33)
GOLD = (242, 193, 46)


def shield_outline(inset: float) -> list[tuple[float, float]]:
    """The shield's edge, `inset` pixels inside the canvas: flat top, curved sides to a point."""
    left, right = 120 + inset, CANVAS - 120 - inset
    top, bottom = 70 + inset, CANVAS - 50 - inset
    shoulder = top + (bottom - top) * 0.42
    middle = CANVAS / 2
    points = [(left, top), (right, top), (right, shoulder)]
    steps = 48
    for step in range(1, steps + 1):  # right side bends to the point (a quadratic curve)
        t = step / steps
        control = (right, shoulder + (bottom - shoulder) * 0.55)
        points.append(_quadratic((right, shoulder), control, (middle, bottom), t))
    for step in range(1, steps + 1):
        t = step / steps
        control = (left, shoulder + (bottom - shoulder) * 0.55)
        points.append(_quadratic((middle, bottom), control, (left, shoulder), t))
    return points


def _quadratic(a, b, c, t):
    return ((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * b[0] + t ** 2 * c[0],
            (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * b[1] + t ** 2 * c[1])


def star(center: tuple[float, float], outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.382
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((center[0] + radius * math.cos(angle), center[1] + radius * math.sin(angle)))
    return points


def draw(size: int) -> Image.Image:
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.polygon(shield_outline(0), fill=GOLD)
    pen.polygon(shield_outline(44), fill=DARK_GREEN)
    pen.polygon(shield_outline(70), fill=GREEN)
    if size >= 48:
        pen.polygon(star((CANVAS / 2, 320), 140), fill=GOLD)
        font = ImageFont.truetype(str(FONT), 200)
        pen.text((CANVAS / 2, 610), "ANTT", font=font, fill=GOLD, anchor="mm")
    else:
        pen.polygon(star((CANVAS / 2, 450), 300), fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(ICONS / f"antt_desktop-{size}.png", optimize=True)
    largest = images[SIZES[-1]]
    largest.save(ICONS / "antt_desktop.ico", sizes=[(s, s) for s in SIZES],
                 append_images=[images[s] for s in SIZES[:-1]])
    print(f"Đã vẽ biểu tượng: {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
