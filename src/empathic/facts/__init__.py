"""Facts about the text that every later layer reads: below the detectors, the resolver and the checks.

Words, stems and reply sentences
(:mod:`~empathic.facts.text`), what a sentence tells of the agent's own life and how it relates to the
customer's message (:mod:`~empathic.facts.stories`), the feelings a sentence names and whose they are
(:mod:`~empathic.facts.feelings`), and which rules of the pitfall data a sentence matches
(:mod:`~empathic.facts.matches`). Detectors and checks both read these; neither imports the other for them
(the import layers are enforced by import-linter, see pyproject.toml).
"""
