"""The data files are read once per build (sitekit/data.py), and again once one has changed."""

from __future__ import annotations

import os
import shutil

import pytest

from sitekit import data, project


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(project.DATA, copy)
    monkeypatch.setattr(data, "DATA", copy)
    monkeypatch.setattr(data, "_last", None)
    return copy


def test_every_hook_of_a_build_gets_the_same_data(data_dir):
    first = data.load()
    assert data.load() is first
    assert first.references and first.claims and first.region_texts
    assert "US" in first.regions and first.treatments


def test_an_edited_file_is_read_again(data_dir):
    first = data.load()
    treatments = data_dir / "treatments.yml"
    added = "\nnew-treatment:\n  name: New\n  product: ketamine\n"
    treatments.write_text(treatments.read_text(encoding="utf-8") + added, encoding="utf-8")
    stat = treatments.stat()
    os.utime(treatments, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = data.load()
    assert second is not first and "new-treatment" in second.treatments


def test_a_broken_file_stops_with_its_name_and_the_fix(data_dir):
    (data_dir / "references.yml").write_text("just text\n", encoding="utf-8")
    with pytest.raises(data.DataError) as caught:
        data.load()
    assert str(caught.value).startswith("Content data is not valid")
    assert "data/references.yml" in str(caught.value)
