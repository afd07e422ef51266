"""`python -m sitekit nginx SITE_DIR [--listen 80] [--server-name example.org]`: print an nginx
server block for a built site, with the security headers from its `_headers` file."""

from __future__ import annotations

import argparse
import sys

from .nginx import server_block


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitekit")
    commands = parser.add_subparsers(dest="command", required=True)
    nginx = commands.add_parser("nginx", help="print an nginx server block for a built site")
    nginx.add_argument("site_dir", help="the built site (the folder `make build` writes, site/ by default)")
    nginx.add_argument("--listen", default="80", help="what nginx listens on (default: %(default)s)")
    nginx.add_argument("--server-name", default="_", help="the site's host name (default: any)")
    args = parser.parse_args(argv)
    try:
        print(server_block(args.site_dir, args.listen, args.server_name), end="")
    except FileNotFoundError:
        print(f"error: {args.site_dir} has no _headers file; build the site first (make build)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
