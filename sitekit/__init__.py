"""The site around the self-check: its settings and their checks, the shared problem reporter and
YAML reader, the data files read once per build, the clinic's branding, the region's help and
placeholders, the figures, the Content-Security-Policy and headers, nginx and a local server."""
