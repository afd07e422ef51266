"""Glue: a Content-Security-Policy <meta> on every page, and the matching header for hosts.

The logic is in sitekit/csp.py. on_post_page sees each page's final HTML (with the theme's inline
scripts), so the hashes are those of what is served; on_post_build writes the header policy,
which allows every page's scripts, into the deployment files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.plugins import event_priority

from sitekit import csp, headers, languages


@dataclass
class CspBuild:
    hashes: list[str] = field(default_factory=list)  # every page's inline-script hashes, in first-seen order
    wasm: str | None = None  # the runtime's WebAssembly file, which the headers file serves with its type


_build = CspBuild()


def on_pre_build(config):
    global _build
    _build = CspBuild()


def on_files(files, config):
    _build.wasm = next((f.dest_uri for f in files if f.dest_uri.endswith(".wasm")), None)
    return files


# Last of all the hooks, so the hashes are those of the page's final HTML.
@event_priority(-100)
def on_post_page(output, page, config):
    return _with_policy(output)


def on_post_build(config):
    # The site has one header policy: another language's edition (site/es/, built by hooks/languages.py
    # before this runs) leaves its pages' hashes in its folder for the root edition's build.
    if languages.in_other_edition():
        languages.hand_over(config.site_dir, _build.hashes)
        return
    folders = list(config.extra["clinic"]["languages"][1:])
    hashes = [*_build.hashes, *(h for h in languages.handed_over(config.site_dir, folders) if h not in _build.hashes)]
    # Only a header can say who may show these pages in a frame: this site, and the clinic's own
    # sites that embed the self-check (extra.clinic.embed_origins).
    ancestors = ["'self'", *config.extra["clinic"]["embed_origins"]]
    policy = csp.policy(sorted(hashes), extra={"frame-ancestors": ancestors})
    headers.write_headers_file(config.site_dir, policy, _build.wasm)


# 404.html and other static templates do not pass through on_post_page.
@event_priority(-100)
def on_post_template(output_content, template_name, config):
    return _with_policy(output_content) if template_name.endswith(".html") else output_content


def _with_policy(html: str) -> str:
    """The page with its <meta> policy; its inline-script hashes join the header's."""
    html, hashes = csp.add_meta_policy(html)
    _build.hashes.extend(h for h in hashes if h not in _build.hashes)
    return html
