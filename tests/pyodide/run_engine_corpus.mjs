// Runs the engine inside Pyodide under Node with ONLY the trimmed standard library the site ships,
// on a corpus of answer sets, and prints the results as JSON (one per answer set, in order).
//
//   node tests/pyodide/run_engine_corpus.mjs LOCK_FILE STDLIB_ZIP BANK_JSON CORPUS_JSON
//
// tests/test_pyodide.py compares the output with CPython's: the same results prove the trimmed
// files sufficient for everything the engine does.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [lockFile, stdlibZip, bankJson, corpusJson] = process.argv.slice(2).map((p) => resolve(p));
const runtimeDir = join(here, "..", "..", "node_modules", "pyodide");
const { loadPyodide } = await import(join(runtimeDir, "pyodide.mjs"));
const pyodide = await loadPyodide({
  indexURL: runtimeDir + "/",
  stdLibURL: stdlibZip,
  lockFileURL: lockFile,
  packageBaseUrl: dirname(lockFile) + "/",
});
await pyodide.loadPackage("quiz-engine", { messageCallback: () => {} });
const evaluateJSON = pyodide.pyimport("quiz.engine").evaluate_json;
const bank = readFileSync(bankJson, "utf8");
const corpus = JSON.parse(readFileSync(corpusJson, "utf8"));
const results = corpus.map((answers) => JSON.parse(evaluateJSON(bank, answers)));
const stdlib = pyodide.runPython("import sys, zipfile; len(zipfile.ZipFile(sys.path[1] if sys.path[1].endswith('.zip') else [p for p in sys.path if p.endswith('.zip')][0]).namelist())");
process.stdout.write(JSON.stringify({ stdlibFiles: stdlib, results }));
