"""Strategy detectors, one module per strategy (components ``detect.*``).

Importing this package registers ``detect.relating_experience``, ``detect.reflecting_emotion``,
``detect.normalizing`` (rule detectors that propose candidates) and ``detect.resolve`` (which
merges every detector's candidates into the final findings). A learned detector joins through
:func:`empathic.strategies.base.register_detector`.
"""

from empathic.strategies import normalizing, reflecting, relating, resolve
from empathic.strategies.base import Detector, register_detector, run_detector

__all__ = [
    "Detector",
    "normalizing",
    "reflecting",
    "register_detector",
    "relating",
    "resolve",
    "run_detector",
]
