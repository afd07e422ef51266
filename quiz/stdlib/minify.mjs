// Runs quiz/stdlib/minify.py inside the pinned Pyodide, under Node (called by quiz/runtime.py).
//
//   node quiz/stdlib/minify.mjs RUNTIME_DIR MINIFIER_PACKAGE_DIR NAMES_JSON OUT_JSON
//
// RUNTIME_DIR is node_modules/pyodide; MINIFIER_PACKAGE_DIR the installed python_minifier package
// (pure Python, pinned in pyproject.toml), mounted read-only into Pyodide's file system.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [runtimeDir, minifierDir, namesJson, outJson] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(join(runtimeDir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: runtimeDir + "/", stdout: () => {}, stderr: (s) => console.error(s) });
pyodide.FS.mkdirTree("/build/python_minifier");
pyodide.mountNodeFS("/build/python_minifier", minifierDir);
pyodide.FS.mkdirTree("/build/out");
pyodide.mountNodeFS("/build/out", dirname(outJson));
const [major, minor] = pyodide.runPython("import sys; sys.version_info[:2]").toJs();
pyodide.globals.set("STDLIB_ZIP", `/lib/python${major}${minor}.zip`);
pyodide.globals.set("NAMES", JSON.parse(readFileSync(namesJson, "utf8")));
pyodide.globals.set("OUT", "/build/out/" + outJson.split("/").pop());
pyodide.runPython("import sys; sys.path.insert(0, '/build')");
pyodide.runPython(readFileSync(join(here, "minify.py"), "utf8"), { filename: "minify.py" });
