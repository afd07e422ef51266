"""Debian's nginx serving a built site through the kit's generated server block (sitekit/nginx.py),
on 127.0.0.1: for the real-nginx tests and the Lighthouse audit. Every request is logged with the
bytes sent, so what went over the wire can be counted."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitekit.nginx import BROTLI_MODULE, MODULES, BrotliChoice, choose_brotli, server_block

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# One line a request: the path, the status, the bytes of the body and of the whole response as sent
# (headers included), and the encoding.
LOG_FORMAT = "$uri\\t$status\\t$body_bytes_sent\\t$bytes_sent\\t$sent_http_content_encoding"


class NginxError(RuntimeError):
    pass


@dataclass(frozen=True)
class Sent:
    path: str
    status: int
    body_bytes: int
    bytes: int  # headers included
    encoding: str  # "br", "gzip" or "" (sent as it is)


@dataclass
class Nginx:
    origin: str
    brotli: BrotliChoice
    config: str  # the generated server block
    log: Path

    def sent(self) -> list[Sent]:
        """Every response sent so far, in order."""
        entries = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            path, status, body, total, encoding = line.split("\t")
            entries.append(Sent(path, int(status), int(body), int(total), "" if encoding == "-" else encoding))
        return entries


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PortTaken(NginxError):
    """The free port found was taken before nginx could listen on it (another test's server)."""


def _listening(process: subprocess.Popen, pid_file: Path) -> bool:
    """Whether this nginx process listens: it writes its pid file only once it has bound its ports
    (another nginx on the port, the other test process's, would answer a request just the same)."""
    try:
        return pid_file.read_text(encoding="utf-8").strip() == str(process.pid)
    except OSError:
        return False


def main_config(prefix: Path, brotli: BrotliChoice) -> str:
    """An nginx.conf around the server block, all in `prefix`. Debian's own nginx.conf loads the
    enabled modules with a path relative to its prefix; this one names the module's file."""
    user = "user root;" if os.geteuid() == 0 else ""
    load = f"load_module {MODULES / BROTLI_MODULE};" if brotli.on else ""
    temp = "\n".join(
        f"    {name}_temp_path {prefix}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{load}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
{user}
events {{ worker_connections 64; }}
http {{
    log_format sent "{LOG_FORMAT}";
    access_log {prefix}/access.log sent;
{temp}
    include {prefix}/site.conf;
}}
"""


def _start(site: Path, prefix: Path, choice: BrotliChoice, timeout_s: float) -> tuple[subprocess.Popen, int, str]:
    """nginx started on a free port, once it listens there: the process, the port and the block."""
    port = free_port()
    block = server_block(site, listen=f"127.0.0.1:{port}", brotli=choice)
    (prefix / "site.conf").write_text(block, encoding="utf-8")
    (prefix / "nginx.conf").write_text(main_config(prefix, choice), encoding="utf-8")
    (prefix / "access.log").write_text("", encoding="utf-8")
    pid_file = prefix / "nginx.pid"
    pid_file.unlink(missing_ok=True)
    process = subprocess.Popen(
        [NGINX, "-c", str(prefix / "nginx.conf"), "-p", str(prefix), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is None and _listening(process, pid_file):
                return process, port, block
            if process.poll() is not None:
                output = process.stdout.read().decode()
                if "Address already in use" in output:
                    raise PortTaken(output)
                raise NginxError(f"nginx stopped: {output}")
            if time.monotonic() > deadline:
                raise NginxError(f"nginx did not listen on 127.0.0.1:{port} within {timeout_s} s")
            time.sleep(0.1)
    except BaseException:
        _stop(process)
        raise


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout:
        process.stdout.close()


@contextmanager
def serving(site: Path, prefix: Path, brotli: str = "auto", timeout_s: float = 10) -> Iterator[Nginx]:
    """nginx serving `site` with the generated configuration until the block ends; `brotli` as for
    `python -m sitekit nginx --brotli`. A port taken between finding it free and nginx listening
    on it (the suite's two processes start servers of their own) is given up for another."""
    if not Path(NGINX).exists():
        raise NginxError("nginx is needed: make setup installs Debian's nginx-light")
    prefix.mkdir(parents=True, exist_ok=True)
    choice = choose_brotli(brotli)
    for attempt in range(3):
        try:
            process, port, block = _start(site, prefix, choice, timeout_s)
            break
        except PortTaken:
            if attempt == 2:
                raise
    try:
        yield Nginx(f"http://127.0.0.1:{port}", choice, block, prefix / "access.log")
    finally:
        _stop(process)
