// Drives Debian's Firefox ESR for the engine tests and the benchmark (devkit/engines.py, FirefoxPage),
// with puppeteer-core over WebDriver BiDi. puppeteer-core never downloads a browser: this launches the
// executable it is given, with a new profile of its own.
//
//   node devkit/firefox.mjs '{"executablePath": "/usr/bin/firefox-esr", "proxy": "127.0.0.1:PORT" | null,
//                             "viewport": {"width": 1280, "height": 900}}'
//
// Then one JSON request a line on standard input, one JSON reply a line on standard output:
//   {"id": 1, "op": "version"}                         -> the browser's version
//   {"id": 2, "op": "open", "url": "..."}               goes there and waits for the load event
//   {"id": 3, "op": "run", "source": "(a) => ...", "args": [...]}   the function's (awaited) result
//   {"id": 4, "op": "click", "x": 10, "y": 20}          a click at that point of the viewport
//   {"id": 5, "op": "pdf"}                              -> the page printed to PDF, in base64
//   {"id": 6, "op": "close"}                            closes the browser, then this script ends
// Each reply is {"id", "ok": true, "value"} or {"id", "ok": false, "error"}.

import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const options = JSON.parse(process.argv[2] || "{}");
const TIMEOUT_MS = 120000;

// With a proxy, every request goes to it, 127.0.0.1's included (Firefox sends those straight to the
// server otherwise), so that it records everything the page and its workers ask for.
const proxyPrefs = (address) => {
  if (!address) return {};
  const [host, port] = address.split(":");
  return {
    "network.proxy.type": 1,
    "network.proxy.http": host,
    "network.proxy.http_port": Number(port),
    "network.proxy.ssl": host,
    "network.proxy.ssl_port": Number(port),
    "network.proxy.no_proxies_on": "",
    "network.proxy.allow_hijacking_localhost": true,
  };
};

// Firefox's own traffic, which would otherwise reach the proxy beside the page's: Remote Settings
// (lists Firefox fetches for itself) from nowhere. A release build takes that address only with
// MOZ_REMOTE_SETTINGS_DEVTOOLS set, as Mozilla's own test harness does.
const quietPrefs = { "services.settings.server": "data:,#remote-settings-dummy/v1" };

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: options.executablePath,
  headless: true,
  defaultViewport: options.viewport || null,
  extraPrefsFirefox: { ...quietPrefs, ...proxyPrefs(options.proxy) },
  env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
  protocolTimeout: TIMEOUT_MS,
});
const page = (await browser.pages())[0] || (await browser.newPage());
page.setDefaultTimeout(TIMEOUT_MS);

const operations = {
  version: () => browser.version(),
  open: async ({ url }) => {
    await page.goto(url, { waitUntil: "load" });
  },
  // The source becomes a function here, in Node; puppeteer sends it to the page as a function to
  // call, which the page's Content-Security-Policy does not govern (it forbids eval in the page).
  run: ({ source, args }) => page.evaluate(new Function(`return (${source});`)(), ...(args || [])),
  // A person's click at a point of the page (the middle of the element, devkit/js/make-clickable.js).
  click: async ({ x, y }) => {
    await page.mouse.click(x, y);
  },
  pdf: async () => Buffer.from(await page.pdf()).toString("base64"),
  close: () => browser.close(),
};

const reply = (message) => new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, resolve));

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, op, ...args } = JSON.parse(line);
  try {
    if (!(op in operations)) throw new Error(`unknown operation ${op}`);
    const value = await operations[op](args);
    await reply({ id, ok: true, value: value === undefined ? null : value });
  } catch (error) {
    await reply({ id, ok: false, error: String((error && error.stack) || error) });
  }
  if (op === "close") break;
}
// Standard input ended (or "close" came): Firefox goes, and so does this script, at once.
if (browser.connected) await browser.close().catch(() => {});
process.exit(0);
