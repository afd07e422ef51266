"""Commands for a built site:

python -m sitekit nginx SITE_DIR [--listen 80] [--server-name example.org] [--brotli auto|on|off]
    print an nginx server block with the security headers from the site's `_headers` file, which
    sends the build's precompressed copies
python -m sitekit serve SITE_DIR [--port 8000]
    serve the built site on 127.0.0.1 with those headers, to check it as a host would serve it
python -m sitekit translations [--lang es] [--stamp [UNIT ...]]
    list each translated page and text whose English has changed since it was translated (the
    build warns of the same); --stamp records that the named units (all, if none is named) are in
    step with the English now, once they have been translated again
"""

from __future__ import annotations

import argparse
import sys

from . import languages
from .nginx import server_block


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitekit")
    commands = parser.add_subparsers(dest="command", required=True)
    nginx = commands.add_parser("nginx", help="print an nginx server block for a built site")
    nginx.add_argument("site_dir", help="the built site (the folder `make build` writes, site/ by default)")
    nginx.add_argument("--listen", default="80", help="what nginx listens on (default: %(default)s)")
    nginx.add_argument("--server-name", default="_", help="the site's host name (default: any)")
    nginx.add_argument(
        "--brotli",
        choices=("auto", "on", "off"),
        default="auto",
        help="send the build's .br copies (brotli_static): auto uses it when Debian's "
        "libnginx-mod-http-brotli-static is enabled (default: %(default)s)",
    )
    serve = commands.add_parser("serve", help="serve a built site on 127.0.0.1 with its _headers")
    serve.add_argument("site_dir")
    serve.add_argument("--port", type=int, default=8000)
    translating = commands.add_parser("translations", help="list translations whose English has changed")
    translating.add_argument("--lang", default="es", choices=[c for c in languages.LANGUAGES if c != languages.SOURCE])
    translating.add_argument("--stamp", nargs="*", metavar="UNIT", help="record the English these units translate now")
    args = parser.parse_args(argv)
    if args.command == "translations":
        return _translations(args.lang, args.stamp)
    if args.command == "serve":
        return _serve(args.site_dir, args.port)
    try:
        print(server_block(args.site_dir, args.listen, args.server_name, args.brotli), end="")
    except FileNotFoundError:
        print(f"error: {args.site_dir} has no _headers file; build the site first (make build)", file=sys.stderr)
        return 2
    return 0


def _translations(language: str, units: list[str] | None) -> int:
    from . import translations

    try:
        if units is not None:
            stamped = translations.stamp(language, units or None)
            manifest = f"translations/{language}/{languages.MANIFEST}"
            print(f"Recorded the English of {len(stamped)} translated units in {manifest}")
            return 0
        current = translations.current_units(language)
        stale = translations.stale_units(language)
    except translations.TranslationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for unit in stale:
        print(unit.message(language))
    print(f"{len(current)} translated units, {len(stale)} to translate again")
    return 1 if stale else 0


def _serve(site_dir: str, port: int) -> int:
    import time
    from pathlib import Path

    from .headers import read_headers_file
    from .serve import SiteServer

    headers = read_headers_file(site_dir)["/*"] if (Path(site_dir) / "_headers").exists() else {}
    with SiteServer(Path(site_dir), headers=headers, port=port) as server:
        print(f"Serving {site_dir} at {server.origin}/ with its headers; press Ctrl+C to stop.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
