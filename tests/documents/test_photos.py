"""Member photos become 3×4 JPEGs; anything else is refused with a reason."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from antt_desktop.documents.photos import (
    PHOTO_HEIGHT,
    PHOTO_WIDTH,
    PhotoTooSmall,
    UnreadablePhoto,
    id_photo_jpeg,
)
from antt_desktop.messages import describe


def picture(width: int, height: int, fmt: str = "PNG", mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), (200, 30, 30, 0) if mode == "RGBA" else "red").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("width, height", [(1600, 900), (600, 2000), (300, 400), (120, 150)])
def test_any_shape_becomes_a_3_by_4_jpeg(width, height):
    jpeg = id_photo_jpeg(picture(width, height))
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG" and image.size == (PHOTO_WIDTH, PHOTO_HEIGHT)
    assert len(jpeg) < 60_000


def test_transparency_becomes_white():
    image = Image.open(io.BytesIO(id_photo_jpeg(picture(400, 500, mode="RGBA"))))
    assert min(image.getpixel((180, 240))) > 240


def test_a_rotated_phone_photo_is_made_upright():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6                      # rotate 90° clockwise to display
    Image.new("RGB", (800, 600), "blue").save(buffer, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(id_photo_jpeg(buffer.getvalue()))).size == (PHOTO_WIDTH, PHOTO_HEIGHT)


def test_what_is_not_a_picture_is_refused_with_its_name():
    with pytest.raises(UnreadablePhoto) as caught:
        id_photo_jpeg(b"%PDF-1.7 not a picture", name="don.pdf")
    assert "don.pdf" in describe(caught.value)


def test_a_tiny_picture_is_refused():
    with pytest.raises(PhotoTooSmall) as caught:
        id_photo_jpeg(picture(40, 50))
    assert "40×50" in describe(caught.value)
