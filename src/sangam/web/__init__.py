"""The server-rendered web face: Jinja2 templates over the same pillar functions."""
