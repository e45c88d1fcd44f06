"""Renderers: the same Analysis shown as terminal output (and, in web/, as HTML)."""
