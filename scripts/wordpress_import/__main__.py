"""``make import-wordpress WXR=export.xml``: move a WordPress blog into this site."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from scripts.wordpress_import.importer import Importer
from scripts.wordpress_import.media import Fetcher
from scripts.wordpress_import.report import render
from scripts.wordpress_import.wxr import WxrError, read_export

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Run the import and print the report; 1 if the export cannot be read."""
    parser = argparse.ArgumentParser(prog="make import-wordpress",
                                     description="WordPress-Export (WXR) übernehmen")
    parser.add_argument("wxr", type=Path, help="Exportdatei von WordPress (WXR, .xml)")
    parser.add_argument("--root", type=Path, default=Path(os.environ.get("LAB_ROOT", REPO)),
                        help="Ordner mit content/ und data/ (Standard: dieses Repository)")
    parser.add_argument("--media", type=Path, help="lokale Kopie von wp-content/uploads")
    parser.add_argument("--download", action="store_true",
                        help="fehlende Medien über http(s) von der alten Website laden")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="Zeitlimit je Datei beim Laden in Sekunden (Standard 20)")
    parser.add_argument("--max-mb", type=float, default=20.0,
                        help="Größenlimit je Datei beim Laden in MB (Standard 20)")
    parser.add_argument("--report", type=Path, help="Bericht zusätzlich in diese Datei schreiben")
    args = parser.parse_args(argv)
    if args.media is not None and not args.media.is_dir():
        print(f"Medienordner {args.media} gibt es nicht.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        export = read_export(args.wxr)
    except WxrError as error:
        print(error, file=sys.stderr)
        return 1
    fetcher = Fetcher(timeout=args.timeout, max_bytes=int(args.max_mb * 1024 * 1024))
    result = Importer(export, args.root.resolve(), media=args.media, download=args.download,
                      fetcher=fetcher).run()
    text = render(result, time.perf_counter() - started)
    print(text, end="")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
