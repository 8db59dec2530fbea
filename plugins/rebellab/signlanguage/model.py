"""Videos in Deutscher Gebärdensprache (DGS), declared in ``data/gebaerdensprache.yaml``.

Each entry names the text it translates (a text in Leichter Sprache or a page). An entry
with a ``video`` is published with its poster and optional captions; an entry without one
is an explanation "in Vorbereitung". File size, running time, codec, picture size and frame
rate are read from the files themselves (:mod:`rebellab.signlanguage.mp4`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from rebellab.kernel.fields import Fields
from rebellab.kernel.problems import Problem
from rebellab.kernel.yamlfile import LineDict, load_data_file
from rebellab.signlanguage.mp4 import NotMp4Error, probe
from rebellab.signlanguage.webvtt import check_webvtt

DATA_FILE = "data/gebaerdensprache.yaml"
FOLDER = "content/gebaerdensprache"  # the videos, posters and captions (static files)
ENTRY_KEYS = ("title", "text", "page", "video", "poster", "captions")
POSTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# BITV 2.0 Anlage 2 Teil 1: at least 320 x 240 pixels and 25 frames per second.
MIN_WIDTH, MIN_HEIGHT, MIN_FRAME_RATE = 320, 240, 25
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")


@dataclass(frozen=True)
class VideoFile:
    """A published video: the files (below ``content/gebaerdensprache/``) and their facts."""

    video: str
    poster: str
    captions: str | None
    size: int  # bytes
    duration: float  # seconds


@dataclass(frozen=True)
class SignVideo:
    """One explanation in DGS: published (``file`` set) or in preparation."""

    title: str
    text: str | None  # slug of a text in Leichter Sprache
    page: str | None  # slug of a page in content/pages/
    file: VideoFile | None

    @property
    def anchor(self) -> str:
        """``id`` of the video on the DGS page, also linked from the text it translates."""
        return f"dgs-{self.text or self.page}"


def load_sign_videos(root: Path, texts: Collection[str], pages: Collection[str],
                     problems: list[Problem]) -> tuple[SignVideo, ...]:
    """Read the data file below ``root`` (absent: no entries); report every problem."""
    data = load_data_file(root / DATA_FILE, DATA_FILE, LineDict,
                          "Die Datei muss mit 'videos:' beginnen, darunter die Liste.", problems)
    if data is None:
        return ()
    fields = Fields(data, DATA_FILE, problems)
    entries = fields.items("videos", required=True)
    fields.finish()
    videos = []
    for item, line in entries:
        video = _entry(root, item, line, texts, pages, problems)
        if video is not None:
            videos.append(video)
    return tuple(videos)


def _entry(root: Path, item: object, line: int, texts: Collection[str],
           pages: Collection[str], problems: list[Problem]) -> SignVideo | None:
    if not isinstance(item, LineDict):
        problems.append(Problem(DATA_FILE, line, "Jeder Eintrag unter 'videos' braucht "
                                                 "Schlüssel wie 'title:' und 'text:'."))
        return None
    before = len(problems)
    fields = Fields(item, DATA_FILE, problems, line=line)
    title = fields.text("title", required=True)
    text = fields.ref("text", texts, "Unbekannter Text in Leichter Sprache",
                      list_known=True)
    page = fields.ref("page", pages, "Unbekannte Seite", list_known=True)
    if fields.has("text") == fields.has("page"):
        fields.error(None, "Bitte genau eines angeben: 'text' (Slug eines Textes in Leichter "
                           "Sprache) oder 'page' (Slug einer Seite), den das Video übersetzt.")
    file = _video_file(root, fields)
    fields.finish(ENTRY_KEYS)
    if len(problems) > before or title is None:
        return None
    return SignVideo(title=title, text=text, page=page, file=file)


def _video_file(root: Path, fields: Fields) -> VideoFile | None:
    """Check the files of a published video; return None for an entry in preparation."""
    if not fields.has("video"):
        for key in ("poster", "captions"):
            if fields.has(key):
                fields.error(key, f"'{key}' gehört zu einem Video: bitte auch 'video' angeben "
                                  "oder die Zeile löschen.")
        return None
    video = _existing(root, fields, "video", (".mp4",), "Die Videodatei")
    poster = _existing(root, fields, "poster", POSTER_SUFFIXES, "Das Vorschaubild",
                       required=True)
    captions = _existing(root, fields, "captions", (".vtt",), "Die Untertitel-Datei")
    duration = _check_mp4(root, fields, video) if video else None
    if captions:
        _check_captions(root, captions, fields.problems)
    if video is None or poster is None or duration is None:
        return None
    return VideoFile(video=video, poster=poster, captions=captions,
                     size=(root / FOLDER / video).stat().st_size, duration=duration)


def _existing(root: Path, fields: Fields, key: str, suffixes: tuple[str, ...], what: str,
              *, required: bool = False) -> str | None:
    """Return a file name below the folder that exists and has one of ``suffixes``."""
    name = fields.text(key, required=required)
    if name is None:
        return None
    if not _FILE_NAME.fullmatch(name) or ".." in name.split("/"):
        fields.error(key, f"'{name}' ist kein Dateiname: bitte nur den Namen der Datei in "
                          f"{FOLDER}/ angeben, zum Beispiel 'willkommen{suffixes[0]}'.")
        return None
    if not name.lower().endswith(suffixes):
        fields.error(key, f"'{name}': erwartet wird eine Datei mit der Endung "
                          f"{' oder '.join(suffixes)}.")
        return None
    if not (root / FOLDER / name).is_file():
        fields.error(key, f"{what} '{FOLDER}/{name}' fehlt.")
        return None
    return name


def _check_mp4(root: Path, fields: Fields, name: str) -> float | None:
    """Return the running time of an MP4 file with H.264 video as Anlage 2 asks it."""
    try:
        facts = probe(root / FOLDER / name)
    except NotMp4Error as error:
        fields.error("video", f"'{name}': {error}.")
        return None
    track = facts.video
    if track is None:
        fields.error("video", f"'{name}' enthält keine Videospur.")
        return None
    if not track.is_h264:
        fields.error("video", f"'{name}' ist mit {track.codec_name} kodiert; Browser spielen "
                              "nur MP4 mit H.264 sicher ab. Bitte neu kodieren, zum Beispiel: "
                              f"ffmpeg -i {name} -c:v libx264 -pix_fmt yuv420p -c:a aac "
                              "neu.mp4")
        return None
    if track.width < MIN_WIDTH or track.height < MIN_HEIGHT \
            or math.floor(track.frame_rate + 0.01) < MIN_FRAME_RATE:
        fields.error("video", f"'{name}' hat {track.width} × {track.height} Pixel und "
                              f"{track.frame_rate:.3g} Bilder pro Sekunde; die BITV 2.0 "
                              f"(Anlage 2) verlangt mindestens {MIN_WIDTH} × {MIN_HEIGHT} Pixel "
                              f"und {MIN_FRAME_RATE} Bilder pro Sekunde.")
        return None
    return facts.duration


def _check_captions(root: Path, name: str, problems: list[Problem]) -> None:
    """Problems of a WebVTT file, reported at its own lines."""
    rel = f"{FOLDER}/{name}"
    try:
        text = (root / rel).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(rel, 1, "Die Untertitel-Datei ist nicht UTF-8-kodiert; bitte "
                                        "als UTF-8 speichern."))
        return
    problems.extend(Problem(rel, line, message) for line, message in check_webvtt(text))


def running_time(seconds: float) -> str:
    """Format a running time for people: ``1:05 Minuten``, ``1:02:03 Stunden``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d} Stunden"
    return f"{minutes}:{secs:02d} Minuten"


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration for ``<time datetime>``: ``PT1M5S``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") \
        + f"{secs}S"
