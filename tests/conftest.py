"""Shared fixtures: the sites built once per test session and served on 127.0.0.1, and the hypothesis
profiles. The building itself is devkit.sites, which the benchmark uses too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from devkit.sites import ROOT, build_site, write_clinic_config, write_site_config
from sitekit.serve import SiteServer

# A quick run while editing (`make test-fast`) and the fuller one in CI (CI=true); HYPOTHESIS_PROFILE
# picks one by name. No deadline: on a shared 2-core machine one example may take far longer than usual.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default site, built once for the whole session."""
    folder = tmp_path_factory.mktemp("default-site")
    return build_site(write_site_config(folder))


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example clinic's site (example-clinic.yml), built once for the whole session."""
    folder = tmp_path_factory.mktemp("example-clinic")
    return build_site(write_clinic_config(folder, ROOT / "example-clinic.yml"))
