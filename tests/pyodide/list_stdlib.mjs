// Lists the standard-library files that Pyodide's start-up, the engine and its error paths import,
// so the site can ship a python_stdlib.zip with only those (quiz/pyodide-stdlib.txt).
//
//   node tests/pyodide/list_stdlib.mjs LOCK_FILE BANK_JSON > quiz/pyodide-stdlib.txt
//
// Run it again after changing the engine or upgrading Pyodide; tests/test_pyodide.py then proves
// the list sufficient by running the engine on many answer sets with only those files.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [lockFile, bankJson] = process.argv.slice(2).map((p) => resolve(p));
const runtimeDir = join(here, "..", "..", "node_modules", "pyodide");
const { loadPyodide } = await import(join(runtimeDir, "pyodide.mjs"));
const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/", lockFileURL: lockFile, packageBaseUrl: dirname(lockFile) + "/",
});
await pyodide.loadPackage("quiz-engine", { messageCallback: () => {} });
const engine = pyodide.pyimport("quiz.engine");
const bank = readFileSync(bankJson, "utf8");
// The worker's calls: a bad answer set (error path), bad JSON, and an answer that is not an object.
engine.evaluate_json(bank, "{}");
engine.evaluate_json(bank, "{not json");
engine.evaluate_json(bank, "42");
engine.evaluate_json(bank, JSON.stringify({ danger_now: "maybe" }));
// A Python exception reaching JavaScript is formatted with a traceback: include what that needs.
try { pyodide.runPython("raise ValueError('probe')"); } catch { /* expected */ }
const files = pyodide.runPython(`
import sys
zip_prefix = "/lib/python%d%d.zip/" % sys.version_info[:2]
found = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
    if origin and origin.startswith(zip_prefix):
        found.add(origin[len(zip_prefix):])
"\\n".join(sorted(found))
`);
process.stdout.write(
  "# Standard-library files the site ships in its python_stdlib.zip (the rest are left out).\n" +
  "# Made by: node tests/pyodide/list_stdlib.mjs LOCK_FILE BANK_JSON (see that file); checked by\n" +
  "# tests/test_pyodide.py, which runs the engine with only these files.\n" + files + "\n");
