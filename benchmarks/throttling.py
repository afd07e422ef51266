"""The simulated mobile settings, applied through the Chrome DevTools Protocol on the page's session.

What reaches what (checked in every throttled run, and recorded with the figures):
- Network.emulateNetworkConditions on the page's session also throttles its dedicated workers'
  requests in this Chromium; each run checks it from the speed of the worker's wasm download.
  Measured directly (Chromium 156, December 2026): a module worker fetching pyodide.asm.wasm
  (3.23 MB on the wire, brotli 5) took 0.36 s without emulation and 16.3 s with slow 4G set on the
  page's session, 1.58 Mbit/s, first byte after 162 ms.
- Emulation.setCPUThrottlingRate slows the page's main thread only. Chromium refuses it on a
  worker target ("only supported for pages"); each run tries it on every worker and records the answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    name: str
    latency_ms: float | None = None
    download_bytes_per_s: int | None = None
    upload_bytes_per_s: int | None = None
    cpu_rate: float | None = None
    viewport: dict = field(default_factory=lambda: {"width": 1280, "height": 800})

    @property
    def throttled(self) -> bool:
        return self.latency_ms is not None or self.cpu_rate is not None

    def describe(self) -> dict:
        return {
            "name": self.name,
            "latency_ms": self.latency_ms,
            "download_bytes_per_s": self.download_bytes_per_s,
            "upload_bytes_per_s": self.upload_bytes_per_s,
            "cpu_rate": self.cpu_rate,
            "viewport": self.viewport,
        }


DESKTOP = Settings("desktop")
# 9 Mbit/s down, 750 kbit/s up, 150 ms latency, CPU 4x slower; a phone-sized viewport.
MOBILE = Settings(
    "mobile",
    latency_ms=150,
    download_bytes_per_s=9_000_000 // 8,
    upload_bytes_per_s=750_000 // 8,
    cpu_rate=4,
    viewport={"width": 412, "height": 915},
)
# Lighthouse's "slow 4G": 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, CPU 4x slower. The
# runtime's 3.5 MB take about 20 s to arrive on it: the case the page must wait out, not give up on.
SLOW_4G = Settings(
    "slow 4G",
    latency_ms=150,
    download_bytes_per_s=1_600_000 // 8,
    upload_bytes_per_s=750_000 // 8,
    cpu_rate=4,
    viewport={"width": 412, "height": 915},
)
THROTTLED = (MOBILE, SLOW_4G)


def apply(cdp, settings: Settings) -> dict:
    """Throttle the page's session; returns a record that fills in as workers start."""
    record = {"page_network": False, "page_cpu": False, "workers": []}
    if settings.latency_ms is not None:
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": settings.latency_ms,
                "downloadThroughput": settings.download_bytes_per_s,
                "uploadThroughput": settings.upload_bytes_per_s,
            },
        )
        record["page_network"] = True
    if settings.cpu_rate is not None:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": settings.cpu_rate})
        record["page_cpu"] = True
        _try_worker_cpu_throttling(cdp, settings.cpu_rate, record["workers"])
    return record


def _try_worker_cpu_throttling(cdp, rate: float, workers: list) -> None:
    # Playwright's CDP session cannot address a flattened child session, so this uses the older
    # message-wrapping form (flatten: false). Workers are not paused at start: whatever the answer,
    # the worker runs as it would.
    def attached(event):
        info = event["targetInfo"]
        workers.append({"type": info["type"], "url": info["url"], "cpu_throttling": None})
        message = {"id": 1, "method": "Emulation.setCPUThrottlingRate", "params": {"rate": rate}}
        cdp.send("Target.sendMessageToTarget", {"sessionId": event["sessionId"], "message": json.dumps(message)})
        sessions[event["sessionId"]] = workers[-1]

    def received(event):
        message = json.loads(event["message"])
        worker = sessions.get(event["sessionId"])
        if worker is not None and message.get("id") == 1:
            error = message.get("error")
            worker["cpu_throttling"] = "applied" if error is None else f"refused: {error.get('message')}"

    sessions: dict[str, dict] = {}
    cdp.on("Target.attachedToTarget", attached)
    cdp.on("Target.receivedMessageFromTarget", received)
    cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})
