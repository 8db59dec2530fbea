"""Pelican side of the DGS videos: the page ``/gebaerdensprache/`` and the video files.

The declared files (video, poster, captions) are handed to Pelican's static generator as
``static_links``, as a ``{static}`` link in content would be: it copies exactly these files
and knows their URLs. ``load_lab`` has checked the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pelican.generators import Generator

from rebellab.signlanguage.model import FOLDER, SignVideo, iso_duration, running_time

STATIC_FOLDER = FOLDER.removeprefix("content/")  # below PATH, as Pelican names static files


@dataclass(frozen=True)
class ShownVideo:
    """A video as the page shows it: the entry, the translated text and the file URLs."""

    entry: SignVideo
    target_title: str
    target_url: str
    video_url: str = ""
    poster_url: str = ""
    captions_url: str = ""

    @property
    def running_time(self) -> str:
        """Running time for people (``1:05 Minuten``)."""
        return running_time(self.entry.file.duration) if self.entry.file else ""

    @property
    def duration_iso(self) -> str:
        """Running time for ``<time datetime>``."""
        return iso_duration(self.entry.file.duration) if self.entry.file else ""


class SignLanguageGenerator(Generator):
    """Writes ``/gebaerdensprache/``: the videos and the explanations in preparation."""

    def generate_context(self) -> None:
        """Ask the static generator to publish the declared files."""
        for video in self.context["lab"].sign_videos:
            if video.file:
                names = (video.file.video, video.file.poster, video.file.captions)
                self.context["static_links"] |= {f"{STATIC_FOLDER}/{name}"
                                                 for name in names if name}

    def generate_output(self, writer: Any) -> None:
        """Write the page."""
        shown = [self._shown(video) for video in self.context["lab"].sign_videos]
        url = self.settings["SIGN_LANGUAGE_URL"]
        writer.write_file(self.settings["SIGN_LANGUAGE_SAVE_AS"],
                          self.get_template("gebaerdensprache/index"), self.context,
                          page_url=url,
                          videos=[item for item in shown if item.entry.file],
                          planned=[item for item in shown if not item.entry.file])

    def _shown(self, video: SignVideo) -> ShownVideo:
        title, url = self._target(video)
        if video.file is None:
            return ShownVideo(video, title, url)
        return ShownVideo(video, title, url, video_url=self._static_url(video.file.video),
                          poster_url=self._static_url(video.file.poster),
                          captions_url=self._static_url(video.file.captions))

    def _target(self, video: SignVideo) -> tuple[str, str]:
        """Title and URL of the text or page the video translates."""
        if video.text:
            pages = [self.context.get("easy_read_start"), *self.context["easy_read_pages"]]
        else:
            pages = [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        wanted = video.text or video.page
        page = next(page for page in pages if page is not None and page.slug == wanted)
        return page.title, page.url

    def _static_url(self, name: str | None) -> str:
        if not name:
            return ""
        url: str = self.context["static_content"][f"{STATIC_FOLDER}/{name}"].url
        return url
