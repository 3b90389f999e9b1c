"""Fonts for PDFs: Liberation Serif (metric-compatible with Times New Roman, SIL OFL 1.1).

reportlab's bundled fonts lack most Vietnamese letters; these cover them all (STACK-NOTES).
"""

from __future__ import annotations

from functools import cache

from antt_desktop.paths import resource_path

SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"
SANS = "LiberationSans"
SANS_BOLD = "LiberationSans-Bold"


@cache
def register_fonts() -> str:
    """Register the four serif styles as one family (so <b> and <i> switch) and the sans pair.

    Returns the serif family name, to pass as `initialFontName=` to every Canvas.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = {
        SERIF: "LiberationSerif-Regular.ttf", SERIF_BOLD: "LiberationSerif-Bold.ttf",
        SERIF_ITALIC: "LiberationSerif-Italic.ttf", SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
        SANS: "LiberationSans-Regular.ttf", SANS_BOLD: "LiberationSans-Bold.ttf",
    }
    for name, file_name in files.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file_name}"))))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD_ITALIC)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    return SERIF
