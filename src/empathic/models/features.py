"""TF-IDF features, written out so training and run time compute exactly the same numbers.

scikit-learn is used to fit the heads at build time only; at run time empathic needs no
scikit-learn, so the vectorizer lives here. Two analyzers: ``word`` (lower-cased word, "!", "?" and
emoji unigrams and bigrams) and ``char`` (character 2- to 5-grams inside space-padded words, which
survive typos: "frustating" still shares most of its n-grams with "frustrating"). Both use sublinear
term frequency ``1 + ln(count)``, smoothed idf ``ln((1 + N) / (1 + df)) + 1`` and L2-normalised rows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np

from empathic.facts.text import content_stems
from empathic.textio import straighten

# Words, "!" and "?" (a question is rarely a reflection; "!!" carries feeling) and emoji (GoEmotions'
# comments use them: measured +0.004 macro-F1 there).
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, "!", "?" and emoji; curly apostrophes and quotes are straightened
    (:func:`empathic.textio.straighten`: "I’d" = "I'd")."""
    return _TOKEN.findall(straighten(text.lower()))


def ngrams(text: str) -> list[str]:
    """Unigrams and bigrams (joined by a space) of ``text``."""
    toks = tokens(text)
    return toks + [f"{a} {b}" for a, b in pairwise(toks)]


_SPACE = re.compile(r"\s+")
#: Character n-gram lengths of the ``char`` analyzer.
CHAR_RANGE = (2, 5)


def char_words(text: str) -> list[str]:
    """The lower-cased, straightened words whose n-grams :func:`char_ngrams` takes, in order."""
    return [word for word in _SPACE.split(straighten(text.lower())) if word]


def word_char_ngrams(word: str) -> list[str]:
    """Character 2- to 5-grams of one lower-cased word, space-padded (a short word counts once whole)."""
    out: list[str] = []
    lo, hi = CHAR_RANGE
    w = f" {word} "
    size = len(w)
    for n in range(lo, hi + 1):
        if size <= n:
            out.append(w)
            break
        out += [w[i : i + n] for i in range(size - n + 1)]
    return out


def char_ngrams(text: str) -> list[str]:
    """Character 2- to 5-grams of each lower-cased, space-padded word (a short word counts once whole)."""
    out: list[str] = []
    for word in char_words(text):
        out += word_char_ngrams(word)
    return out


ANALYZERS = {"word": ngrams, "char": char_ngrams}
#: Distinct words whose char n-gram terms a feature block keeps before starting afresh.
_WORD_CACHE_MAX = 50_000


class TfidfFeatures:
    """A fitted vocabulary with idf weights; ``row``/``transform`` give sparse rows."""

    def __init__(self, vocab: Sequence[str], idf: np.ndarray, analyzer: str = "word") -> None:
        if analyzer not in ANALYZERS:
            raise ValueError(f"unknown analyzer {analyzer!r}; known: {', '.join(ANALYZERS)}")
        self.vocab = list(vocab)
        self.idf = np.asarray(idf, dtype=np.float32)
        self.analyzer = analyzer
        self._grams = ANALYZERS[analyzer]
        self.index = {term: i for i, term in enumerate(self.vocab)}
        # char analyzer: each word's known n-grams as term indices, in n-gram order; words recur
        # across texts far more than texts do, so this saves most n-gram building and look-ups
        self._word_terms: dict[str, tuple[int, ...]] = {}

    @classmethod
    def fit(
        cls, texts: Iterable[str], *, min_df: int = 2, max_terms: int = 50_000, analyzer: str = "word"
    ) -> TfidfFeatures:
        """Learn the vocabulary (terms in at least ``min_df`` texts, the ``max_terms`` most frequent) and idf."""
        grams = ANALYZERS[analyzer]
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            n += 1
            df.update(set(grams(text)))
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_terms]
        kept.sort()
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
        return cls(kept, idf, analyzer)

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Indices and L2-normalised tf-idf values of the known terms of ``text``."""
        # count every gram in C first, then look up each distinct gram once; Counter keeps first-seen
        # order, so the known terms come out in the same order (and sum identically) as counting them one by one
        if self.analyzer == "char":
            counts = self._char_counts(text)
        else:
            index = self.index
            counts = {i: c for g, c in Counter(self._grams(text)).items() if (i := index.get(g)) is not None}
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        vals = tf * self.idf[idx]
        vals /= max(float(np.linalg.norm(vals)), 1e-9)
        return idx, vals.astype(np.float32)

    def _char_counts(self, text: str) -> dict[int, int]:
        """Known char n-gram counts of ``text``, keyed in first-seen order (as counting the whole text would)."""
        cache = self._word_terms
        if len(cache) > _WORD_CACHE_MAX:  # bound memory on long-running servers; refills from use
            cache.clear()
        known: list[int] = []
        for word in char_words(text):
            terms = cache.get(word)
            if terms is None:
                index = self.index
                terms = tuple(i for g in word_char_ngrams(word) if (i := index.get(g)) is not None)
                cache[word] = terms
            known += terms
        # the text's known n-grams in text order, counted in C: the same counts and key order as before
        return Counter(known)

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(data, indices, indptr)`` of the tf-idf matrix of ``texts``."""
        data: list[np.ndarray] = []
        indices: list[np.ndarray] = []
        indptr = [0]
        for text in texts:
            idx, vals = self.row(text)
            order = np.argsort(idx)
            indices.append(idx[order])
            data.append(vals[order])
            indptr.append(indptr[-1] + len(idx))
        cat_d = np.concatenate(data) if data else np.zeros(0, dtype=np.float32)
        cat_i = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64)
        return cat_d, cat_i, np.asarray(indptr, dtype=np.int64)


# --- Context features: the reply sentence read with the customer's message and its neighbours -----------------

#: Names of the context features, in column order (a head stores the names it was trained with).
CONTEXT_FEATURES: tuple[str, ...] = (
    "customer_intensity",  # how strongly the customer feels (lexicon reading, 0-1)
    "customer_negative",  # how negative the customer's message reads (max(0, -valence))
    "customer_self_critical",  # the customer blames or belittles themselves
    "overlap",  # share of the sentence's content words the customer used too (facts.text.content_stems)
    "overlap_x_intensity",  # ... weighted by how strongly the customer feels
    "similarity",  # cosine of the sentence's and the customer message's vectors
    "link",  # the sentence holds a URL, an e-mail address or an @handle after its opening
    "neighbour_routing",  # a neighbouring sentence sends the customer somewhere (URL, DM, ticket)
)
# a URL, a web or e-mail address, or an @handle after the sentence's opening (the opening one is the addressee)
_LINK = re.compile(r"https?://|www\.|\b[\w.-]+\.(?:com|org|net|co|io|example)\b|\S+@\S+\.\w+|(?<=\s)@\w", re.I)
_ROUTING = re.compile(r"https?:|www\.|\bDMs?\b|direct message|\bticket\b|\bsubmit\b|\bcontact us\b|\bemail us\b", re.I)


def context_matrix(
    sentences: Sequence[str],
    customer: str,
    *,
    intensity: float,
    valence: float,
    self_critical: bool,
    sentence_vectors: np.ndarray,
    customer_vector: np.ndarray,
) -> np.ndarray:
    """The :data:`CONTEXT_FEATURES` of each of a reply's ``sentences`` (in reply order), ``(n, features)``.

    ``intensity``, ``valence`` and ``self_critical`` are the customer reading (``listen.emotions`` and
    ``listen.self_criticism``); the vectors come from the head's encoder (one row per sentence, and the
    customer message's own vector).
    """
    n = len(sentences)
    out = np.zeros((n, len(CONTEXT_FEATURES)), dtype=np.float32)
    if not n:
        return out
    stems = content_stems(customer)
    cvec = np.asarray(customer_vector, dtype=np.float32)
    cnorm = float(np.linalg.norm(cvec))
    svecs = np.asarray(sentence_vectors, dtype=np.float32)
    snorms = np.linalg.norm(svecs, axis=1)
    sims = (svecs @ cvec) / np.maximum(snorms * cnorm, 1e-9)
    routing = [bool(_ROUTING.search(s)) for s in sentences]
    negative = max(0.0, -float(valence))
    for i, sent in enumerate(sentences):
        own = content_stems(sent)
        overlap = len(own & stems) / len(own) if own else 0.0
        out[i] = (
            intensity,
            negative,
            1.0 if self_critical else 0.0,
            overlap,
            overlap * intensity,
            float(sims[i]),
            1.0 if _LINK.search(sent) else 0.0,
            1.0 if (i > 0 and routing[i - 1]) or (i + 1 < n and routing[i + 1]) else 0.0,
        )
    return out
