// The page strings (quiz/web/strings.mjs and quiz/data/page-strings.yml), and the status line's
// wording while the engine starts (loadingStatus in quiz/web/status.mjs).

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { loadingStatus } from "../../quiz/web/status.mjs";
import { Strings } from "../../quiz/web/strings.mjs";
import { pageStrings, ROOT_DIR } from "./data.mjs";

const strings = new Strings(pageStrings);
const WEB = join(ROOT_DIR, "quiz", "web");
const source = readdirSync(WEB).filter((name) => /\.m?js$/.test(name))
  .map((name) => readFileSync(join(WEB, name), "utf8")).join("\n");

test("a text has its values filled in, and a key the table lacks is an error", () => {
  assert.equal(strings.text("loading", { percent: 40 }), "Getting your result ready: 40% loaded.");
  assert.equal(new Strings({ a: "{x} and {y}" }).text("a", { x: 1 }), "1 and {y}");
  assert.equal(strings.date(new Date(2026, 11, 1)), "December 1, 2026");
  assert.equal(strings.date(new Date(2027, 0, 31)), "January 31, 2027");
  assert.throws(() => strings.text("no_such_text"), /no "no_such_text"/);
  assert.equal(strings.options(["A", "B"]), "\u201cA\u201d or \u201cB\u201d");
});

test("every text the page script names is in the table, and every text in the table is used", () => {
  const named = new Set([...source.matchAll(/text\("(\w+)"/g)].map((match) => match[1]));
  for (const key of named) assert.ok(key in pageStrings, `quiz/data/page-strings.yml has no ${key}`);
  // The failures' reasons and the hints' keys are put together: "why_" + reason, key + "_or".
  const reasons = [...source.matchAll(/#fail\("(\w+)"|\? "(\w+)" : "(\w+)"/g)].flatMap((match) => match.slice(1)).filter(Boolean);
  for (const reason of reasons) named.add(`why_${reason}`);
  for (const key of ["pick_one", "pick_any"]) {
    assert.match(source, new RegExp(`"${key}"`));
    named.add(key).add(`${key}_or`);
  }
  for (const key of statusKeys()) named.add(key);
  assert.deepEqual(Object.keys(pageStrings).filter((key) => !named.has(key)), []);
});

// Every key loadingStatus can give.
function statusKeys() {
  const keys = new Set();
  for (const stage of ["runtime", "download", "engine"]) {
    for (const open of [0, 2]) {
      for (const received of [0, 50, 100]) {
        for (const wanted of [false, true]) keys.add(loadingStatus({ stage, open, received }, wanted, 100)?.key);
      }
    }
  }
  keys.delete(undefined);
  return keys;
}

test("the status line's steps while loading are every 10%, and say when the result is wanted", () => {
  const at = (received, wanted = false, stage = "download", open = 1) => loadingStatus({ received, open, stage }, wanted, 1000);
  assert.equal(at(0), null, "nothing new to say yet");
  assert.deepEqual(at(99), null);
  assert.deepEqual(at(100), { key: "loading", percent: 10, quiet: true });
  assert.deepEqual(at(999), { key: "loading", percent: 90, quiet: true });
  assert.deepEqual(at(5000), { key: "loading", percent: 100, quiet: true });
  assert.deepEqual(at(500, false, "download", 0), { key: "starting_up", quiet: true });
  assert.deepEqual(at(500, false, "engine", 1), { key: "starting_up", quiet: true });
  assert.deepEqual(at(0, true), { key: "wanted_loading" });
  assert.deepEqual(at(420, true), { key: "wanted_percent", percent: 40 });
  assert.deepEqual(at(420, true, "engine"), { key: "wanted_almost" });
  assert.equal(loadingStatus({ received: 500, open: 1, stage: "download" }, false, 0), null, "no total, no share");
  for (const key of statusKeys()) assert.ok(key in pageStrings, key);
});
