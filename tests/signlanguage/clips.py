"""Tiny test clips made with ffmpeg (Debian package, installed by .ci/run); never downloaded.

The build reads MP4 files in pure Python; only the tests need ffmpeg, to make real files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.browser import running_in_ci


def require_ffmpeg() -> None:
    """Skip (CI unset) or fail (CI set) when ffmpeg is missing."""
    if shutil.which("ffmpeg"):
        return
    reason = "ffmpeg fehlt; installieren mit `apt-get install ffmpeg` (oder .ci/run)"
    if running_in_ci():
        pytest.fail(f"CI ist gesetzt, aber {reason}", pytrace=False)
    pytest.skip(reason)


def make_clip(path: Path, *, codec: str = "libx264", size: str = "320x240", rate: int = 25,
              seconds: float = 2.0, audio: bool = False, faststart: bool = False) -> Path:
    """Write a test-pattern clip (``codec``: libx264 for H.264, mpeg4 for MPEG-4 Part 2)."""
    require_ffmpeg()
    command = ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
               "-i", f"testsrc=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    "-c:a", "aac"]
    command += ["-c:v", codec, "-pix_fmt", "yuv420p", "-map_metadata", "-1",
                "-fflags", "+bitexact", "-flags:v", "+bitexact"]
    if faststart:
        command += ["-movflags", "+faststart"]
    subprocess.run([*command, str(path)], check=True, capture_output=True)
    return path


def make_poster(path: Path) -> Path:
    """Write a still image of the test pattern (JPEG)."""
    require_ffmpeg()
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "testsrc=size=320x240:rate=1", "-frames:v", "1", str(path)],
                   check=True, capture_output=True)
    return path
