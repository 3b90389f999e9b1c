"""Member photos: any picture file in, a 3×4 portrait JPEG out (ảnh 3×4 for the certificate)."""

from __future__ import annotations

import io

from antt_desktop.domain.errors import DomainError, error_dataclass

PHOTO_WIDTH, PHOTO_HEIGHT = 360, 480          # 3:4, 300 dpi at about 3 × 4 cm
JPEG_QUALITY = 85
MAX_INPUT_BYTES = 40 * 1024 * 1024


@error_dataclass
class UnreadablePhoto(DomainError):
    """The file is not a picture Pillow can read (or is too large to be one)."""

    name: str


@error_dataclass
class PhotoTooSmall(DomainError):
    width: int
    height: int
    minimum_width: int
    minimum_height: int


MIN_WIDTH, MIN_HEIGHT = 90, 120


def id_photo_jpeg(data: bytes, *, name: str = "") -> bytes:
    """Crop the centre of the picture to 3:4, scale it down to 360×480 and encode it as JPEG.

    The camera's EXIF orientation is applied first, so a phone photo is upright.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_INPUT_BYTES:
        raise UnreadablePhoto(name)
    try:
        image = Image.open(io.BytesIO(data))
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale when that still covers the target: a
        # 20-megapixel camera photo then takes ~50 ms instead of ~1 s.
        image.draft("RGB", (PHOTO_WIDTH * 2, PHOTO_HEIGHT * 2))
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise UnreadablePhoto(name) from None
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        raise PhotoTooSmall(image.width, image.height, MIN_WIDTH, MIN_HEIGHT)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")    # transparency becomes white, not black
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    fitted = ImageOps.fit(image, (PHOTO_WIDTH, PHOTO_HEIGHT), method=Image.Resampling.LANCZOS,
                          centering=(0.5, 0.4))   # a little above the middle keeps the head in
    output = io.BytesIO()
    fitted.convert("RGB").save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return output.getvalue()
