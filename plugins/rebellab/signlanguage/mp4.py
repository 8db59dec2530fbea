"""What the build needs to know about an MP4 file, read from its boxes: no ffmpeg needed.

An MP4 file is a tree of ISO base media file format boxes (ISO/IEC 14496-12): each box starts
with a 32-bit size and a four-letter type; size 1 means a 64-bit size follows, size 0 means
"up to the end of the file". The film's duration is in ``moov/mvhd``; each track's codec is
the type of the sample entry in ``trak/mdia/minf/stbl/stsd`` (``avc1``/``avc3`` = H.264,
ISO/IEC 14496-15), its picture size is in that entry and its frame rate follows from the
sample count and durations in ``stts`` and the track's time scale in ``mdhd``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

H264_ENTRIES = frozenset({"avc1", "avc3"})
# Names for the messages; the sample entry types as registered at mp4ra.org.
CODEC_NAMES = {"avc1": "H.264", "avc3": "H.264", "mp4v": "MPEG-4 Part 2", "hvc1": "H.265",
               "hev1": "H.265", "av01": "AV1", "vp09": "VP9", "s263": "H.263"}
_CONTAINERS = frozenset({"moov", "trak", "mdia", "minf", "stbl"})


class NotMp4Error(ValueError):
    """The file is not an MP4 file this module can read (the message says why, in German)."""


@dataclass(frozen=True)
class VideoTrack:
    """The first video track: codec (sample entry type), picture size and frame rate."""

    codec: str
    width: int
    height: int
    frame_rate: float

    @property
    def codec_name(self) -> str:
        """Readable codec name, e.g. ``H.264`` or ``MPEG-4 Part 2``."""
        return CODEC_NAMES.get(self.codec, f"'{self.codec}'")

    @property
    def is_h264(self) -> bool:
        """Whether browsers can play it everywhere (H.264)."""
        return self.codec in H264_ENTRIES


@dataclass(frozen=True)
class Mp4Facts:
    """Running time in seconds and the video track (None: the file has no video)."""

    duration: float
    video: VideoTrack | None


def probe(path: Path) -> Mp4Facts:
    """Read the running time and the video track of an MP4 file; raise :class:`NotMp4Error`."""
    with path.open("rb") as stream:
        size = stream.seek(0, 2)
        top = {kind: (start, end) for kind, start, end in _boxes(stream, 0, size)}
        if "ftyp" not in top:
            raise NotMp4Error("keine MP4-Datei (der Kopf 'ftyp' fehlt)")
        if "moov" not in top:
            raise NotMp4Error("die MP4-Datei hat keinen Inhaltsteil 'moov'")
        movie = _children(stream, *top["moov"])
        if "mvhd" not in movie:
            raise NotMp4Error("die MP4-Datei hat keine Laufzeit ('mvhd' fehlt)")
        duration = _movie_duration(_read(stream, *movie["mvhd"][0]))
        video = next((track for start, end in movie.get("trak", [])
                      if (track := _video_track(stream, start, end)) is not None), None)
    return Mp4Facts(duration=duration, video=video)


def _boxes(stream: BinaryIO, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """Yield (type, payload start, payload end) of the boxes between two offsets."""
    offset = start
    while offset + 8 <= end:
        stream.seek(offset)
        size, kind_bytes = struct.unpack(">I4s", stream.read(8))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", stream.read(8))[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise NotMp4Error(f"beschädigte MP4-Datei (Box bei Byte {offset})")
        yield kind_bytes.decode("latin-1"), offset + header, offset + size
        offset += size


def _children(stream: BinaryIO, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """Boxes inside a container box, grouped by type, in file order."""
    found: dict[str, list[tuple[int, int]]] = {}
    for kind, child_start, child_end in _boxes(stream, start, end):
        found.setdefault(kind, []).append((child_start, child_end))
    return found


def _read(stream: BinaryIO, start: int, end: int) -> bytes:
    stream.seek(start)
    return stream.read(end - start)


def _path(stream: BinaryIO, start: int, end: int, *kinds: str) -> tuple[int, int] | None:
    """Return the first box reached by following ``kinds`` down from a container."""
    for kind in kinds:
        boxes = _children(stream, start, end).get(kind)
        if not boxes:
            return None
        start, end = boxes[0]
    return start, end


def _movie_duration(mvhd: bytes) -> float:
    """Seconds from ``mvhd``: version 0 has 32-bit times, version 1 64-bit ones."""
    if mvhd[:1] == b"\x01":
        timescale, duration = struct.unpack(">IQ", mvhd[20:32])
    else:
        timescale, duration = struct.unpack(">II", mvhd[12:20])
    if not timescale:
        raise NotMp4Error("die MP4-Datei nennt keine Zeitskala ('mvhd')")
    seconds: float = duration / timescale
    return seconds


def _video_track(stream: BinaryIO, start: int, end: int) -> VideoTrack | None:
    """Return the track's codec, size and frame rate when its handler is ``vide``."""
    mdia = _path(stream, start, end, "mdia")
    if mdia is None:
        return None
    hdlr = _path(stream, *mdia, "hdlr")
    if hdlr is None or _read(stream, *hdlr)[8:12] != b"vide":
        return None
    stbl = _path(stream, *mdia, "minf", "stbl")
    stsd = _path(stream, *stbl, "stsd") if stbl else None
    if stsd is None:
        raise NotMp4Error("die Videospur beschreibt ihr Format nicht ('stsd' fehlt)")
    entries = list(_boxes(stream, stsd[0] + 8, stsd[1]))  # after version, flags and count
    if not entries:
        raise NotMp4Error("die Videospur beschreibt ihr Format nicht ('stsd' ist leer)")
    codec, entry_start, _ = entries[0]
    stream.seek(entry_start + 24)  # VisualSampleEntry: width and height after 24 bytes
    width, height = struct.unpack(">HH", stream.read(4))
    return VideoTrack(codec=codec, width=width, height=height,
                      frame_rate=_frame_rate(stream, mdia, stbl))


def _frame_rate(stream: BinaryIO, mdia: tuple[int, int], stbl: tuple[int, int] | None) -> float:
    """Frames per second: samples per track time, from ``stts`` and ``mdhd``'s time scale."""
    mdhd = _path(stream, *mdia, "mdhd")
    stts = _path(stream, *stbl, "stts") if stbl else None
    if mdhd is None or stts is None:
        return 0.0
    header = _read(stream, *mdhd)
    timescale = struct.unpack(">I", header[20:24] if header[:1] == b"\x01" else header[12:16])[0]
    table = _read(stream, *stts)
    count = struct.unpack(">I", table[4:8])[0]
    pairs = struct.unpack(f">{2 * count}I", table[8:8 + 8 * count])
    samples = sum(pairs[0::2])
    ticks = sum(n * delta for n, delta in zip(pairs[0::2], pairs[1::2], strict=True))
    return samples * timescale / ticks if ticks else 0.0
