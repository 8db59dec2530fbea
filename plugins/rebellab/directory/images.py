"""Profile photos: resized locally, metadata (EXIF, GPS, ICC comments) dropped."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps

PHOTO_SIZE = 320  # px, longest side; shown at 160 CSS px, so sharp on 2x screens
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def resize_photo(source: Path, size: int = PHOTO_SIZE) -> bytes:
    """Return a square JPEG of ``size`` px cut from the middle, with no metadata at all.

    EXIF orientation is applied first, then the pixels are copied into a fresh image so no
    EXIF, XMP or comment from the original survives (location data in phone photos).
    """
    with Image.open(source) as original:
        upright = ImageOps.exif_transpose(original)
        rgb = upright.convert("RGB")
    square = ImageOps.fit(rgb, (size, size), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", square.size)
    clean.paste(square)
    out = BytesIO()
    clean.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def photo_name(slug: str, data: bytes) -> str:
    """File name with a content hash, so a changed photo is never served from a cache."""
    return f"{slug}-{hashlib.sha256(data).hexdigest()[:10]}.jpg"


def is_raster(path: str) -> bool:
    """SVG is not accepted as a photo: it may carry script and cannot be resized here."""
    return path.lower().endswith(RASTER_SUFFIXES)
