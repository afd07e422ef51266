// ESLint for the project's JavaScript: the recommended rules, with the globals each kind of file
// runs with (the page, the engine's worker, Node, or a page that Playwright evaluates a script in).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", ".cache/", "build/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["quiz/web/**/*.{js,mjs}"],
    languageOptions: { sourceType: "module", globals: globals.browser },
    // The page script stays in small modules with short functions, each one job.
    rules: { "max-lines": ["error", 300], "max-lines-per-function": ["error", 80] },
  },
  {
    files: ["quiz/web/worker.mjs"],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ["tests/js/**/*.mjs", "tests/pyodide/**/*.mjs", "quiz/stdlib/**/*.mjs", "devkit/**/*.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
  {
    // Scripts run in a page by the tests and the benchmark (add_init_script, evaluate), and the
    // benchmark's own page modules, and the site's own page scripts (the embed page's).
    files: [
      "benchmarks/**/*.{js,mjs}", "tests/browser/js/**/*.js", "devkit/js/**/*.js", "overrides/assets/javascripts/**/*.js",
    ],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  {
    files: ["benchmarks/**/*.mjs"],
    languageOptions: { sourceType: "module" },
  },
  {
    // These two still name errors they do not use; they belong to the benchmark (to become `catch {`).
    files: ["benchmarks/probe.js", "benchmarks/baseline/floor.mjs"],
    rules: { "no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  {
    // axe-core's script, added to the page first, defines `axe`.
    files: ["tests/browser/js/axe-run.js"],
    languageOptions: { globals: { axe: "readonly" } },
  },
];
