"""The real-nginx harness (devkit/nginx.py) that the nginx tests and the Lighthouse audit use: nginx
listens on a port of its own, even when the port it found free is taken before nginx can listen on
it (the suite's two processes start servers of their own), and its log holds the site's requests
only. Beside the browser tests: like them, it needs Debian's nginx (`make system-deps`), which
`make test-fast` does not."""

import socket
import time
import urllib.request

import pytest

from devkit import nginx


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>kit</title><p>kit</p>", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>not found</title>", encoding="utf-8")
    (site / "_headers").write_text("/*\n  X-Content-Type-Options: nosniff\n", encoding="utf-8")
    return site


def test_a_port_taken_before_nginx_listens_on_it_is_given_up_for_another(small_site, tmp_path, monkeypatch):
    # A socket that takes connections and never answers, on the port "found free" first.
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    taken_port = taken.getsockname()[1]
    found = [taken_port]
    real_free_port = nginx.free_port
    monkeypatch.setattr(nginx, "free_port", lambda: found.pop() if found else real_free_port())
    try:
        with nginx.serving(small_site, tmp_path / "nginx", brotli="off") as server:
            assert server.origin != f"http://127.0.0.1:{taken_port}"
            with urllib.request.urlopen(server.origin + "/") as response:
                assert b"<p>kit</p>" in response.read()
                assert response.headers["X-Content-Type-Options"] == "nosniff"
            # One request, the page's. (nginx logs a request just after sending its response.)
            deadline = time.monotonic() + 5
            while not server.sent() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert [(sent.path, sent.status) for sent in server.sent()] == [("/index.html", 200)]
    finally:
        taken.close()


def test_nginx_that_cannot_start_says_why_and_is_not_tried_again(small_site, tmp_path, monkeypatch):
    """Negative case: a failure other than a taken port is reported with nginx's words, once."""
    (small_site / "_headers").write_text("/*\n  Bad Header Name With Spaces: x\n", encoding="utf-8")
    ports = []
    real_free_port = nginx.free_port
    monkeypatch.setattr(nginx, "free_port", lambda: ports.append(real_free_port()) or ports[-1])
    with pytest.raises(nginx.NginxError) as error, nginx.serving(small_site, tmp_path / "nginx", brotli="off"):
        pass
    assert not isinstance(error.value, nginx.PortTaken) and len(ports) == 1
    assert "nginx stopped" in str(error.value) and "add_header" in str(error.value), error.value
