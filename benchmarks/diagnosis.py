"""Where the page's long tasks come from: one extra cold load with a Chromium trace, outside the
timed runs (tracing slows the page). Each main-thread task over 50 ms is split into its outermost
activities (script evaluation by file, event handlers, style, layout, paint, garbage collection)."""

from __future__ import annotations

from urllib.parse import urlsplit

from .measure import SETTLED, TIMEOUT_MS, wait_until

CATEGORIES = [
    "toplevel",
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8.execute",
    "v8",
    "blink.user_timing",
    "loading",
]
ACTIVITIES = {
    "EvaluateScript",
    "v8.evaluateModule",
    "v8.compile",
    "v8.compileModule",
    "FunctionCall",
    "EventDispatch",
    "FireAnimationFrame",
    "TimerFire",
    "ParseHTML",
    "ParseAuthorStyleSheet",
    "UpdateLayoutTree",
    "Layout",
    "PrePaint",
    "Paint",
    "Layerize",
    "Commit",
    "MinorGC",
    "MajorGC",
    "RunMicrotasks",
    "XHRReadyStateChange",
}
LONG_US = 50_000


def traced_long_tasks(context, server, path: str, engine: bool) -> list[dict]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    complete: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda event: events.extend(event["value"]))
    cdp.on("Tracing.tracingComplete", lambda event: complete.append(True))
    cdp.send("Tracing.start", {"transferMode": "ReportEvents", "traceConfig": {"includedCategories": CATEGORIES}})
    page.goto(server.origin + path, wait_until="load", timeout=TIMEOUT_MS)
    if engine:
        wait_until(page, SETTLED)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    cdp.send("Tracing.end")
    while not complete:
        page.wait_for_timeout(100)
    page.close()
    return long_tasks(events, server.origin + path)


def long_tasks(events: list[dict], url: str) -> list[dict] | None:
    """The long tasks of the document at `url`, or None if the trace does not show that document."""
    # The document's commit, or its first HTML parsing when the trace missed the commit (it does
    # sometimes, when the new renderer starts tracing late).
    anchors = sorted(
        (event for event in events if (event.get("name"), _where(event)) in {("CommitLoad", url), ("ParseHTML", url)}),
        key=lambda event: event["ts"],
    )
    if not anchors:
        return None
    commit = anchors[0]
    thread = (commit["pid"], commit["tid"])
    # Times count from the navigation start on that thread (the last one before the commit), as
    # performance.now() does; tasks before the commit belong to the page's previous document.
    starts = [
        event["ts"]
        for event in events
        if event.get("name") == "navigationStart"
        and (event["pid"], event["tid"]) == thread
        and event["ts"] <= commit["ts"]
    ]
    origin = max(starts) if starts else commit["ts"]
    spans = [event for event in events if event.get("ph") == "X" and (event["pid"], event["tid"]) == thread]
    tasks = [
        event
        for event in spans
        if event["name"] == "RunTask" and event.get("dur", 0) > LONG_US and event["ts"] + event["dur"] >= commit["ts"]
    ]
    found = []
    for task in tasks:
        inside = [event for event in spans if event["name"] in ACTIVITIES and _within(event, task)]
        outermost = [
            event
            for event in inside
            if not any(
                other is not event and _within(event, other) and other.get("dur", 0) > event.get("dur", 0)
                for other in inside
            )
        ]
        parts: dict[str, float] = {}
        for event in outermost:
            label = _label(event)
            parts[label] = parts.get(label, 0.0) + event.get("dur", 0) / 1000
        # What no named activity covers: the task's own bookkeeping, such as committing a navigation.
        parts["(other)"] = max(0.0, task["dur"] / 1000 - sum(parts.values()))
        found.append(
            {
                "start_ms": round((task["ts"] - origin) / 1000, 1),
                "duration_ms": round(task["dur"] / 1000, 1),
                "parts": {label: round(ms, 1) for label, ms in sorted(parts.items(), key=lambda item: -item[1])[:5]},
            }
        )
    return found


def _within(event: dict, outer: dict) -> bool:
    return outer["ts"] <= event["ts"] and event["ts"] + event.get("dur", 0) <= outer["ts"] + outer.get("dur", 0)


def _where(event: dict) -> str:
    args = event.get("args", {})
    data = args.get("data") or args.get("beginData") or {}
    return data.get("url") or data.get("fileName") or ""


def _label(event: dict) -> str:
    data = event.get("args", {}).get("data") or {}
    where = _where(event)
    if where:
        return f"{event['name']} {urlsplit(where).path}"
    if data.get("type"):
        return f"{event['name']} ({data['type']})"
    return event["name"]
