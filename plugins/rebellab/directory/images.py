"""Profile photos: resized locally, metadata (EXIF, GPS, ICC comments) dropped."""

from __future__ import annotations

import hashlib
import warnings
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps

from rebellab.kernel.textfile import megabytes

PHOTO_SIZE = 320  # px, longest side; shown at 160 CSS px, so sharp on 2x screens
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # as Pillow names what it finds in the file
# Limits for the original in the repository (documented in data/README.md and the profile
# schema): a phone photo exported for the web fits; larger files bloat every clone, and
# more pixels cost seconds of decoding in every build for a 320 px result.
PHOTO_MAX_BYTES = 5_000_000
PHOTO_MAX_PIXELS = 25_000_000  # e.g. 6000 x 4000


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


def photo_problem(path: Path, name: str) -> str | None:
    """Say why the file ``name`` at ``path`` cannot be a profile photo; None if it can.

    Checked when the data is loaded, so ``make check`` finds what :func:`resize_photo`
    would fail on; the decoding is cached by path, modification time and size.
    """
    unreadable = (f"Das Bild '{name}' lässt sich nicht lesen; bitte ein JPEG, PNG oder "
                  "WebP verwenden.")
    if not is_raster(name):
        return f"{unreadable} Vektorgrafiken wie SVG sind als Foto nicht erlaubt."
    try:
        stat = path.stat()
    except OSError:
        return unreadable
    if stat.st_size > PHOTO_MAX_BYTES:
        return (f"Das Bild '{name}' ist zu groß ({megabytes(stat.st_size)} MB, höchstens "
                f"{megabytes(PHOTO_MAX_BYTES)} MB); bitte verkleinern, gezeigt werden "
                f"{PHOTO_SIZE} × {PHOTO_SIZE} Pixel.")
    problem = _decoding_problem(path, stat.st_mtime_ns, stat.st_size)
    return None if problem is None else problem.format(name=name, unreadable=unreadable)


@lru_cache(maxsize=1024)
def _decoding_problem(path: Path, mtime_ns: int, size: int) -> str | None:
    """Open the image and decode it (JPEG at reduced scale); a message template or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if image.format not in PHOTO_FORMATS:
                    return "{unreadable} Gefunden: " + str(image.format) + "."
                if width * height > PHOTO_MAX_PIXELS:
                    return (f"Das Bild '{{name}}' hat zu viele Pixel ({width} × {height}, "
                            f"höchstens {PHOTO_MAX_PIXELS // 1_000_000} Millionen); bitte "
                            f"verkleinern, gezeigt werden {PHOTO_SIZE} × {PHOTO_SIZE} Pixel.")
                image.draft("RGB", (PHOTO_SIZE, PHOTO_SIZE))
                image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return "{unreadable} Die Datei ist kein Bild oder beschädigt."
    return None
