"""Learned models: the offline sentence encoder, the trained heads and their pipeline components.

Importing this package registers ``detect.model`` (strategy candidates with ``source="model"``)
and ``listen.emotion_model`` (GoEmotions' 28 labels into ``customer.fine_emotions``, joined with
the lexicon's emotions), and ``listen.emotion_local`` (a team's local emotion layer, when configured:
:mod:`empathic.models.emotion_local`). Weights are package data under ``resources/models`` and load on first
use; ``empathic train`` (see :mod:`empathic.models.training`) rebuilds them reproducibly.
"""

from empathic.models import emotion_local, emotions
from empathic.models.emotions import EmotionModel
from empathic.models.encoder import Encoder, OnnxEncoder, StaticEncoder, get_encoder
from empathic.models.strategy import StrategyModel, default_model
from empathic.strategies.base import register_detector

register_detector("detect.model", default_model())

__all__ = [
    "EmotionModel",
    "Encoder",
    "OnnxEncoder",
    "StaticEncoder",
    "StrategyModel",
    "emotion_local",
    "emotions",
    "get_encoder",
]
