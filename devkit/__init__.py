"""What the tests and the benchmark share: building throw-away sites (devkit.sites) and driving
Debian's Chromium through the self-check (devkit.browser). For development only; not shipped in the
site."""
