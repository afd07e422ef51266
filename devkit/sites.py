"""Building the site into a throw-away folder, as `mkdocs build --strict` does: the default site,
or a clinic's site from a clinic file such as example-clinic.yml."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def write_site_config(
    folder: Path, precompress: bool = False, languages: tuple[str, ...] = ("en",), **settings
) -> Path:
    """A mkdocs.yml in `folder` that inherits the project's, with absolute paths and `settings` on top.
    Throw-away sites leave out the brotli and gzip copies (a few seconds of compression for each
    build) unless `precompress` asks for them, as the sites served through nginx do, and are built
    in English alone (each other language is a build of its own) unless `languages` or the
    settings' extra.clinic.languages says otherwise."""
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "docs"),
        "site_dir": str(folder / "site"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / hook) for hook in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["hooks"]],
    }
    config.update(settings)
    extra = config.get("extra", {})
    clinic = extra.get("clinic", {})
    config["extra"] = {**extra, "clinic": {**clinic, "languages": clinic.get("languages", list(languages))}}
    if not precompress:
        extra = config["extra"]
        config["extra"] = {**extra, "build": {**extra.get("build", {}), "precompress": False}}
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_site(config_path: Path) -> Path:
    """Build like `mkdocs build --strict`; raise what MkDocs raises (Abort, PluginError...)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_path), strict=True)
    build(config)
    return Path(config.site_dir)


def clinic_settings(clinic_file: Path) -> dict:
    """A clinic file's own settings (what it adds to mkdocs.yml), with its paths made absolute."""
    config = yaml.safe_load(clinic_file.read_text(encoding="utf-8"))
    config.pop("INHERIT")
    extra = config.get("extra", {})
    clinic, self_check = extra.get("clinic", {}), extra.get("self_check", {})
    if clinic.get("logo"):
        clinic["logo"] = str(clinic_file.parent / clinic["logo"])
    if self_check.get("bank"):
        self_check["bank"] = str(clinic_file.parent / self_check["bank"])
    return config


def write_clinic_config(folder: Path, clinic_file: Path, **settings) -> Path:
    return write_site_config(folder, **{**clinic_settings(clinic_file), **settings})
