"""detect.resolve: merge the candidates of every detector into non-overlapping findings.

Candidates of one strategy that overlap are merged into one span. Candidates of different
strategies that overlap compete: the higher confidence wins, and on a tie the labelling
conventions decide (each strategy's ``priority`` in its registry file: a commonality sentence is
normalizing even when it names a feeling). A multi-sentence loser keeps the part the winner
does not cover, so a story is not lost because one of its sentences also reflects a feeling.
Before that, every detector's stories are cut to the agent's own story (:func:`shape_stories`):
no imagined "I'd be livid too if ..." opening, no case update or commonality sentence at the end.

Evidence is merged, not chosen: a finding carries the evidence of every candidate of its strategy
that overlapped it (the rule that matched and the head that agreed), while ``source`` keeps naming
the winner. A candidate that carries a veto (the strategy head's happy-reflection veto, or a
convention below) never becomes a finding; its evidence joins the finding it overlaps, or lands in
``analysis.rejected`` so ``analyze --explain`` can say what was turned down and why.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import replace

from empathic import evidence as ev
from empathic.catalog import registry
from empathic.components import component
from empathic.facts.feelings import names_only_wrong_feelings
from empathic.facts.sentences import facts_at, view_at
from empathic.facts.text import reply_facts, touching_sentences
from empathic.rules import Groups, RuleGroup, RulePack, load_rule_pack, rule_view
from empathic.types import Analysis, Finding, SentenceFacts, Span, SpanIndex, merge_evidence


@rule_view
def _relating_groups(pack: RulePack) -> Groups:
    """The groups of the current language's relating.toml by label."""
    return pack.groups("relating")


def _relating(label: str) -> RuleGroup:
    return _relating_groups()[label]

_WORDS = re.compile(r"\w+")


def _priority() -> dict[str, int]:
    """Which of two tied overlapping candidates wins, lowest first (each strategy's registry ``priority``)."""
    return {s.name: s.priority for s in registry().strategies}


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] in "—–-,;:"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end) if start < end else None


def _merge_same(candidates: list[Finding], text: str) -> list[Finding]:
    """Union overlapping candidates of the same strategy (the higher confidence and its source; all evidence)."""
    out: list[Finding] = []
    by_strategy: dict[str, list[Finding]] = {}
    for c in candidates:
        by_strategy.setdefault(c.strategy, []).append(c)
    for group in by_strategy.values():
        group.sort(key=lambda f: (f.span.start, -f.span.end))
        current = group[0]
        for nxt in group[1:]:
            if nxt.span.overlaps(current.span):
                best = current if current.confidence >= nxt.confidence else nxt
                span = Span.of(text, min(current.span.start, nxt.span.start), max(current.span.end, nxt.span.end))
                current = Finding(
                    current.strategy, span, best.confidence, best.source,
                    merge_evidence(best.evidence, current.evidence, nxt.evidence),
                )
            else:
                out.append(current)
                current = nxt
        out.append(current)
    return out


def _remainder(f: Finding, taken: list[Span], text: str) -> Span | None:
    """The longest part of ``f``'s span that no accepted span covers, if it still has words."""
    pieces = [(f.span.start, f.span.end)]
    for t in taken:
        nxt: list[tuple[int, int]] = []
        for s, e in pieces:
            if t.end <= s or t.start >= e:
                nxt.append((s, e))
                continue
            if s < t.start:
                nxt.append((s, t.start))
            if t.end < e:
                nxt.append((t.end, e))
        pieces = nxt
    spans = [sp for s, e in pieces if (sp := _trim(text, s, e)) is not None]
    if not spans:
        return None
    best = max(spans, key=len)
    min_words = int(load_rule_pack().setting("resolve", "min_story_words"))
    return best if len(_WORDS.findall(best.text)) >= min_words else None


def _start(span: Span) -> int:
    return span.start


def _end(span: Span) -> int:
    return span.end


def resolve(candidates: list[Finding], text: str) -> list[Finding]:
    """Non-overlapping findings from ``candidates`` (spans into ``text``), sorted by start.

    Vetoed candidates (:attr:`Finding.vetoed`) are never accepted: their evidence joins the
    findings of their strategy that they overlap (:func:`attach_vetoes`).
    """
    vetoed = [c for c in candidates if c.vetoed]
    if vetoed:
        candidates = [c for c in candidates if not c.vetoed]
        return attach_vetoes(resolve(candidates, text), vetoed)[0]
    if not candidates:
        return []
    prio = _priority()
    merged = _merge_same(candidates, text)
    merged.sort(key=lambda f: (-f.confidence, prio.get(f.strategy, len(prio)), -len(f.span), f.span.start))
    accepted: list[Finding] = []
    # The accepted spans never overlap one another, so kept in start order their ends are in order too and
    # the ones a candidate overlaps are found by bisection (a scan of all of them per candidate is quadratic
    # on a long reply). Only those can cut it: _remainder's pieces are the same without the others.
    taken: list[Span] = []
    for f in merged:
        lo = bisect_right(taken, f.span.start, key=_end)
        near = [t for t in taken[lo : bisect_left(taken, f.span.end, key=_start)] if f.span.overlaps(t)]
        if not near:
            accepted.append(f)
            insort(taken, f.span, key=_start)
            continue
        rest = _remainder(f, near, text)
        if rest is not None and rest != f.span:
            accepted.append(replace(f, span=rest))
            insort(taken, rest, key=_start)
    accepted.sort(key=lambda f: (f.span.start, f.span.end))
    return accepted


def attach_vetoes(findings: list[Finding], vetoed: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """``findings`` with the evidence of each overlapping ``vetoed`` candidate of their strategy merged in.

    Returns the findings and the vetoed candidates that overlapped none (turned down outright).
    """
    left: list[Finding] = []
    out = list(findings)
    for v in vetoed:
        hit = False
        for i, f in enumerate(out):
            if f.strategy == v.strategy and f.span.overlaps(v.span):
                out[i] = replace(f, evidence=merge_evidence(f.evidence, v.evidence))
                hit = True
        if not hit:
            left.append(v)
    return out, left


def veto(candidate: Finding, rule_id: str) -> Finding:
    """``candidate`` with the registered predicate ``rule_id`` as a veto (scored with its confidence)."""
    span = (candidate.span.start, candidate.span.end)
    return replace(
        candidate, evidence=(*candidate.evidence, ev.rule(rule_id, candidate.confidence, span, effect="veto"))
    )


def _is_aside(analysis: Analysis, span: Span) -> bool:
    """True when ``span`` is a personal aside the story check calls unrelated to the customer's issue."""
    from empathic.facts.stories import is_personal, relevance

    facts = facts_at(analysis, span)
    if facts is not None:
        return facts.personal and not facts.relevance.relevant
    if not is_personal(span.text):
        return False
    return not relevance(span.text, analysis.customer_facts).relevant


def _stock_reassurance_only(analysis: Analysis, span: Span) -> bool:
    """True when ``span`` reassures only with a stock "don't worry" / "rest assured" and no normalizing cue.

    LABELS.md: "don't worry" leading into a fix is no strategy; "not your fault" still normalizes.
    """
    from empathic.strategies.normalizing import normalizing_evidence, without_stock_reassurance

    v = view_at(analysis, span)
    if without_stock_reassurance(v.norm) is None:
        return False
    return normalizing_evidence(v, self_critical=analysis.customer.self_critical) is None


def _no_normalizing_cue(analysis: Analysis, span: Span) -> bool:
    """True when ``span`` has no word of commonality or normality and the customer is not self-critical.

    LABELS.md: normalizing says the problem or feeling is common or normal; reassurance and affirmation
    count for a self-critical customer. The head learns the register of such sentences and on human text
    also gives it to encouragement, opinions and advice ("it's a good thing you left"); without one of the
    cue words of ``rules/<lang>/resolve.toml`` (label ``normalizing_cue``) nothing in the sentence says
    the experience is normal.
    """
    from empathic.strategies.predicates import masked, normalizing_groups

    if analysis.customer.self_critical:
        return False
    norm = view_at(analysis, span).norm
    # "a lot of people have no goals" is about others, not a problem they share, and "easy to make promises
    # but harder to keep them" weighs the world, not a slip: the rules' own not-commonality and
    # not-reassurance phrases are no cue either
    groups = normalizing_groups()
    norm = masked(norm, groups["not_commonality"]) or norm
    norm = masked(norm, groups["not_reassurance"]) or norm
    return load_rule_pack().group("resolve", "normalizing_cue").search(norm) is None


def _rule_spans(candidates: list[Finding]) -> dict[str, SpanIndex]:
    """The spans of the rule candidates, indexed per strategy (once: every learned candidate is compared with them)."""
    spans: dict[str, list[Span]] = {}
    for r in candidates:
        if r.source == "rules":
            spans.setdefault(r.strategy, []).append(r.span)
    return {strategy: SpanIndex(s) for strategy, s in spans.items()}


def _rule_agrees(candidate: Finding, rules: dict[str, SpanIndex]) -> bool:
    """True when a rule candidate of the same strategy (``rules``: :func:`_rule_spans`) overlaps ``candidate``
    (a matched rule is a cue itself)."""
    index = rules.get(candidate.strategy)
    return index is not None and index.overlaps(candidate.span)


def _tells_no_own_situation(analysis: Analysis, span: Span) -> bool:
    """True when every sentence of ``span`` only says "I've been there" or gives a tip from the agent's habits.

    LABELS.md: relating needs the agent's own similar situation; "I had a very similar experience!"
    alone, or "I find a walk helps me when I'm worrying", tells none.
    """
    bare = _relating("bare_similarity")
    tip = _relating("coping_tip")
    sents = _story_sentences(analysis, span)
    return bool(sents) and all(bare.search(s.norm) or tip.search(s.norm) for s in sents)


def _someone_elses_story(analysis: Analysis, span: Span) -> bool:
    """True when every sentence of ``span`` tells of someone other than the agent.

    LABELS.md: relating needs the agent's own situation. "The last customer I spoke to had the
    same" (``[relating.not_own]``) or "John Miller from Springfield was charged twice too" (a named,
    identifiable customer: the identifiable_customer check's own evidence) is another customer's
    story, whatever detector proposed it.
    """
    not_own = _relating("not_own")
    own_stake = _relating("own_stake")
    sents = _story_sentences(analysis, span)
    return bool(sents) and all(
        # "someone kept trying to get into my email": what another did to the agent's own things is their story
        own_stake.search(s.norm) is None and (not_own.search(s.norm) or s.identifiable)
        for s in sents
    )


def _told_to_reader(analysis: Analysis, span: Span) -> bool:
    """True when every sentence of ``span`` has the company written to as the other party ("you guys promised me").

    LABELS.md: relating is the agent's own similar situation; a story of what the reader did to the teller is a
    customer's grievance (a reply that is really a customer writing to the brand), whatever detector proposed it.
    """
    to_reader = _relating("to_reader")
    sents = _story_sentences(analysis, span)
    return bool(sents) and all(to_reader.search(s.norm) for s in sents)


def _story_sentences(analysis: Analysis, span: Span) -> list[SentenceFacts]:
    """The facts of the reply sentences that share a character with ``span``."""
    facts = reply_facts(analysis)
    return [facts[i] for i in touching_sentences(analysis, span)]


def _ends_story(sentence: SentenceFacts, candidates: list[Finding]) -> bool:
    """True when ``sentence``, read after the opening of a story, is where that story has ended.

    A story is told in the past by the agent: a sentence telling the case's state now or next ("The
    order is refunded in full") is back on the case, and one that another detector reads as
    commonality ("Old passwords catch lots of people out") without the agent in it tells the
    customer their trouble is normal, so it is normalizing, not more of the story (LABELS.md).
    """
    from empathic.facts.stories import is_case_update, tells_of_agent
    from empathic.strategies.reflecting import without_empathy_frame

    if is_case_update(sentence.span.text):
        return True
    # "I know these feelings can be upsetting": the agent's empathy frame does not put them in the story
    if tells_of_agent(without_empathy_frame(sentence.norm)):
        return False
    return any(c.strategy == "normalizing" and c.span.overlaps(sentence.span) for c in candidates)


def shape_stories(
    analysis: Analysis, candidates: list[Finding], rejected: list[Finding] | None = None
) -> list[Finding]:
    """``candidates`` with each relating_experience story cut to what is really the agent's story.

    Whatever detector proposed it, a story does not open with an imagined situation ("I'd be
    furious too if ...": LABELS.md calls that reflecting, never a story of the agent's own), and it
    ends before a sentence that is back on the case or that normalizes (:func:`_ends_story`). A
    story left with nothing is dropped, so the reflecting or normalizing reading of its sentences
    can win (and, vetoed, goes to ``rejected`` when a list is given).
    """
    out: list[Finding] = []
    for c in candidates:
        if c.strategy != "relating_experience":
            out.append(c)
            continue
        sents = _story_sentences(analysis, c.span)
        if not sents:
            out.append(c)
            continue
        while sents and sents[0].hypothetical:
            sents = sents[1:]
        for k in range(1, len(sents)):
            if _ends_story(sents[k], candidates):
                sents = sents[:k]
                break
        if not sents or (sents[0].span.start > c.span.start and _ends_story(sents[0], candidates)):
            if rejected is not None:
                rejected.append(veto(c, ev.STORY_SHAPE))
            continue
        start = max(c.span.start, sents[0].span.start)
        end = min(c.span.end, sents[-1].span.end)
        if (start, end) == (c.span.start, c.span.end):
            out.append(c)
        elif start < end:
            out.append(replace(c, span=Span.of(analysis.reply, start, end)))
    return out


def follow_conventions(
    analysis: Analysis, candidates: list[Finding], rejected: list[Finding] | None = None
) -> list[Finding]:
    """``candidates`` without those the labelling conventions rule out, whatever detector proposed them.

    LABELS.md: a reflection that names a feeling the customer does not have is not
    reflecting_emotion (emotion_mismatch), and a personal aside unrelated to the customer's issue
    is not relating_experience (story_irrelevant). The pitfall checks judge both, so asking them
    here keeps every detector's findings in agreement with the pitfalls they raise. A learned
    reflection whose every feeling the rules set aside (advice, conditions, wishes) goes too, as does one
    that names no feeling at all (no feeling word, appraisal or apology: "It sounds like you've tried everything."), and
    so does a learned "story" that is only a similarity marker ("Me too.": bare understanding), and
    a story about someone else, such as another (identifiable) customer, or of what the company written to did
    to the teller (a grievance), and a learned normalizing sentence that says nothing is common or normal to a
    customer who is not self-critical.
    Stories are first cut to the agent's own story (:func:`shape_stories`). Each candidate turned
    down goes to ``rejected`` (when given) with the convention that vetoed it.
    """
    from empathic.strategies.reflecting import difficulty_verdict_only, names_no_feeling, sets_aside_every_feeling
    from empathic.strategies.relating import is_bare_marker

    kept: list[Finding] = []
    out = rejected if rejected is not None else []
    customer, said = analysis.customer, analysis.customer_facts
    rules = _rule_spans(candidates)
    for c in shape_stories(analysis, candidates, rejected):
        # a candidate that is one reply sentence is read from its facts; a longer span is read here
        v = view_at(analysis, c.span) if c.strategy == "reflecting_emotion" else None
        named = v.named if isinstance(v, SentenceFacts) else None
        if c.strategy == "reflecting_emotion" and names_only_wrong_feelings(c.span, customer, said, named=named):
            out.append(veto(c, ev.WRONG_FEELING))
            continue
        learned = c.source != "rules"
        if v is not None and learned and sets_aside_every_feeling(analysis.reply, v):
            out.append(veto(c, ev.SET_ASIDE))
            continue
        if v is not None and learned and difficulty_verdict_only(analysis.reply, v):
            out.append(veto(c, ev.DIFFICULTY_VERDICT))
            continue
        if v is not None and learned and names_no_feeling(analysis.reply, v):
            out.append(veto(c, ev.NO_FEELING))
            continue
        if c.strategy == "relating_experience" and learned:
            if is_bare_marker(c.span.text):
                out.append(veto(c, ev.BARE_MARKER))
                continue
            if _is_aside(analysis, c.span):
                out.append(veto(c, ev.ASIDE))
                continue
        if c.strategy == "normalizing" and learned and _stock_reassurance_only(analysis, c.span):
            out.append(veto(c, ev.STOCK_REASSURANCE))
            continue
        if (
            c.strategy == "normalizing"
            and learned
            and not _rule_agrees(c, rules)
            and _no_normalizing_cue(analysis, c.span)
        ):
            out.append(veto(c, ev.NO_NORMALIZING_CUE))
            continue
        if c.strategy == "relating_experience" and _tells_no_own_situation(analysis, c.span):
            out.append(veto(c, ev.NO_OWN_SITUATION))
            continue
        if c.strategy == "relating_experience" and _someone_elses_story(analysis, c.span):
            out.append(veto(c, ev.SOMEONE_ELSES_STORY))
            continue
        if c.strategy == "relating_experience" and _told_to_reader(analysis, c.span):
            out.append(veto(c, ev.TO_READER))
            continue
        kept.append(c)
    return kept


@component(
    "detect.resolve",
    requires=("reply_facts", "customer_facts", "candidates", "customer.emotions", "customer.valence",
              "customer.self_critical"),
    assigns=("findings",),
)
def detect_resolve(analysis: Analysis) -> Analysis:
    """Merge candidate findings from every detector into non-overlapping findings.

    Candidates the labelling conventions rule out (:func:`follow_conventions`) are dropped first;
    they, and the candidates a detector vetoed itself, are kept in ``analysis.rejected`` unless a
    finding of their strategy covers them (then their evidence joins that finding's).
    """
    live = [c for c in analysis.candidates if not c.vetoed]
    rejected = [c for c in analysis.candidates if c.vetoed]
    if analysis.reply:
        live = follow_conventions(analysis, live, rejected)
    findings, analysis.rejected = attach_vetoes(resolve(live, analysis.reply), rejected)
    analysis.findings = findings
    return analysis
