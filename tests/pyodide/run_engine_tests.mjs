// Runs the engine's tests (tests/engine) inside real Pyodide under Node, offline, with the pinned
// runtime from node_modules and the same engine wheel and lock file that the site ships.
//
//   node tests/pyodide/run_engine_tests.mjs LOCK_FILE WHEELS_DIR TESTS_DIR BANK_JSON
//
// LOCK_FILE lists the engine's wheel (beside it); WHEELS_DIR holds pure-Python wheels for pytest;
// BANK_JSON is the compiled bank (there is no YAML parser in Pyodide). Exits with pytest's status.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [lockFile, wheelsDir, testsDir, bankJson] = process.argv.slice(2).map((p) => resolve(p));
if (!bankJson) {
  console.error("usage: node run_engine_tests.mjs LOCK_FILE WHEELS_DIR TESTS_DIR BANK_JSON");
  process.exit(2);
}

const runtimeDir = join(here, "..", "..", "node_modules", "pyodide");
const { loadPyodide } = await import(join(runtimeDir, "pyodide.mjs"));
const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/",
  lockFileURL: lockFile,
  packageBaseUrl: dirname(lockFile) + "/",
});
// Pass Python's output through as written (pytest prints progress without newlines).
pyodide.setStdout({ write: (bytes) => process.stdout.write(bytes) && bytes.length || bytes.length });
pyodide.setStderr({ write: (bytes) => process.stderr.write(bytes) && bytes.length || bytes.length });
await pyodide.loadPackage("quiz-engine", { messageCallback: () => {} });

const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const name of readdirSync(wheelsDir).filter((n) => n.endsWith(".whl"))) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelsDir, name))), "wheel", { extractDir: sitePackages });
}

const home = "/home/pyodide";
pyodide.FS.mkdirTree(`${home}/tests/engine`);
for (const name of readdirSync(testsDir).filter((n) => n.endsWith(".py"))) {
  pyodide.FS.writeFile(`${home}/tests/engine/${name}`, readFileSync(join(testsDir, name)));
}
pyodide.FS.writeFile(`${home}/bank.json`, readFileSync(bankJson));

const status = pyodide.runPython(`
import os, sys
os.environ["QUIZ_BANK_JSON"] = "${home}/bank.json"
import quiz.engine
print("engine loaded from", quiz.engine.__file__, "on Python", sys.version.split()[0], sys.platform)
import pytest
int(pytest.main(["-q", "-p", "no:cacheprovider", "${home}/tests/engine"]))
`);
process.exit(status);
