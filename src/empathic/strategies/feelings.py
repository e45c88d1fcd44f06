"""Feeling words in a reply, read through the project's one emotion lexicon (``empathic.listen.lexicon``).

The strategies do not keep a lexicon of their own: they ask the listen side which words name a
feeling and which emotion each one names. On top of that this module only adds what the reply side
needs: telling negative from positive feelings, and recognising a misspelt feeling word
("frustating", "anoyed") by trying the spellings one keystroke away.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from empathic.facts.sentiment import analyzer
from empathic.languages import Language, current, per_language
from empathic.types import EMOTIONS, Feeling, Span

#: Words this short are never treated as misspelt feeling words: too many real words lie one key away.
_MIN_TYPO_LEN = 6


def _lexicon():  # type: ignore[no-untyped-def]
    # Imported lazily: the listen package registers components and must not be a hard import-time
    # dependency of the strategies (a plug-in may replace it).
    from empathic.listen import lexicon

    return lexicon


def _label_of(word: str, span: Span) -> str | None:
    """The emotion label behind one ``find_emotion_words`` hit (which may report a label or a word)."""
    if word in EMOTIONS:
        return word
    label = _lexicon().emotion_of_word(word) or _lexicon().emotion_of_word(span.text)
    return label if label in EMOTIONS else None


def find_feelings(text: str, words: Sequence[tuple[str, Span]] | None = None) -> list[Feeling]:
    """Feelings named in ``text``, with spans into ``text``, in order of appearance (``words``: the lexicon's
    feeling words of ``text`` when already read)."""
    out: list[Feeling] = []
    for word, span in _lexicon().find_emotion_words(text) if words is None else words:
        label = _label_of(word, span)
        if label is not None and label != "neutral":
            out.append(Feeling(label, span))
    out.sort(key=lambda f: (f.span.start, f.span.end))
    return out


@per_language
def _vocabulary(lang: Language) -> tuple[frozenset[str], tuple[str, ...]]:
    """Single feeling words and word stems ("frustrat*") of the project's lexicon data file.

    Read from the same ``lexicons/emotion_cues.tsv`` the lexicon uses (no second word list), only to
    find the known word a misspelling is one keystroke away from.
    """
    words: set[str] = set()
    stems: set[str] = set()
    for line in lang.lines("lexicons", "emotion_cues.tsv"):
        cols = line.split("\t")
        if len(cols) < 4 or cols[3].strip() != "feeling":
            continue
        for alt in cols[0].lower().split("|"):
            alt = alt.strip()
            if not alt or " " in alt or any(ch in alt for ch in "#~"):
                continue
            if alt.endswith("*"):
                stems.add(alt[:-1])
            elif alt.isalpha():
                words.add(alt)
    return frozenset(words), tuple(sorted(stems))


def emotion_of_word(word: str) -> str | None:
    """The emotion label of one feeling word per the lexicon ("frustrated" -> "frustration"), else None."""
    return _emotion_of_word(word, current().key)


@lru_cache(maxsize=16384)
def _emotion_of_word(word: str, lang: str) -> str | None:
    label = _lexicon().emotion_of_word(word)
    return label if label in EMOTIONS and label != "neutral" else None




@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Real words that carry sentiment (VADER's lexicon): "lovely" is not a typo of "lonely"."""
    return frozenset(w for w in analyzer().lexicon if w.isalpha())


def _deletes(word: str) -> set[str]:
    """``word`` with each single letter removed."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@per_language
def _typo_index(lang: Language) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], frozenset[int]]:
    """Symmetric-delete indexes of the feeling words and stems (each form and its one-letter deletions).

    Two spellings one keystroke apart (a letter missing, added, changed or two letters swapped)
    always share a form in these indexes, so a misspelling is found with a few dictionary look-ups.
    """
    words, stems = _vocabulary()
    word_index: dict[str, set[str]] = {}
    for w in words:
        for form in {w, *_deletes(w)}:
            word_index.setdefault(form, set()).add(w)
    stem_index: dict[str, set[str]] = {}
    long_stems = [stem for stem in stems if len(stem) >= 5]
    for stem in long_stems:
        for form in {stem, *_deletes(stem)}:
            stem_index.setdefault(form, set()).add(stem)
    lengths = frozenset(n + d for n in {len(stem) for stem in long_stems} for d in (-1, 0, 1))
    return (
        {k: frozenset(v) for k, v in word_index.items()},
        {k: frozenset(v) for k, v in stem_index.items()},
        lengths,
    )


@per_language
def _longest_word(lang: Language) -> int:
    """Length of the longest feeling word in the typo index."""
    return max((len(w) for w in _vocabulary()[0]), default=0)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


def _near(form: str, index: dict[str, frozenset[str]]) -> set[str]:
    """Indexed words one keystroke from ``form`` (symmetric deletes, then checked exactly)."""
    out: set[str] = set()
    for f in {form, *_deletes(form)}:
        out |= index.get(f, frozenset())
    return {w for w in out if _one_edit(form, w)}


def misspelt_feeling(word: str) -> str | None:
    """The emotion a misspelt feeling word most likely names ("frustating" -> frustration), else None.

    Only words of at least six letters that are neither feeling words nor other sentiment-bearing
    English words are tried, and only when the near spellings lead to exactly one emotion, so
    ordinary words are left alone.
    """
    return _misspelt_feeling(word, current().key)


@lru_cache(maxsize=8192)
def _misspelt_feeling(word: str, lang: str) -> str | None:
    word = word.lower()
    if len(word) < _MIN_TYPO_LEN or not word.isalpha():
        return None
    words, stems = _vocabulary()
    if word in words or any(word.startswith(stem) for stem in stems) or word in _known_words():
        return None
    word_index, stem_index, lengths = _typo_index()
    # a word two letters longer than every feeling word is no misspelling of one, and building its
    # deletions costs the square of its length (a 20,000-letter "word" in a pasted link)
    candidates = _near(word, word_index) if len(word) <= _longest_word() + 1 else set()
    for n in lengths:
        if n <= len(word):
            candidates |= _near(word[:n], stem_index)
    lex = _lexicon()
    # A stem ("frustrat") is looked up as is: the lexicon's "frustrat*" pattern matches it.
    labels = {lex.emotion_of_word(c) for c in candidates}
    labels = {label for label in labels if label in EMOTIONS and label != "neutral"}
    return labels.pop() if len(labels) == 1 else None
