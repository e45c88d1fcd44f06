"""Customer side: emotions, their causes and self-criticism (components ``listen.*``).

Importing this package registers the components ``listen.emotions``, ``listen.causes``
and ``listen.self_criticism``. :func:`find_emotion_words` and :func:`emotion_of_word`
are the reusable, negation-aware feeling-word look-ups other components use on replies.
"""

from empathic.listen import causes, emotions, self_criticism
from empathic.listen.lexicon import emotion_of_word, emotions_of_word, find_emotion_words

__all__ = ["causes", "emotion_of_word", "emotions", "emotions_of_word", "find_emotion_words", "self_criticism"]
