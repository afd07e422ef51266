"""Site-wide build logic that is not the self-check: the Content-Security-Policy and its headers."""
