"""The build's brotli and gzip copies (sitekit/precompress.py, hooks/precompress.py): beside every
compressible file, each the file itself once decompressed, made once and then taken from the cache."""

from __future__ import annotations

import gzip
import importlib.util
import os
import threading
import time
from pathlib import Path

import brotli
import pytest

from sitekit import cachefile, precompress
from sitekit.settings import SettingsError, validate

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("<!doctype html><title>A page</title>" + "<p>Plain words, said again and again.</p>" * 200).encode()


def small_site(folder: Path) -> Path:
    site = folder / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_bytes(TEXT)
    (site / "assets" / "page.mjs").write_bytes(b"export const words = " + b"'words ' + " * 300 + b"'';\n")
    (site / "assets" / "tiny.css").write_bytes(b"a{}")  # a copy would be larger than the file
    (site / "assets" / "engine.zip").write_bytes(os.urandom(4000))  # compressed already: left alone
    (site / "_headers").write_text("/*\n  X-Content-Type-Options: nosniff\n", encoding="utf-8")
    return site


def test_every_compressible_file_gets_a_brotli_and_a_gzip_copy_that_decodes_to_it(tmp_path):
    site = small_site(tmp_path)
    report = precompress.precompress(site, cache=tmp_path / "cache")
    for name in ("index.html", "assets/page.mjs"):
        original = (site / name).read_bytes()
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original
        assert (site / f"{name}.br").stat().st_size < (site / f"{name}.gz").stat().st_size < len(original)
    # Not smaller, not compressible, or not a file of the site: no copy.
    made = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix in (".br", ".gz"))
    assert made == ["assets/page.mjs.br", "assets/page.mjs.gz", "index.html.br", "index.html.gz"]
    assert report.files == 3 and report.written == 4 and report.compressed == 6


def test_the_gzip_copy_is_zopflis_smaller_than_zlibs_best(tmp_path):
    site = small_site(tmp_path)
    text = b"".join((ROOT / "sitekit" / name).read_bytes() for name in ("settings.py", "regions.py", "figures.py"))
    (site / "index.html").write_bytes(text)
    precompress.precompress(site, cache=None)
    assert (site / "index.html.gz").stat().st_size < len(gzip.compress(text, 9))


def test_a_rebuild_takes_unchanged_files_from_the_cache_and_compresses_a_changed_one(tmp_path):
    cache = tmp_path / "cache"
    precompress.precompress(small_site(tmp_path / "first"), cache=cache)
    second = small_site(tmp_path / "second")
    changed = TEXT.replace(b"Plain", b"Other")
    (second / "index.html").write_bytes(changed)
    report = precompress.precompress(second, cache=cache)
    assert report.compressed == 2, "only the changed page, in both encodings"
    assert brotli.decompress((second / "index.html.br").read_bytes()) == changed
    again = precompress.precompress(second, cache=cache)
    assert again.compressed == 0 and again.written == 4


@pytest.mark.skipif(cachefile.fcntl is None, reason="no file locks on this system (Windows)")
def test_two_builds_at_once_compress_each_file_once(tmp_path, monkeypatch):
    # As the test suite's processes do: two sites with the same files, built at the same moment.
    calls = []
    real = dict(precompress.ENCODERS)

    def slow(encoding):
        def encode(data):
            calls.append((encoding, data))
            time.sleep(0.2)  # long enough for the other build to reach the same file meanwhile
            return real[encoding](data)

        return encode

    monkeypatch.setattr(precompress, "ENCODERS", {encoding: slow(encoding) for encoding in real})
    cache = tmp_path / "cache"
    sites = [small_site(tmp_path / name) for name in ("first", "second")]
    reports = {}
    builds = [
        threading.Thread(target=lambda site=site: reports.update({site: precompress.precompress(site, cache=cache)}))
        for site in sites
    ]
    for build in builds:
        build.start()
    for build in builds:
        build.join()
    # Three files are compressible (index.html, page.mjs and tiny.css), each in two encodings: six
    # compressions in all, none made twice, and every other copy taken from the cache.
    assert len(calls) == len(set(calls)) == 6
    assert sum(report.compressed for report in reports.values()) == 6
    for site in sites:
        assert brotli.decompress((site / "index.html.br").read_bytes()) == TEXT


def test_a_copy_whose_file_is_gone_or_changed_and_no_longer_smaller_is_removed(tmp_path):
    site = small_site(tmp_path)
    cache = tmp_path / "cache"
    precompress.precompress(site, cache=cache)
    (site / "index.html").unlink()
    (site / "assets" / "page.mjs").write_bytes(b"a")
    # MkDocs writes sitemap.xml.gz itself, larger than a short sitemap: a copy of the file as it is stays.
    sitemap = b"<urlset></urlset>"
    (site / "sitemap.xml").write_bytes(sitemap)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap))
    precompress.precompress(site, cache=cache)
    assert [path.name for path in site.rglob("*") if path.suffix in (".br", ".gz")] == ["sitemap.xml.gz"]


def load_hook():
    spec = importlib.util.spec_from_file_location("precompress_hook_under_test", ROOT / "hooks" / "precompress.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Config(dict):
    """What the hook reads of MkDocs' config: site_dir and extra.build."""

    def __getattr__(self, name):
        return self[name]


def test_the_hook_writes_the_copies_on_build_and_skips_them_under_serve_or_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache")
    hook = load_hook()
    for command, setting, expected in (("serve", True, False), ("build", False, False), ("build", True, True)):
        site = small_site(tmp_path / f"{command}-{setting}")
        hook.on_startup(command=command, dirty=False)
        hook.on_post_build(Config(site_dir=str(site), extra={"build": {"precompress": setting}}))
        assert (site / "index.html.br").exists() is expected, (command, setting)


def test_the_build_setting_is_on_by_default_and_must_be_true_or_false(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n", encoding="utf-8")
    assert validate({}, str(config)).build == {"precompress": True}
    assert validate({"build": {"precompress": False}}, str(config)).build == {"precompress": False}
    with pytest.raises(SettingsError) as raised:
        validate({"build": {"precompress": "yes"}}, str(config))
    assert "extra.build.precompress: expected true or false" in str(raised.value)
