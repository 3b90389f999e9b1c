"""Vietnamese sentences for errors about member photos."""

from __future__ import annotations

from antt_desktop.documents import photos
from antt_desktop.messages import phrases


@phrases(photos.UnreadablePhoto)
def _(e):
    named = f" «{e.name}»" if e.name else ""
    return f"Không đọc được ảnh{named}: hãy chọn một tệp ảnh JPG hoặc PNG (dưới 40 MB)."


@phrases(photos.PhotoTooSmall)
def _(e):
    return (f"Ảnh quá nhỏ ({e.width}×{e.height} điểm ảnh); cần ít nhất "
            f"{e.minimum_width}×{e.minimum_height} để in trên giấy chứng nhận.")
