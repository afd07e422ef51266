// The data the JavaScript unit tests share, written by Python (tests/test_js_units.py): the compiled
// question bank, the page strings, and the shared answer corpus with the questions the engine shows
// for each answer set. tests/test_js_units.py hands its folder over in SC_TEST_DATA; run on its own
// (`node --test tests/js/`), this writes it first.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function folder() {
  if (process.env.SC_TEST_DATA) return process.env.SC_TEST_DATA;
  const made = mkdtempSync(join(tmpdir(), "sc-js-"));
  const python = existsSync(join(ROOT, ".venv", "bin", "python")) ? join(ROOT, ".venv", "bin", "python") : "python3";
  execFileSync(python, ["-c", "import sys; from tests.test_js_units import write_data; write_data(sys.argv[1])", made],
    { cwd: ROOT, stdio: "inherit" });
  process.env.SC_TEST_DATA = made;
  return made;
}

const read = (name) => JSON.parse(readFileSync(join(folder(), name), "utf8"));

export const ROOT_DIR = ROOT;
export const bank = read("bank.json");
export const pageStrings = read("page-strings.json");
export const shownCases = read("shown-cases.json");
