"""``rewrite(customer, draft)``: the draft with its pitfalls mended, and a readable diff.

Each pitfall has one mending move, applied to the sentences its span touches: dismissive words
and identifying details are removed, a long story is cut to its first sentence, an irrelevant
aside is dropped, a weak or mismatched reflection and an overgeneralizing line are replaced by a
verified suggestion, and a missing reflection or reassurance is added. The result is analysed
again (up to a few rounds) and kept only when it is better than the draft.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from empathic.facts.text import content_stems
from empathic.pipeline import Coach, default_coach
from empathic.rules import RuleGroup, RulePack, rule_view
from empathic.suggest.dismissive import mend_dismissive
from empathic.suggest.generate import candidates, checked_text
from empathic.suggest.mechanics import problems
from empathic.suggest.registers import register_for
from empathic.suggest.slots import Slots, slots_for
from empathic.suggest.verify import verify
from empathic.types import Analysis, Exchange, Span, SpanIndex, Turn

MAX_ROUNDS = 3
#: What opens a reply before its first words: @handles (Twitter, chat mentions), a thread marker ("(2/3)"; bracketed
#: when no handle comes first, so that "24/7 support ..." is words) and a
#: name the agent addresses ("Edgar -"). They stay first, and new sentences go after them.
_LEADING_HANDLES = re.compile(
    r"^(?:\s*[.@]?@\w+[\s,:]*)+(?:\(?\d+/\d+\)?\s*)?(?:[A-Z][a-z]+\s*[-–—]\s+)?|^\(\d+/\d+\)\s+"
)
#: A sentence that opens a reply before its substance: a greeting, thanks, an acknowledgement of the message or a
#: short exclamation ("Hello, I saw your message.", "Thanks for the photos!", "Oh no!", "Here's how:").
_OPENING = re.compile(
    r"^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|thanks?|thank you|many thanks|cheers|"
    r"(?:i|we) (?:really )?appreciate|oh|ah|uh+|wow|yikes|ouch|oof|aw+|"
    r"(?:i|we)(?:'ve| have)? (?:just )?(?:saw|seen|see|read|got|received|noticed) your|"
    r"i know (?:this|that) (?:pain|feeling)|"
    r"i feel (?:this|that|you)|i hear you|here(?:'s| is) (?:how|what|where|why)\b|"
    r"mind if (?:we|i) (?:jump|chime|step|hop) in|(?:we|i)(?:'re|'m| are| am) (?:here|happy|glad) to help)\b",
    re.IGNORECASE,
)
#: A greeting or thanks that opens a sentence which goes on with substance after a comma or dash ("Hi there, this
#: guide may help: ...", "Thanks for the tag – are you seeing ...?"): the new line goes between the two, which
#: become sentences of their own (round 6: a line put after such a sentence landed after a signature or among the
#: instructions).
_OPENING_HEAD = re.compile(
    r"^(?P<head>(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))(?: there| again| all)?"
    r"(?: [A-Z][\w'’-]*)?|(?:thanks|thank you|many thanks)(?: so much)?(?: for [^,;:–—.!?]{1,40})?)"
    r"\s*(?:,|\s[–—-])\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A sign-off that ends a reply ("^JR", "*MS", "-Sam", "– Sam", "Thanks, Mia", "Cheers, Tom"): it stays last.
_SIGNATURE = re.compile(
    r"(?:^|\s)(?:[\^*]\s?[A-Z]\w*|[-–—~]\s?[A-Z][a-z]+|"
    r"(?i:thanks|cheers|best|regards|thank you|many thanks|all the best)[,!.]?\s*[\^*-]?\s?[A-Z][a-z]+)\s*$",
)
#: A sentence this short (in words) ending in "!" opens a reply too ("Super helpful!").
_SHORT_EXCLAMATION = 3


#: A thread marker ("(2/3)", "3/3") in what opens a reply.
_THREAD_MARKER = re.compile(r"(?:^|\s|\()(\d{1,2})/(\d{1,2})\)?(?:\s|$)")


def _continues_a_thread(opening: str) -> bool:
    """True when ``opening`` (the @handles and marker that open a reply) marks a later message of a thread
    ("@kit (2/3)"): the reply continues what an earlier message began."""
    m = _THREAD_MARKER.search(opening)
    return bool(m) and 2 <= int(m.group(1)) <= int(m.group(2))


def _is_opening(sentence: str) -> bool:
    """True when ``sentence`` is one of the sentences that open a reply before its substance (see _OPENING); one
    with a link is substance ("Here's how: https://...")."""
    s = sentence.strip()
    if _LINK.search(s):
        return False
    return bool(_OPENING.match(s)) or (s.endswith("!") and len(s.split()) <= _SHORT_EXCLAMATION) or bool(
        _fit_rules()["praise_reply"].search(s))  # "So glad you like the new recipes!" answers praise first


def _split_opening(sentence: str) -> tuple[str, str] | None:
    """``("Hi there.", "This guide may help: ...")`` for a sentence that opens with a greeting or thanks and goes on
    with substance after a comma or dash; None when it is all opening ("Hello, I saw your message.", "Hi Sam, sorry
    about that.") or opens with neither."""
    m = _OPENING_HEAD.match(sentence.strip())
    if m is None:
        return None
    rest = m.group("rest").strip()
    if len(_TOKEN.findall(rest)) < MIN_WORDS_LEFT or _is_opening(rest):
        return None
    if _SYMPATHY.search(rest) and "?" not in rest and not _LINK.search(rest):
        return None  # "Hi Sam, we're so sorry to see the app crashing." opens the reply whole: the line goes after it
    return m.group("head").strip() + ".", rest[0].upper() + rest[1:]


def _opening_end(texts: list[str | None], gaps: list[str]) -> int:
    """Where a new sentence goes: after the sentences that open the reply (greeting, thanks, "I saw your message",
    "Oh man"), before its first instruction. A greeting that runs on into substance is split first (see
    :func:`_split_opening`), in ``texts`` and ``gaps``."""
    at = 0
    while at < len(texts):
        split = _split_opening(texts[at] or "")
        if split is not None:
            texts[at] = split[0]
            texts.insert(at + 1, split[1])
            gaps.insert(at + 1, " ")
            return at + 1
        if not _is_opening(texts[at] or ""):
            break
        at += 1
    return at


def _new_line_gap(gaps: list[str], at: int, added: int) -> str:
    """The gap before a new sentence put in at index ``at`` of a reply whose sentences have the gaps ``gaps``.

    After a greeting on a line of its own ("Dear Applicant," then a line break) the new sentence starts its own line
    the way the draft's next one did, keeping the draft's break (round 7: a line glued onto the greeting line read
    "Dear Patient, It's really ..."). ``added`` new sentences were put at ``at`` before this one: the first of them
    (now at ``at``) then follows this one on its line.
    """
    if at == 0 or at >= len(gaps) or "\n" not in gaps[at]:
        return " "
    gap = gaps[at]
    if added:
        gaps[at] = " "
    return gap


def _keep_signature_last(texts: list[str | None], at: int) -> None:
    """After a sentence was put at the end (index ``at``), move a sign-off that ended the sentence before it
    ("... ^JR", "... -Sam") to after the new one: a line after the signature reads as tacked on (round 6)."""
    if at != len(texts) - 1 or at == 0:
        return
    before = texts[at - 1] or ""
    m = _SIGNATURE.search(before)
    if m is None:
        return
    head = before[: m.start()].rstrip()
    if head and not _TOKEN.search(head):
        return
    if head and head[-1] not in ".!?":
        head += "."  # "Thanks for the tag ^LP" -> "Thanks for the tag." before the new sentence
    texts[at - 1] = head or None
    texts[at] = f"{texts[at]} {m.group(0).strip()}"


#: A stock apology or condolence with nothing else in it ("I'm so sorry.", "Sorry about that!", "Truly sorry to
#: hear it.", "We're very sorry for your loss."): a new sentence that apologises takes its place instead of
#: apologising twice (round 8: a condolence added above the draft's own read as two in a row).
_BARE_APOLOGY = re.compile(
    r"^(?:(?:i['’]?m|i am|we['’]?re|we are)\s+)?(?:so\s+|very\s+|really\s+|truly\s+)?sorry(?:\s+(?:(?:about|for)\s+"
    r"(?:that|this|the (?:trouble|inconvenience|wait|hassle))|to hear (?:that|this|it)|for your loss))?\s*[.!]*$",
    re.IGNORECASE,
)
#: A new sentence that opens with an apology or condolence and goes on to say more ("I'm so sorry for your loss;
#: this must be ..."): beside a draft sentence that already apologises only the rest is added (issue 13: never an
#: apology twice in a row).
_APOLOGY_LEAD = re.compile(
    r"^(?:(?:i['’]?m|i am|we['’]?re|we are)\s+)?(?:so\s+|very\s+|really\s+|truly\s+)?sorry\b[^.;!?]*?"
    r"(?:[.;!]\s+|,\s+(?:and|but)\s+)(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A stock acknowledgement that names nothing ("I understand.", "I hear you."): a reflection takes its place.
_STOCK_UNDERSTANDING = re.compile(
    r"^(?:i (?:completely |totally )?understand|i hear you|i see|i get it|understood|we hear you|"
    r"i understand (?:your|the) (?:concern|situation))\s*[.!]*$",
    re.IGNORECASE,
)
#: Two sentences this alike (share of the shorter one's content words) say the same thing.
_SAME_THING = 0.6
_APOLOGY = re.compile(r"\bsorry\b|\bapologi[sz]e|\bapologies\b", re.IGNORECASE)  # as mechanics reads one
#: An apology after a greeting ("Hi Sam, our apologies for the wait.") is part of the opening unless it goes on to a
#: question or a link ("Hi, sorry about that - can you send ...?").
_SYMPATHY = re.compile(r"\bsorry\b|\bapolog", re.IGNORECASE)
_LINK = re.compile(r"https?://|www\.")
#: A thread marker that ends a reply ("... Stay safe! 2/2"): a later message of a thread.
_TRAILING_THREAD_MARKER = re.compile(r"(?:^|\s)\(?(\d{1,2})/(\d{1,2})\)?\s*$")
_TOKEN = re.compile(r"\w+")
#: A sentence shorter than this after a phrase is cut out is dropped whole.
MIN_WORDS_LEFT = 4
#: Word pairs the diff aligns at most (difflib's alignment takes time in their number): ~300 words a side.
MAX_DIFF_PAIRS = 100_000


@dataclass(slots=True)
class RewriteResult:
    """The draft, its rewrite, both analyses and what changed."""

    before: Analysis
    after: Analysis
    changes: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def original(self) -> str:
        """The draft as given."""
        return self.before.reply

    @property
    def rewritten(self) -> str:
        """The mended reply."""
        return self.after.reply

    @property
    def pitfalls_fixed(self) -> list[str]:
        """Pitfall kinds of the draft that the rewrite no longer has."""
        return [k for k in self.before.pitfall_kinds if k not in self.after.pitfall_kinds]

    @property
    def pitfalls_left(self) -> list[str]:
        """Pitfall kinds the rewrite still has."""
        return self.after.pitfall_kinds

    @property
    def kept(self) -> float:
        """Share of the draft's other content (words outside its pitfall sentences) the rewrite keeps."""
        return content_kept(self.before, self.rewritten)

    def diff(self) -> str:
        """A word-level diff: ``[-removed-]`` and ``{+added+}``."""
        return word_diff(self.original, self.rewritten)

    def to_dict(self) -> dict[str, Any]:
        """The machine contract of ``empathic rewrite --json``."""
        return {
            "id": self.before.exchange.id,
            "original": self.original,
            "rewritten": self.rewritten,
            "pitfalls_fixed": self.pitfalls_fixed,
            "pitfalls_left": self.pitfalls_left,
            "score_before": self.before.score,
            "score_after": self.after.score,
            "kept": round(self.kept, 4),
            "changes": self.changes,
            "diff": self.diff(),
            "note": self.note,
        }


def word_diff(old: str, new: str) -> str:
    """Mark removed words as ``[-...-]`` and added words as ``{+...+}``.

    Texts too long to align word by word in bounded time (more than :data:`MAX_DIFF_PAIRS` word
    pairs) keep their common opening and ending and show the part between as removed, then added.
    """
    a, b = old.split(), new.split()
    if len(a) * len(b) <= MAX_DIFF_PAIRS:
        return " ".join(_diff_words(a, b))
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if len(mid_a) * len(mid_b) <= MAX_DIFF_PAIRS:
        middle = _diff_words(mid_a, mid_b)
    else:
        middle = (["[-" + " ".join(mid_a) + "-]"] if mid_a else []) + (["{+" + " ".join(mid_b) + "+}"] if mid_b else [])
    return " ".join([*a[:head], *middle, *a[len(a) - tail :]])


def _diff_words(a: list[str], b: list[str]) -> list[str]:
    """The word diff of ``a`` and ``b`` by difflib's alignment, as a list of words and marked runs."""
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return out


def content_kept(before: Analysis, rewritten: str) -> float:
    """Fraction of the draft's tokens outside pitfall-bearing sentences that survive in ``rewritten``."""
    bad = SpanIndex(p.span for p in before.pitfalls if p.span is not None)
    keep_tokens: Counter[str] = Counter()
    for sent in before.reply_sentences:
        if bad.overlaps(sent):
            continue
        keep_tokens.update(t.lower() for t in _TOKEN.findall(sent.text))
    total = sum(keep_tokens.values())
    if not total:
        return 1.0
    have = Counter(t.lower() for t in _TOKEN.findall(rewritten))
    return sum(min(n, have[t]) for t, n in keep_tokens.items()) / total


def _cut(sentence: Span, cut: Span) -> str | None:
    """The sentence without the words of ``cut``, tidied; None when too little is left to stand alone."""
    s, e = max(cut.start, sentence.start) - sentence.start, min(cut.end, sentence.end) - sentence.start
    text = (sentence.text[:s] + sentence.text[e:]).strip()
    text = re.sub(r"^[\s,;:—–-]+", "", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s{2,}", " ", text))
    if len(_TOKEN.findall(text)) < MIN_WORDS_LEFT:
        return None
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _stock_head(sentence: str, stock: re.Pattern[str]) -> str | None:
    """The greeting or thanks before a ``stock`` line ("Hi" in "Hi, sorry about that."), "" when the sentence is
    the stock line alone, None when it is not one."""
    if stock.match(sentence.strip()):
        return ""
    m = _OPENING_HEAD.match(sentence.strip())
    return m.group("head").strip() if m is not None and stock.match(m.group("rest").strip()) else None


def _without_apology(sentence: str) -> str | None:
    """What ``sentence`` says after its opening apology or condolence ("I'm so sorry for your loss, and it's hard
    that ..." -> "It's hard that ..."); None when it says nothing else, too little, or apologises again."""
    m = _APOLOGY_LEAD.match(sentence.strip())
    if m is None:
        return None
    rest = m.group("rest").strip()
    if len(_TOKEN.findall(rest)) < MIN_WORDS_LEFT or _APOLOGY.search(rest):
        return None
    return rest[0].upper() + rest[1:]


class _Piece:
    """A sentence of the reply being rebuilt: its text (None when dropped) and the gap before it."""

    __slots__ = ("gap", "text")

    def __init__(self, text: str | None, gap: str) -> None:
        self.text, self.gap = text, gap


def _says_the_same(text: str, others: list[str]) -> bool:
    """True when ``text`` repeats one of ``others`` in other words (most of its content words are already there)."""
    mine = content_stems(text)
    for other in others:
        theirs = content_stems(other)
        if mine and theirs and len(mine & theirs) / min(len(mine), len(theirs)) >= _SAME_THING:
            return True
    return False


@rule_view
def _fit_rules(pack: RulePack) -> dict[str, RuleGroup]:
    """The rule groups of ``rules/<lang>/draft_fit.toml``, one view per language."""
    return {label: pack.group("draft_fit", label)
            for label in ("told", "not_told", "refuses", "clears", "praise_reply", "praises", "cold")}


def _cold_sentences(texts: list[str], frame: str) -> list[int]:
    """Indices of the flat policy sentences in ``texts`` (draft_fit.toml ``cold``) not yet said with ``frame``
    (the register's cold_frame); none when the register has no frame or one sentence already carries it."""
    if not frame or any(frame in t for t in texts):
        return []
    cold = _fit_rules()["cold"]
    return [i for i, t in enumerate(texts) if cold.search(t)]


def framed(sentence: str, frame: str) -> str:
    """``sentence`` said after ``frame`` ("I know this isn't what you need right now: the box cannot be
    returned."): its first letter lower-cased unless it is "I" or starts a capitalised word ("IT", "NHS")."""
    s = sentence.strip()
    keep = re.match(r"I\b|[A-Z]{2}", s) is not None
    return f"{frame} {s if keep else s[:1].lower() + s[1:]}"


def answers_praise(sentence: str, customer: str) -> bool:
    """True when the draft's ``sentence`` answers praise the ``customer`` gave ("Glad you're enjoying them!" to "Love
    the new plans!"): a rewrite keeps it even when the rest of the message reads as another feeling (draft_fit.toml;
    round 7: dropping it left the reply colder)."""
    fit = _fit_rules()
    return bool(fit["praise_reply"].search(sentence.strip()) and fit["praises"].search(customer))


def contradicted(line: str, reply: list[str]) -> bool:
    """True when the draft's sentences ``reply`` say the opposite of the new ``line``: the line agrees nobody said
    what the draft says was stated or announced, or clears the customer of a slip (or promises it is put right)
    while the draft keeps its consequence (draft_fit.toml; round 7: "nobody told you the promo ends" before "it's
    in your contract", "it's not on you" before "the fines remain payable")."""
    fit = _fit_rules()
    for said, denied in (("not_told", "told"), ("clears", "refuses")):
        if fit[said].search(line) and any(fit[denied].search(s) for s in reply):
            return True
    return False


def _fitting_slots(before: Analysis) -> Slots | None:
    """The template fillers for a rewrite of the draft ``before``: when the reason said back would concede what the
    draft says was told ("nobody said the offer ends" beside "the end date is in your contract"), the next reason
    that does not ("your bill tripled"), or none (then the line names the problem or is not added)."""
    slots = slots_for(before)
    fit = _fit_rules()
    if slots is None or not fit["not_told"].search(slots.clause) or not any(
            fit["told"].search(s.text) for s in before.reply_sentences):
        return slots
    return slots_for(before, never=fit["not_told"].patterns)


def _replacement(coach: Coach, customer: str, strategy: str, slots: Slots, used: set[str],
                 context: tuple[Turn, ...], present: list[str] | None = None, *, reassured: bool = False,
                 draft: list[str] | None = None) -> str | None:
    """The first verified candidate for ``strategy`` not used yet, not repeating a sentence in ``present`` and not
    contradicted by the draft's sentences ``draft`` (see :func:`contradicted`).

    ``reassured``: the reply already reassures a self-critical customer, so a reflection keeps only its first
    sentence (the self-critical phrasings add reassurance of their own; round 3: "three stacked reassurances").
    """
    # A self-critical customer's reassurance may come from the lines kept for a draft that keeps the consequence.
    also = ("self_critical_kept",) if strategy == "normalizing" and slots.self_critical else ()
    for text in candidates(strategy, slots, also=also):
        if reassured:
            text = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
        if text in used or _says_the_same(text, [*used, *(present or [])]):
            continue
        if draft and contradicted(text, draft):
            continue
        if verify(coach, customer, checked_text(text), strategy=strategy, min_score=0, context=context).accepted:
            used.add(text)
            return text
    return None


def _mend(coach: Coach, a: Analysis, slots: Slots | None, used: set[str], changes: list[str]) -> str:
    """One round of mending moves on the analysed reply; returns the new reply text."""
    customer, reply, context = a.exchange.customer, a.reply, a.exchange.context
    handles_m = _LEADING_HANDLES.match(reply)
    handles = handles_m.group(0).strip() if handles_m else ""
    pieces: list[_Piece] = []
    prev = 0
    for sent in a.reply_sentences:
        text = sent.text
        if not pieces and handles and text.startswith(handles):
            # The handles are not part of the first sentence's words: they are put back in front at the end.
            text = text[len(handles):].strip() or None
        pieces.append(_Piece(text, reply[prev:sent.start] if pieces else ""))
        prev = sent.end
    front: list[str] = []
    starts = [s.start for s in a.reply_sentences]
    # What the reply says now: a new line it contradicts is not added (see contradicted).
    draft = [s.text for s in a.reply_sentences]

    def touched(span: Span | None) -> list[int]:
        """Indices of the sentences ``span`` overlaps (the sentences are in text order, disjoint)."""
        if span is None:
            return []
        i = max(0, bisect_right(starts, span.start) - 1)
        out = []
        while i < len(starts) and starts[i] < span.end:
            if a.reply_sentences[i].overlaps(span):
                out.append(i)
            i += 1
        return out

    def present() -> list[str]:
        return [pc.text for pc in pieces if pc.text] + front

    # The reply reassures a self-critical customer already, or this round adds reassurance: a reflection then comes
    # without the reassurance of its own.
    reassured = bool(slots and slots.self_critical) and (
        any(f.strategy == "normalizing" for f in a.findings)
        or any(p.kind == "self_criticism_unaddressed" for p in a.pitfalls))

    def replace(idxs: list[int], strategy: str, why: str) -> None:
        text = _replacement(coach, customer, strategy, slots, used, context, present(),
                            reassured=reassured and strategy == "reflecting_emotion", draft=draft) if slots else None
        for n, i in enumerate(idxs):
            pieces[i].text = text if n == 0 else None
        changes.append(f"{why}: {'replaced with' if text else 'removed'} "
                       f"{'a ' + strategy.replace('_', ' ') + ' sentence' if text else 'the sentence'}")

    needs_reflection = a.opportunity_class == "needed_but_missing" and slots is not None and not any(
        f.strategy == "reflecting_emotion" for f in a.findings
    ) and not any(p.kind in {"emotion_mismatch", "missing_reason"} for p in a.pitfalls)
    praise_kept = False  # a draft's answer to the customer's praise stayed: the reflection goes beside it
    for p in a.pitfalls:
        idxs = touched(p.span)
        if p.kind == "self_criticism_unaddressed":
            text = _replacement(coach, customer, "normalizing", slots, used, context, present(),
                                draft=draft) if slots else None
            if text:
                front.append(text)
                changes.append("self-criticism unaddressed: added reassurance")
        elif not idxs:
            continue
        elif p.kind == "dismissive":
            for i in idxs:
                cut = _cut(a.reply_sentences[i], p.span) if p.span else None
                pieces[i].text = cut
            changes.append("dismissive: removed the dismissive words")
        elif p.kind in {"identifiable_customer", "story_irrelevant"}:
            for i in idxs:
                pieces[i].text = None
            changes.append(f"{p.kind.replace('_', ' ')}: removed the sentence")
        elif p.kind == "story_too_long":
            stub = _is_opening(pieces[idxs[0]].text or "")
            for i in idxs[0 if stub else 1:]:
                pieces[i].text = None
            # "Oh I feel this." alone, without the story it opened, says nothing (round 3: a dangling stub).
            changes.append("story too long: removed it" if stub else "story too long: kept only its first sentence")
        elif p.kind == "overgeneralizing":
            if needs_reflection:
                # The reflection added below is the one new empathy line; a second one would say it twice.
                for i in idxs:
                    pieces[i].text = None
                changes.append("overgeneralizing: removed the sentence")
            else:
                replace(idxs, "normalizing", "overgeneralizing")
        elif p.kind == "emotion_mismatch" and answers_praise(pieces[idxs[0]].text or "", customer):
            praise_kept = a.opportunity_class == "needed_but_missing" and not any(
                f.strategy == "reflecting_emotion" for f in a.findings)
        elif p.kind in {"emotion_mismatch", "missing_reason"}:
            replace(idxs, "reflecting_emotion", p.kind.replace("_", " "))

    for pc in pieces:
        mended = mend_dismissive(pc.text) if pc.text else None
        if mended is not None:
            statement, pc.text = mended[0], mended[1] or None
            kind = statement.partition(":")[2]
            changes.append(f"dismissive statement ({kind}): {'said more kindly' if pc.text else 'removed'}")

    kept = [pc for pc in pieces if pc.text]
    # One new empathy line a round: a reassurance added for a self-critical customer already meets the need.
    if (needs_reflection or praise_kept) and slots is not None and not front:
        text = _replacement(coach, customer, "reflecting_emotion", slots, used, context,
                            [pc.text or "" for pc in kept] + front, reassured=reassured, draft=draft)
        if text and text not in front and all(text != pc.text for pc in kept):
            front.insert(0, text)
            changes.append("empathy needed but missing: added a reflection of the customer's feeling and its reason")
    texts = [pc.text for pc in kept]
    gaps = [pc.gap for pc in kept]
    # New sentences go after the sentences that open the reply (greeting, thanks, "I saw your message", "Oh man"),
    # never inside one: round 3 tagged a line put before "Hello, I saw your message." or between "Hello," and the
    # rest of its sentence as misplaced. Found when the first one is put in: a greeting that runs on is split then.
    insert_at: int | None = None
    added = 0  # new sentences put in so far (each at insert_at, in front of the ones before)
    # "(3/3)": new empathy belongs in the thread's first message, not a later one (round 3: placement); a stock line
    # the agent put there is still replaced in its place.
    trailing = _TRAILING_THREAD_MARKER.search(reply)
    later_in_thread = _continues_a_thread(handles) or (
        trailing is not None and 2 <= int(trailing.group(1)) <= int(trailing.group(2)))
    for t in reversed(front):
        # A stock apology (for a sentence that apologises) or a stock "I understand" becomes the specific
        # sentence, in its place, instead of standing beside it.
        stock = _BARE_APOLOGY if _APOLOGY.search(t) else _STOCK_UNDERSTANDING
        bare = next((i for i, x in enumerate(texts) if x and _stock_head(x, stock) is not None), None)
        if bare is not None:
            head = _stock_head(texts[bare] or "", stock)
            # "Hi, sorry to hear that." keeps its greeting: "Hi, I'm so sorry ..." (round 8: it stayed beside one).
            said = t if re.match(r"I\b", t) else t[:1].lower() + t[1:]
            texts[bare] = f"{head}, {said}" if head else t
            changes.append("replaced a stock line with one that names the feeling and its reason")
            continue
        if any(x and x.strip().lower() == t.strip().lower() for x in texts):
            continue  # never say the same sentence twice
        if later_in_thread:
            changes.append("a later message of a thread: no sentence added (say it in the first message)")
            continue
        if insert_at is None:
            insert_at = _opening_end(texts, gaps)
        if _APOLOGY.search(t) and any(x and _APOLOGY.search(x) for x in texts[max(0, insert_at - 1):insert_at + 1]):
            # The draft apologises right there already (and keeps a fact doing so: a bare one was replaced above).
            t = _without_apology(t)
            if t is None:
                changes.append("the draft apologises there already: no second apology added")
                continue
        texts.insert(insert_at, t)
        gaps.insert(insert_at, _new_line_gap(gaps, insert_at, added))
        added += 1
        _keep_signature_last(texts, insert_at)
        following = texts[insert_at + 1] if insert_at + 1 < len(texts) else None
        if following and following[0].islower():
            # "Edgar - sorry for the delay" opened the reply; after the new sentence it starts one of its own.
            texts[insert_at + 1] = following[0].upper() + following[1:]
    frame = slots.register.cold_frame if slots else ""
    cold = _cold_sentences([t or "" for t in texts], frame)
    if cold:
        # To a bereaved, ill or endangered customer the draft's first flat refusal or waiting time keeps its fact,
        # said knowing it is hard to hear (round 7: a bare "cannot be returned" after a death was kept_dismissive).
        # A greeting that runs on into it ("Hi, we can't ...") stays in front.
        at = cold[0]
        split = _split_opening(texts[at] or "")
        if split is not None:
            texts[at] = split[0]
            texts.insert(at + 1, split[1])
            gaps.insert(at + 1, " ")
            at += 1
        texts[at] = framed(texts[at] or "", frame)
        changes.append("a hard fact in a grave moment: said knowing it is hard to hear")
    parts: list[str] = []
    for n, (t, g) in enumerate(zip(texts, gaps, strict=True)):
        if n:
            parts.append(g if g.strip() == "" and g else " ")
        parts.append(t or "")
    body = "".join(parts).strip()
    if handles and re.search(r"[-–—,]$", handles) and not re.match(r"I\b", body):
        body = body[:1].lower() + body[1:]  # "Edgar - it's really frustrating ..."
    return f"{handles} {body}".strip() if handles else body


def rewrite(
    customer: str,
    draft: str,
    *,
    context: tuple[Turn, ...] = (),
    coach: Coach | None = None,
    backend: Any | None = None,
    id: str | None = None,
) -> RewriteResult:
    """Mend the pitfalls of ``draft`` as a reply to ``customer``; the result is never worse than the draft."""
    coach = coach or default_coach()
    before = coach.run(Exchange(customer=customer, reply=draft, context=context, id=id))
    slots = _fitting_slots(before)
    best, changes, used = before, [], set()
    current = before
    for _ in range(MAX_ROUNDS):
        if not current.pitfalls and current.opportunity_class != "needed_but_missing" \
                and not _dismissive_count(current):
            break
        round_changes: list[str] = []
        text = _mend(coach, current, slots, used, round_changes)
        # a draft near the length limit can grow past it with an added sentence: keep the best so far
        if not text.strip() or text == current.reply or len(text) > coach.max_chars:
            break
        current = coach.run(Exchange(customer=customer, reply=text, context=context, id=id))
        changes.extend(round_changes)
        if set(problems(text, allow_handles=True)) - set(problems(draft, allow_handles=True)):
            continue  # a rewrite never adds a repeated sentence or apology, a misplaced handle or broken agreement
        if _badness(current) < _badness(best):
            best = current
    note = ""
    if best is not before and not _keeps_any_sentence(before, best.reply):
        # Every sentence of the draft was a pitfall: an empathy line alone is no reply. Say so instead.
        best, note = before, ("Every sentence of this draft is a pitfall: write the reply again, starting from the "
                              "suggestions, and keep the facts and next steps the customer needs.")
    if backend is not None:
        # A language model writes a whole reply, not an empathy line alone: it may replace every sentence.
        for text in backend.rewrite(customer, draft):
            v = verify(coach, customer, text, must_beat=best.score, context=context)
            if v.accepted:
                best, changes, note = v.analysis, [*changes, "language model rewrite, verified by the analyzer"], ""
    if best is before:
        changes = []
    return RewriteResult(before=before, after=best, changes=changes, note=note)


def _dismissive_count(a: Analysis) -> int:
    """How many sentences of the reply are curt statements that no pitfall flags (dismissive.toml's curt rules),
    plus a flat policy sentence said bare to a customer in a grave moment (see :func:`_cold_sentences`)."""
    curt = sum(1 for s in a.reply_sentences if mend_dismissive(s.text) is not None)
    frame = register_for(a.exchange.customer).cold_frame
    return curt + min(1, len(_cold_sentences([s.text for s in a.reply_sentences], frame)))


def _badness(a: Analysis) -> tuple[int, int]:
    """What a rewrite lowers, in order: pitfalls and dismissive statements, then the score (negated)."""
    return len(a.pitfalls) + _dismissive_count(a), -a.score


def _keeps_any_sentence(before: Analysis, rewritten: str) -> bool:
    """True when at least one sentence of the draft (or what a mending cut left of it) is still in the rewrite."""
    new = content_stems(rewritten)
    for sent in before.reply_sentences:
        mine = content_stems(sent.text)
        if mine and len(mine & new) / len(mine) >= 0.5:
            return True
    return not before.reply_sentences
