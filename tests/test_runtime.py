"""The Pyodide runtime is pinned: a missing or altered file stops the build with the fix."""

import hashlib
import io
import json
import shutil
import zipfile

import pytest

from quiz import runtime

ROOT = runtime.MANIFEST.parent.parent
STOCK = ROOT / "node_modules" / "pyodide"


@pytest.fixture
def node_modules(tmp_path):
    """A copy of the installed runtime that a test may damage."""
    copy = tmp_path / "node_modules" / "pyodide"
    copy.mkdir(parents=True)
    for name in [*runtime.manifest()["files"], "package.json", "pyodide-lock.json"]:
        shutil.copyfile(STOCK / name, copy / name)
    return tmp_path / "node_modules"


def test_the_installed_runtime_matches_the_pins(node_modules):
    files = runtime.runtime_files(node_modules)
    assert sorted(files) == sorted(runtime.manifest()["files"])
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert pinned == runtime.manifest()["version"], "package.json and quiz/pyodide-runtime.json pin one version"


def test_a_missing_runtime_says_how_to_install_it(tmp_path):
    with pytest.raises(runtime.RuntimeFilesError, match=r"the Pyodide runtime is missing .*run `npm ci`"):
        runtime.runtime_files(tmp_path / "node_modules")


def test_a_missing_file_is_named(node_modules):
    (node_modules / "pyodide" / "python_stdlib.zip").unlink()
    with pytest.raises(runtime.RuntimeFilesError, match=r"python_stdlib\.zip is missing; run `npm ci`"):
        runtime.runtime_files(node_modules)


def test_an_altered_file_is_refused(node_modules):
    wasm = node_modules / "pyodide" / "pyodide.asm.wasm"
    data = bytearray(wasm.read_bytes())
    data[1000] ^= 0xFF
    wasm.write_bytes(bytes(data))
    expected = r"pyodide\.asm\.wasm has been altered .* delete node_modules and run `npm ci`"
    with pytest.raises(runtime.RuntimeFilesError, match=expected):
        runtime.runtime_files(node_modules)


def test_another_version_is_refused(node_modules):
    package = node_modules / "pyodide" / "package.json"
    data = json.loads(package.read_text())
    data["version"] = "0.27.0"
    package.write_text(json.dumps(data))
    expected = r"is Pyodide 0\.27\.0, but pyodide-runtime\.json pins 314\.0\.7"
    with pytest.raises(runtime.RuntimeFilesError, match=expected):
        runtime.runtime_files(node_modules)


def test_the_engine_wheel_holds_only_the_engine_and_is_reproducible():
    name, data = runtime.engine_wheel("1.2.3")
    assert name == "quiz_engine-1.2.3-py3-none-any.whl"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(n for n in names if not n.startswith("quiz_engine-")) == ["quiz/__init__.py", "quiz/engine.py"]
    assert runtime.engine_wheel("1.2.3")[1] == data, "the same code gives the same bytes"


def test_the_lock_lists_only_the_engine_with_its_hash():
    name, data = runtime.engine_wheel("1.2.3")
    lock = json.loads(runtime.engine_lock(ROOT / "node_modules", name, data))
    assert list(lock["packages"]) == ["quiz-engine"]
    entry = lock["packages"]["quiz-engine"]
    assert entry["file_name"] == name and entry["imports"] == ["quiz"]
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_stale_standard_library_list_is_refused(tmp_path, monkeypatch):
    listing = tmp_path / "list.txt"
    listing.write_text("json/__init__.py\nno_such_module.py\n")
    monkeypatch.setattr(runtime, "STDLIB_LIST", listing)
    expected = r"lists files that python_stdlib\.zip lacks: no_such_module\.py"
    with pytest.raises(runtime.RuntimeFilesError, match=expected):
        runtime.trimmed_stdlib(STOCK / "python_stdlib.zip")


@pytest.mark.parametrize(
    ("script", "timeout_s", "expected"),
    [
        ('console.error("the minifier broke"); process.exit(3);', 60, r"failed \(exited with 3\): the minifier broke"),
        ("setTimeout(() => {}, 60000);", 1, r"took over 1 s"),
    ],
)
def test_a_minifier_that_fails_or_hangs_is_reported_and_every_process_stopped(
    tmp_path, monkeypatch, script, timeout_s, expected
):
    minifier = tmp_path / "minify.mjs"
    minifier.write_text(script + "\n", encoding="utf-8")
    monkeypatch.setattr(runtime, "MINIFY_SCRIPT", minifier)
    monkeypatch.setattr(runtime, "MINIFY_TIMEOUT_S", timeout_s)
    started = []
    real_popen = runtime.subprocess.Popen
    monkeypatch.setattr(runtime.subprocess, "Popen", lambda *a, **k: started.append(real_popen(*a, **k)) or started[-1])
    names = ["json/__init__.py", "json/decoder.py", "json/encoder.py", "json/scanner.py"]
    with pytest.raises(runtime.RuntimeFilesError, match=expected):
        runtime._minify_in_pyodide(STOCK / "python_stdlib.zip", names, tmp_path)
    assert started and all(process.poll() is not None for process in started)


def test_the_shipped_standard_library_is_trimmed_and_minified_but_keeps_licence_notices():
    """It holds exactly the listed files, minified, under a name that is its content hash, and the
    same inputs give the same bytes."""
    name, data = runtime.trimmed_stdlib(STOCK / "python_stdlib.zip")
    shipped = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(shipped.namelist()) == sorted(runtime.stdlib_files())
    for needed in ("json/__init__.py", "_pyodide/_base.py", "pyodide/_package_loader.py", "traceback.py"):
        assert needed in runtime.stdlib_files()
    assert name == f"python_stdlib-{hashlib.sha256(data).hexdigest()[:12]}.zip"
    stock = zipfile.ZipFile(STOCK / "python_stdlib.zip")
    json_stock, json_shipped = stock.read("json/__init__.py").decode(), shipped.read("json/__init__.py").decode()
    assert "JSON (JavaScript Object Notation)" in json_stock
    assert "JSON (JavaScript Object Notation)" not in json_shipped, "docstrings are removed"
    assert "def dumps(" in json_shipped and "__all__" in json_shipped, "the code is kept"
    assert not [line for line in json_shipped.splitlines() if line.lstrip().startswith("#")], "comments go"
    assert len(data) < 0.6 * sum(
        info.compress_size for info in stock.infolist() if info.filename in runtime.stdlib_files()
    )
    # Licence notices that ask to travel with every copy stay at the top of their files.
    for module, notice in [
        ("logging/__init__.py", "Copyright 2001-2022 by Vinay Sajip"),
        ("tarfile.py", "Copyright (C) 2002 Lars Gustaebel"),
        ("re/_parser.py", "Copyright (c) 1998-2001 by Secret Labs AB"),
    ]:
        opening = shipped.read(module).decode().split("\n\n", 1)[0].split("\n")[:30]
        assert any(notice in line and line.startswith("#") for line in opening), module
    # The same inputs give the same bytes (the file name is a content hash the browser caches forever).
    assert runtime.trimmed_stdlib(STOCK / "python_stdlib.zip") == (name, data)
