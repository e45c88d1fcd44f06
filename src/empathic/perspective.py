"""Turning the customer's words into the agent's: "I was charged twice" -> "you were charged twice".

Used wherever empathic quotes a customer's reason back to them (tips, suggestions).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from empathic.facts.text import is_question
from empathic.resources import resource_lines
from empathic.rules import RuleGroup, RulePack, rule_view
from empathic.textio import straighten

if TYPE_CHECKING:
    from empathic.types import Analysis

# "this"/"these" pointing at a thing, not standing as a subject or naming a time.
_NOT_AFTER_THIS = (r"(?!(?:is|are|was|were|has|have|had|will|would|can|could|should|did|does|do|isn't|aren't|wasn't|"
                   r"weren't|hasn't|haven't|don't|doesn't|didn't|won't|keeps?|kept|\w+ed|"
                   r"happens?|happened|means|meant|says|said|shows|seems|looks|morning|afternoon|evening|night|"
                   r"week|weekend|month|year|time|summer|winter|spring|autumn|season|semester|term|quarter|"
                   r"christmas|monday|tuesday|wednesday|thursday|friday|saturday|sunday|past|last|coming)\b)")
_DEIXIS_THIS = r"\bthis\b(?=\s+" + _NOT_AFTER_THIS + r"[a-z0-9])"
_DEIXIS_THESE = r"\bthese\b(?=\s+" + _NOT_AFTER_THIS + r"[a-z0-9])"
# Order matters: contractions before bare pronouns. Case of the first letter is restored afterwards.
_SWAPS: tuple[tuple[str, str], ...] = (
    (r"\bI'm\b", "you're"),
    (r"\bI am\b", "you are"),
    (r"\bI've\b", "you've"),
    (r"\bI'd\b", "you'd"),
    (r"\bI'll\b", "you'll"),
    (r"\bI was\b", "you were"),
    (r"\bwasn't I\b", "weren't you"),
    (r"\bI wasn't\b", "you weren't"),
    (r"\bam I\b", "are you"),
    (r"\bI\b", "you"),
    (r"\bmyself\b", "yourself"),
    (r"\bmy\b", "your"),
    (r"\bmine\b", "yours"),
    (r"\bme\b", "you"),
    (r"\bwe're\b", "you're"),
    (r"\bwe've\b", "you've"),
    (r"\bwe\b", "you"),
    (r"\bour\b", "your"),
    (r"\bus\b", "you"),
    (r"\bim\b", "you're"),
    (r"\bive\b", "you've"),
    # Where the customer is, seen from the agent's side: "I'm stuck here" -> "you're stuck there".
    (r"\bhere\b(?!\s+(?:is|are|'s)\b)", "there"),
    # What the customer points at is far from the agent: "stuck on this screen" -> "stuck on that screen", "these
    # texts" -> "those texts" (round 6: "this MacBook", "this screen", "this error" read as the customer's view).
    # Not "this" as a subject ("this is the third time") nor a time ("this morning", "all this week").
    (_DEIXIS_THIS, "that"),
    (_DEIXIS_THESE, "those"),
)
# The customer's "you" is the company; in the agent's voice it becomes "we" as a subject and "us" as an object
# ("you never answer" -> "we never answer"; "an email from you" -> "an email from us").
_COMPANY: tuple[tuple[str, str], ...] = (
    (r"\byou're\b", "we're"),
    (r"\byou've\b", "we've"),
    (r"\byou'll\b", "we'll"),
    (r"\byou'd\b", "we'd"),
    (r"\byou are\b", "we are"),
    (r"\byou were\b", "we were"),
    (r"\byour\b", "our"),
    (r"\byours\b", "ours"),
    (r"\b(?:you guys|you all|y'all|you lot|you people|you(?!\s+(?:guys|all|lot|people)\b))"
     r"(?=\s+(?:are|were|have|had|do|does|did|don't|didn't|"
     r"can|can't|could|couldn't|will|won't|would|wouldn't|should|shouldn't|keep|kept|never|always|just|still|also|only|even|"
     r"sent|made|took|gave|told|said|sold|put|let|left|lost|got|brought|cut|hung|\w+ed|\w+s)\b)", "we"),
    (r"^(?:you guys|you all|you lot|you people|you)\b", "we"),
    (r"\b(?:you guys|you all|you lot|you people|you)\b", "us"),
)
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _SWAPS]
_COMPILED_COMPANY = [(re.compile(p, re.IGNORECASE), r) for p, r in _COMPANY]
_LEADING_JOINT = re.compile(
    r"^(?:and|but|so|because|since|as|that|when|after|now|then|just|also|plus|cause|cos|coz)\b[\s,]*",
    re.IGNORECASE,
)


def to_second_person(text: str, *, company_voice: bool = False) -> str:
    """Rewrite first-person words as second person, keeping everything else.

    With ``company_voice`` the customer's "you/your" (the company) also becomes "we/our".
    """
    # Placeholders stop a swapped "you" from being swapped again by a later rule.
    out = text
    marks: list[str] = []
    rules = (_COMPILED_COMPANY + _COMPILED) if company_voice else _COMPILED
    for pattern, repl in rules:
        def sub(m: re.Match[str], repl: str = repl) -> str:
            marks.append(repl)
            return f"\x00{len(marks) - 1}\x00"

        out = pattern.sub(sub, out)
    return re.sub(r"\x00(\d+)\x00", lambda m: marks[int(m.group(1))], out)


# "a"/"an" go by the sound of the next word: these start with a vowel letter and a consonant sound ("a user",
# "a one-off", "a euro") or with a silent h ("an hour", "an honest mistake"). Measured against the inflect library
# (PyPI, MIT) on every reason clause of twcs dev and cs-dev: both correct the same 6 articles of 297 clauses; on 43
# hard words the rule below gets 43 right and inflect 35, and importing inflect took 4-7 s (docs/coaching-text.md).
_A_BEFORE_VOWEL = re.compile(r"^(?:uni|use|usu|uti|uk|euro?|eu|ewe|one\b|once|ufo|u-)", re.IGNORECASE)
_AN_BEFORE_H = re.compile(r"^(?:hour|honest|honou?r|heir)", re.IGNORECASE)
_ARTICLE = re.compile(r"\b([Aa]n?)\s+(?=([\w'-]+))")
# Initialisms read letter by letter: "an MRI", "an SMS", "a SIM" is a word; letters whose names start with a vowel.
_INITIALISM_AN = frozenset("AEFHILMNORSX")
#: Short capitals said as a word, not letter by letter.
_SAID_AS_WORDS = frozenset({"SIM", "PIN", "NASA", "NATO", "UEFA", "OPEC", "ASAP", "AWOL", "SAT", "GIF", "JPEG", "RAM"})


def _wants_an(word: str) -> bool:
    if word[:1].isdigit():
        # "an 8", "an 11-hour wait", "an 18", "an 80", "an 800"; "a 1", "a 100"
        digits = re.match(r"\d+", word.replace(",", ""))
        number = digits.group(0) if digits else ""
        return number.startswith("8") or (len(number) in (2, 5) and number[:2] in ("11", "18"))
    if (2 <= len(word) <= 4 and word.isupper() and word.isalpha() and word not in _SAID_AS_WORDS) \
            or re.match(r"^[A-Za-z]-", word):
        return word[0].upper() in _INITIALISM_AN  # spelt out letter by letter: "an NHS", "a BBC", "an x-ray"
    if _AN_BEFORE_H.match(word):
        return True
    return word[:1].lower() in "aeiou" and not _A_BEFORE_VOWEL.match(word)


def fix_articles(text: str) -> str:
    """``text`` with "a"/"an" agreeing with the sound of the next word ("over a hour" -> "over an hour").

    An "an" before a pronoun is chat for "and" ("I can't log in an you won't ...") and is left alone.
    """
    def fix(m: re.Match[str]) -> str:
        article, word = m.group(1), m.group(2)
        if word.lower() in {"i", "you", "we", "they", "he", "she", "it", "my", "your", "our"}:
            return m.group(0)
        want = "an" if _wants_an(word) else "a"
        if article[0].isupper():
            want = want.capitalize()
        return m.group(0).replace(article, want, 1)

    return _ARTICLE.sub(fix, text)


# A clause of time or cause that opens the text before its main clause ("since the bank moved its app, my pot has
# gone", "after the patch my printer is dead"): the main clause is the reason. Its joint word is never dropped
# alone, which would run the two clauses together ("the bank moved its app your pot has gone").
_SUBORDINATE_LEAD = re.compile(r"^(?:ever since|since|after|when|once|because|as soon as|now that)\b\s*",
                               re.IGNORECASE)
# Where the main clause starts, with no comma before it: a subject and, within two words, a finite verb. Not after
# a verb that takes a clause as its object ("because the app says my card is invalid": one clause).
_MAIN_AFTER_LEAD = re.compile(
    r"(?<!\bsays)(?<!\bsaid)(?<!\bsay)(?<!\btold)(?<!\bthink)(?<!\bthought)(?<!\bknow)(?<!\bknew)(?<!\bshows)"
    r"(?<!\bshowed)(?<!\bmeans)(?<!\bnoticed)(?<!\brealised)(?<!\brealized)(?<!\bthat)(?<!\band)(?<!\bor)"
    r"(?<!\bof)(?<!\bto)(?<!\bin)(?<!\bon)(?<!\bat)(?<!\bfor)(?<!\bwith)(?<!\bfrom)(?<!\bby)(?<!\binto)(?<!\babout)"
    r",?\s+(?=(?:my|our|i|i['’]ve|i['’]m|we|we['’]ve|we['’]re|it|it['’]s|they|nobody|no one|nothing|everything|"
    r"there['’]s|there|the)\s+(?:(?!(?:i|it|they|we|my|our|your|the)\b)[\w'’]+\s+){0,2}?(?:is|are|was|were|has|have|had|keeps?|kept|won't|can't|cannot|"
    r"couldn't|doesn't|don't|didn't|isn't|wasn't|hasn't|haven't|will|just|still|never|froze|broke|went|came|got|"
    r"fell|died|ran|\w+ed|\w+s)\b)",
    re.IGNORECASE,
)


def _main_clause(text: str) -> str:
    """``text`` without a leading subordinate clause that has its main clause after it (see
    :data:`_SUBORDINATE_LEAD`); ``text`` unchanged when it is the subordinate clause alone ("because my order never
    came": the reason itself)."""
    lead = _SUBORDINATE_LEAD.match(text)
    if not lead:
        return text
    rest = text[lead.end():]
    m = _MAIN_AFTER_LEAD.search(rest)
    # the subordinate clause keeps at least one word of its own ("after the update", "when I log in")
    if m and m.start() > 0 and rest[: m.start()].strip(" ,"):
        return rest[m.end():]
    return text


def reason_phrase(cause: str, *, max_words: int = 14, company_voice: bool = False) -> str:
    """A short second-person reason from a cause span: no leading joint word, no end punctuation; of a clause
    that opens with a subordinate one ("since ..., ..."), the main clause."""
    text = _main_clause(cause.strip())
    while _LEADING_JOINT.match(text):  # "Now that ...", "and so ..."
        stripped = _LEADING_JOINT.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = text.strip(" .!?,;:'“”‘’")
    if text.count('"') % 2:
        text = text.strip('"')  # a quotation mark left without its pair
    text = text.strip(" .!?,;:'")
    words = text.split()
    if len(words) > max_words:
        # Cut at a joint ("," / "and" / "but") rather than mid-phrase, when there is one early enough.
        cut = re.search(r",\s|\s(?:and|but|so|which|because)\s", " ".join(words[3:]))
        head = " ".join(words[:3])
        text = (head + " " + " ".join(words[3:])[: cut.start()]) if cut else " ".join(words[:max_words])
        text = text.strip(" ,")
    text = fix_articles(_YOUR_THING_YOU.sub(r"the \1 ", to_second_person(text, company_voice=company_voice)))
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    # The reason runs on after "that"/"since": a capital only for an acronym ("PIN", "UK"); the article "A" is a
    # one-letter word whose isupper() would otherwise pass it as one ("since A card you never ordered ...").
    if first[:1].isupper() and (first == "A" or not first[:2].isupper()):
        text = text[0].lower() + text[1:]
    return text


# What the customer says they will do next ("I'm going to end up never buying here", "I'll cancel") is where the
# trouble leads, not the trouble: never quoted as the reason.
_INTENT = re.compile(r"\b(?:going to|gonna|will|'ll)\s+(?:\w+\s+){0,2}(?:end up|never|stop|cancel|leave|switch|close|"
                     r"take my|report|complain)\b", re.IGNORECASE)


# A finite clause starts with a subject and has a verb; a subject dropped in chat ("Sent my phone ...") is "you".
# No "he"/"she"/"his"/"her": quoted alone, a clause about a person named elsewhere in the message has no one for
# the pronoun to stand for ("she says you owe $12,000").
_SUBJECT = re.compile(
    r"^(?:you|you're|you've|your|we|we're|our|it|it's|its|this|that|these|those|there|there's|they|their|the|a|an|"
    r"nobody|no one|nothing|someone|somebody|everything|everyone|people|my|mine)\b",
    re.IGNORECASE,
)
# A word that needs an object followed straight by a joint or the end of a phrase: what stood there (an @handle,
# a link) was taken out ("ordering things from @shop and ..." -> "ordering things from and ...").
# "log in and ..." is a verb and its particle, no hole.
_HOLE = re.compile(r"(?<!\blog )(?<!\bsign )(?<!\blogged )(?<!\bsigned )"
                   r"\b(?:from|to|with|at|by|for|of|on|in|into|about|via|the|a|an|my|your|our)\s+(?:and|or|but|so|,)"
                   r"(?:\s|$)", re.IGNORECASE)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|can't|cannot|could|couldn't|won't|wouldn't|"
    r"didn't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|keeps?|kept|got|gets?|said|says|went|"
    r"came|left|lost|made|paid|sent|took|told|needs|wants|costs|owes|seems|looks|works|takes|makes|goes|comes|"
    r"shows|charges|asks|tells|\w+ed|'s|'re|'ve|'ll|'d)\b",
    re.IGNORECASE,
)
_DROPPED_SUBJECT_VERB = re.compile(
    r"^(?:sent|got|paid|bought|ordered|tried|moved|made|called|rang|booked|received|waited|lost|spent|had|"
    r"just (?:got|moved|paid|bought|ordered)|"
    # "been" only before what a customer goes through ("been waiting", "been charged twice", "been on hold"); what
    # has "been like this since Friday" or "been broken for weeks" is a thing the customer left unnamed.
    r"been (?:(?:waiting|trying|calling|ringing|phoning|chasing|emailing|messaging|asking|paying|queuing|queueing|"
    r"dealing|struggling|fighting|using|driving|travell?ing|sleeping|living|working|on hold|stuck|"
    r"charged|overcharged|double charged|billed|told|promised|ignored|refused|"
    r"denied|left|locked out|cut off|kicked|passed|transferred|fobbed|messed|sent|given|asked|without)\b))",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^(?:why|what|how|when|where|who|which|is|are|can|could|will|would|do|does|did)\b", re.I)
_GERUND = re.compile(r"^\w+ing\b")
# A "whenever" clause with a subject of its own is a finite clause too ("every time you call you get told ...").
_WHENEVER_CLAUSE = re.compile(
    r"^(?:every time|each time|whenever)\s+(?:you|we|they|he|she)\b.*\b(?:you|we|they)(?:\s+\w+|['’]\w+)", re.IGNORECASE
)
_FEELING_ONLY = re.compile(
    r"^(?:i'?m|i am|i feel|feeling|so|really|very|just|totally|completely|absolutely|\s|,)*"
    r"(?:angry|furious|upset|frustrated|annoyed|worried|anxious|scared|sad|confused|stressed|embarrassed|livid|"
    r"fuming|gutted|devastated|disappointed)\b",
    re.IGNORECASE,
)


#: The rule file of what a reason clause must carry and must not say (``rules/<lang>/customer_reason.toml``).
RULES_FILE = "customer_reason"

#: Longest reason quoted back, in words: a longer one is not cut mid-phrase but looked for in its clauses.
MAX_REASON_WORDS = 16

# What a tweet or chat adds around the words: handles, links, hashtags, emoji, trailing fillers, greetings.
_NOISE = re.compile(
    r"(?:^|(?<=\s))(?:@\w+|https?:\s*//\S+|www\.\S+)|(?<![\w&])#\w+|"
    r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]+"
)
_TRAILING_FILLER = re.compile(
    r"(?:[\s,]+(?:tho|though|lol|smh|ffs|pls|plz|please|thanks|thx|tbh|lmao|ugh|help|asap|link))+\W*$", re.I
)
_LEADING_GREETING = re.compile(r"^(?:(?:hi|hello|hey|dear|yo|ok|okay|so|well|um|guys)\b[\s,!.:-]*)+", re.IGNORECASE)
# Where a long sentence divides into clauses that can stand alone. A colon between digits is a time ("the 18:05"),
# no joint.
_CLAUSE_JOINT = re.compile(
    r"\s*(?:;|(?<!\d):(?!\d)|,\s+(?:and|but|so|because|since|as|which)\b|"
    r",\s+(?=(?:that's|that is|this is|it's|it is)\s)|"
    r"\s-\s|\s(?=(?:even though|although|despite)\s)|\.\.+|\s(?:but|because|so)\s|"
    # a closing quotation or an @handle inside the sentence, then more words: where a typed line ran on
    r"(?<=[\"”])\s+(?=(?:i|i['’]m|i['’]ve|we|we['’]re|it['’]s|my|our)\s)|(?<=\w)(?<!\bin)(?<!\bto)(?<!\bat)(?<!\bon)(?<!\bby)(?<!\bof)(?<!\bfor)(?<!\bfrom)(?<!\bwith)"
    r"(?<!\bvia)(?<!\bthe)(?<!\band)\s+@\w+(?:\s+@\w+)*\s+(?=[a-z])|"
    r"\s(?=(?:how|what|where) to\b)|\sand\s(?=(?:i|i'm|my|we|our|the|it|they|he|she|you|your|now|there|nobody|no one|"
    r"since|people|everyone|someone)\b))\s*",
    re.IGNORECASE,
)
# The heart of a complaint: something that failed, was done to the customer, or keeps going on.
_PROBLEM = re.compile(
    r"\b(?:can't|cant|cannot|can not|couldn't|won't|wont|wouldn't|doesn't|doesnt|don't|dont|didn't|didnt|isn't|"
    r"aren't|wasn't|weren't|hasn't|haven't|never|no longer|not|no|nothing|nobody|still|again|hacked|charged|"
    r"overcharged|cancell?ed|lost|broken|broke|stolen|suspended|banned|locked|delayed|late|missing|declined|"
    r"crash\w*|deleted|overdrawn|stuck|waiting|waited|hold|kicked|refused|denied|wrong|error|failed|fails|failing|"
    r"keeps?|kept|down|outage|disconnect\w*|dropp\w*|damaged|expired|blocked|disabled|frozen|freez\w*|lag\w*|"
    r"glitch\w*|bug\w*|scam\w*|fraud\w*|unauthori[sz]ed|disappeared|vanished|removed|stopped|ignored|ghosted|"
    r"lied|misplaced|missed|leak\w*|flooded|cut off|unable|problems?|issues?|trouble|struggl\w*|zero|empty|gone|slow|"
    r"double-\w+|without|instead|since|took|came down|got out|left open|seated|wrong|fake|counterfeit|knock-?off|"
    r"faulty|defective|harass\w*|threaten\w*)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?:for|over|since|after|almost|nearly|about)\s+(?:\d+\+?|a|an|two|three|four|five|six|several|many)\s*"
    r"(?:hours?|hrs?|days?|weeks?|months?|years?|mins?|minutes?)\b|\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|"
    r"fifth) time\b",
    re.IGNORECASE,
)
# What is at stake: money lost, a trip missed, a service the customer cannot use, everything lost, contacts repeated.
# Among clauses that name a problem, one with a stake is the heart of the complaint rather than an incidental
# detail (round 3: "you couldn't roll back" chosen over losing everything; blocking a harasser over the harassment).
_STAKES = re.compile(
    r"(?:[$£€]\s?\d)|\b(?:charged|overcharged|refund\w*|money|paid|payment|bill|lost|lose|losing|wiped|missed|"
    r"stranded|stuck|cancell?ed|locked|suspended|banned|blocked|frozen|"
    r"no (?:service|signal|internet|power|heating|hot water|water|access)|"
    r"(?:can't|cannot|couldn't|unable to|won't let (?:me|us)) (?:use|access|get into|log|sign|call|work|pay|add|get|"
    r"play|open|make)|down|outage|again|still|harass\w*|threaten\w*|follow(?:s|ed|ing) (?:me|us)|"
    r"(?:\d+|second|third|fourth|fifth) time|every time|keeps?)\b",
    re.IGNORECASE,
)
# A clause must not end on a word that needs something after it (a cut-off fragment). Particles that end phrasal
# verbs ("won't switch on", "logged me out") and "her" ("the tablet I bought her") may end one.
_DANGLING = re.compile(
    r"\b(?:a|an|the|my|your|our|their|his|its|of|to|for|with|from|about|into|and|but|or|so|"
    r"because|that|which|who|is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|should|"
    r"very|really|just|some|any|this|these|those|get|got|getting)$",
    re.IGNORECASE,
)


# A text that stops on an abbreviation's full stop was cut inside a phrase by a sentence split ("parked at no." for
# "at no. 9", "around approx." for "approx. 40 mins"): the number or name that followed is lost, so it is no reason.
_CUT_ABBREVIATION = re.compile(
    r"(?:\b(?:at|to|from|in|on|outside|near|by|of|number|house|flat|room|unit|gate|platform|bay|the)\s+no|"
    r"\b(?:nos|approx|appt|dept|ext|tel|ref|incl|cf|vs|st|e\.g|i\.e))\.['\"”’]*\s*$",
    re.IGNORECASE,
)


# Chat spellings of contractions, restored so a quoted clause reads as written English.
_CONTRACTIONS = {
    "didnt": "didn't", "doesnt": "doesn't", "dont": "don't", "cant": "can't", "wont": "won't", "isnt": "isn't",
    "wasnt": "wasn't", "arent": "aren't", "havent": "haven't", "hasnt": "hasn't", "couldnt": "couldn't",
    "wouldnt": "wouldn't", "shouldnt": "shouldn't", "werent": "weren't",
}
_BARE_CONTRACTION = re.compile(r"\b(?:" + "|".join(_CONTRACTIONS) + r")\b", re.IGNORECASE)


# A clause that ends on a bare pronoun ("you're not able to find it") or uses chat shorthand says too little to
# quote back on its own.
_VAGUE = re.compile(r"\b(?:it|them|this|that|one|stuff|nothing|something|why)$|"
                    r"\b(?:gonna|wanna|gotta|tryna|kinda|sorta|ya|u|ur|idk|tbh|imo|omg|lol)\b",
                    re.IGNORECASE)


def clean_message(text: str) -> str:
    """The words of a chat or social message without handles, links, hashtags, emoji and trailing fillers."""
    out = _NOISE.sub(" ", straighten(text))
    out = _BARE_CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(0).lower()] if m.group(0).islower()
                                else _CONTRACTIONS[m.group(0).lower()].capitalize(), out)
    out = re.sub(r"\s*\([^()]{0,80}\)", "", out)  # asides in brackets are not part of the reason
    out = re.sub(r"\s+", " ", out).strip()
    out = _LEADING_GREETING.sub("", out)
    prev = None
    while prev != out:
        prev = out
        out = _TRAILING_FILLER.sub("", out).strip()
    return out


# Hedges and chat scraps: a clause carrying one quotes the customer's uncertainty or filler back as the reason
# ("that your pc updated as far as you can tell"; round 3: nonsense and wrong_reason).
_HEDGE = re.compile(
    r"\b(?:as far as (?:i|we) (?:can tell|know|can see)|idk|i think|i guess|i suppose|i believe|apparently|"
    r"supposedly|or something|or whatever|and everything|and stuff|and all that|kinda|sorta|lol|lmao|haha|"
    r"for some (?:odd )?reason|i need (?:some |urgent )?help)\b",
    re.IGNORECASE,
)
# News and what other people say: reporting it is not the customer's own trouble ("you're reading conflicting
# reports about services").
_REPORT = re.compile(
    r"\b(?:read|reading|heard|hearing|seeing|saw|seen)\b(?:\s+[\w']+){0,3}?\s+(?:reports?|news|rumou?rs?|articles?|"
    r"posts?|tweets?|stories|online|on (?:the )?(?:news|twitter|facebook|reddit|tv))\b|\b(?:according to|"
    r"reports? (?:say|said|that|of)|rumou?rs?|in the news)\b",
    re.IGNORECASE,
)
# A question pasted inside a statement ("..., where are the real movies"): the clause is not a reason.
_INNER_QUESTION = re.compile(r"(?:[,;:]\s*|\b(?:and|but|so|or)\s+)(?:where|what|why|how|who) "
                             r"(?:are|is|was|were|do|does|did|can|am)\b", re.IGNORECASE)
# What is already put right is not the trouble ("it's sorted now", "it's working again").
_RESOLVED = re.compile(
    r"\b(?:(?:sorted|fixed|resolved|solved|working|back)(?: it)? (?:now|again)|all good now|"
    r"(?<!n't )(?<!not )(?<!never )(?:is|was|has been|got|been) (?:sorted|fixed|resolved|solved)(?! yet)\b)",
    re.IGNORECASE,
)
# A narrative step after a comma: the clause retells a sequence, not the trouble ("it started to crash, then ...").
_SEQUENCE = re.compile(r",\s*(?:and\s+)?(?:then|after that|afterwards)\b", re.IGNORECASE)
# What the customer feels, or a subject with nothing after it, added after a comma ("..., I'm so annoyed").
_FEELING_TAIL = re.compile(
    r"^(?:i'?m|i am|i feel|we'?re|we are|feeling|and|so|really|very|just|totally|completely|absolutely|\s|,)*"
    r"(?:fed up|sick of (?:it|this)|not happy|unhappy|over it|done with (?:it|this))?\s*[.!]*$",
    re.IGNORECASE,
)
# "your textbook you ordered": the thing the customer's own clause describes takes "the".
_YOUR_THING_YOU = re.compile(r"\byour ((?:[\w'-]+ ){0,2}[\w'-]+) (?=(?:that )?you (?:\w+ed|bought|got|paid|sent|made|"
                             r"had|took|brought|put|chose|sold|gave)\b)", re.IGNORECASE)


# What a screen said, added after a comma with no subject (", says 'expired'", ", showing an error"): the clause
# before it is the trouble; the scrap reads as pasted (round 7).
_REPORT_TAIL = re.compile(r"^(?:just\s+|only\s+|still\s+)?(?:says|said|saying|shows|showed|showing|reads|reading|"
                          r"states|stating|displays|displaying)\b", re.IGNORECASE)


def _trim_tail(text: str) -> str:
    """``text`` without short verbless afterthoughts and feeling remarks after its last commas ("..., no reason
    given", "..., I'm so annoyed"): the clause before them is the reason. A duration or a repeat stays ("..., for
    the third time")."""
    while re.search(r",(?!\d)", text):
        head, tail = re.split(r",(?!\d)(?!.*,(?!\d))", text, maxsplit=1)
        t = tail.strip()
        if _FEELING_ONLY.match(t) or _FEELING_TAIL.match(t) or _REPORT_TAIL.match(t) \
                or (len(t.split()) <= 4 and not _SUBJECT.match(t) and not _DURATION.search(t)
                    and (t.lower().startswith("no ") or not _VERB.search(t))):
            text = head.rstrip()
            continue
        break
    return text


def insults_company(text: str) -> bool:
    """True when ``text`` holds an insult or verdict about the company (the ``insult`` rules of
    ``customer_reason.toml``): quoting it back ("that we are the worst") agrees with the insult."""
    return _reason_rules()["insult"].search(text) is not None


@rule_view
def _reason_rules(pack: RulePack) -> dict[str, RuleGroup]:
    """The rule groups of ``customer_reason.toml``, resolved once per language (a long message has thousands of
    clauses, and every clause reads them)."""
    return {label: pack.group(RULES_FILE, label)
            for label in ("trouble", "not_trouble", "accusation", "verdict", "runs_down", "insult", "heart",
                          "restate", "stake")}


def carries_trouble(clause: str, also: tuple[re.Pattern[str], ...] = (), *, stakes: bool = True,
                    rules: dict[str, RuleGroup] | None = None) -> bool:
    """True when ``clause`` names a trouble (a failure, a loss, a wait, a refusal, an error, "still", "again" ...:
    the problem words here and the ``trouble`` rules of ``customer_reason.toml``), not only something the customer
    did or has ("you uploaded a video", "you have a new phone") or wants. With ``stakes`` what is at stake and a
    wait count too (money, a charge, a repeat, "for three weeks": a cause the listen components found, or one part
    of a clause, may name only that); a sentence of background needs a problem word."""
    rules = rules or _reason_rules()
    found = bool(_PROBLEM.search(clause) or _FAILURE.search(clause) or SLIP.search(clause)
                 or (stakes and (_STAKES.search(clause) or _DURATION.search(clause)))
                 or any(p.search(clause) for p in also) or rules["trouble"].search(clause))
    # the wish test last: most clauses name no trouble at all, and it only takes back a "you want ..."
    return found and not rules["not_trouble"].search(clause)


_CUSTOMER_SUBJECT = re.compile(r"^you(?:['’](?:re|ve|d|ll))?\b", re.IGNORECASE)
_RULE_GROUP_REF = re.compile(r"\{(\d)\}")


def _as_experience(phrase: str, rules: dict[str, RuleGroup]) -> str | None:
    """``phrase`` with the customer's verdict on us said as what they went through ("was wrongfully closed" ->
    "was closed", "our app doesn't work" -> "the app isn't working for you"), or None when it has us confess a
    wrong ("we lied to you"): the rules of ``customer_reason.toml``."""
    if rules["accusation"].search(phrase):
        return None
    return _rewritten(phrase, rules, ("verdict", "runs_down"))


def _filled(template: str, m: re.Match[str]) -> str:
    """A rule's ``rewrite`` with its groups ({1}, {2}) filled from the match ``m``."""
    return _RULE_GROUP_REF.sub(lambda g: m.group(int(g.group(1))) or "", template)


def _rewritten(phrase: str, rules: dict[str, RuleGroup], labels: tuple[str, ...]) -> str:
    """``phrase`` with every match of the rules labelled ``labels`` replaced by its rule's rewrite."""
    for label in labels:
        for rule in rules[label].rules:
            phrase = rule.pattern.sub(lambda m, t=rule.rewrite or "": _filled(t, m), phrase)
    return re.sub(r"\s{2,}", " ", phrase).strip()


# Someone the customer names first ("my mum's alarm ...") and then as "she"/"he" ("she's 84 and lives alone").
_OWNED = re.compile(r"\b(?:my|our)\s+[\w'’-]+(?:\s+[\w'’-]+)?", re.IGNORECASE)


def _named_who(rule_pattern: re.Pattern[str], text: str, m: re.Match[str]) -> str | None:
    """The one a stake rule's group ``who`` stands for: as written, or, for a bare "she"/"he", the last person the
    customer named before it that the rule reads in the same place ("my mum" for "she's 84 and lives alone")."""
    who = m.group("who")
    if who.lower() not in ("she", "he"):
        return who
    rest = text[m.end("who"):m.end()]
    found = None
    for owned in _OWNED.finditer(text, 0, m.start()):
        words = owned.group(0).split()
        for n in (len(words), 2):  # "my mum's personal" -> "my mum's personal", "my mum's"
            name = re.sub(r"['’]s$", "", " ".join(words[:n]))
            if (hit := rule_pattern.fullmatch(name + rest)) and hit.group("who") == name:
                found = name
                break
    return found


# The words a stake rule's rewrite puts round what the customer said: not what the stake is about.
_STAKE_JOINTS = frozenset({"with", "when", "your", "that's", "only", "could", "you'll", "you're", "lives", "alone",
                           "and", "the", "how", "left", "due"})


def stake_said(message: str, clause: str) -> str:
    """What the customer says is at stake, as a short second part to follow ``clause`` from the agent's side
    ("with your thesis due on Friday", "when you're giving a speech tomorrow"), or "" when the message names none
    or ``clause`` says it already. The ``stake`` rules of ``customer_reason.toml``, the first that matches."""
    text = clean_message(message)
    have = {w.lower() for w in re.findall(r"[\w'’-]{3,}", clause)}
    for rule in _reason_rules()["stake"].rules:
        m = rule.search(text)
        if not m:
            continue
        said = _filled(rule.rewrite or "", m)
        if "who" in rule.pattern.groupindex:
            who = _named_who(rule.pattern, text, m)
            if not who:
                continue
            said = said.replace(m.group("who"), who, 1) if m.group("who") in said else f"{who} {said}"
        said = fix_articles(to_second_person(said))
        told = {w.lower() for w in re.findall(r"[\w'’-]{3,}", said)} - _STAKE_JOINTS
        if told and len(told & have) * 2 >= len(told):
            continue  # the reason already says it ("with your exam tomorrow" beside "you'll miss your exam tomorrow")
        return said
    return ""


# Where a clause strings actions with "and": before a verb phrase that shares the subject ("you have a new phone and
# cannot get in"), or before a new subject ("... and now it's gone"). "and" inside a noun phrase ("the password and
# recovery question") is no joint.
_AND_JOINT = re.compile(
    r"\s+(?:and|&)\s+(?:(?:therefore|then|so|now|also|just|even)\s+)?(?=(?P<own>(?:you|we|it|they|there|nothing|nobody|"
    r"no one)(?:['’]\w+)?\s)|(?:can't|cannot|can|couldn't|could|won't|will|wouldn't|didn't|did|don't|doesn't|"
    r"haven't|hasn't|have|has|had|got|get|gets|keep|keeps|kept|still|never|went|lost|paid|sent|made|took|won|"
    r"bought|is|isn't|was|wasn't|are|were|(?!\w*thing\b)\w{3,}ed|(?!\w*thing\b)\w{3,}ing)\b)",
    re.IGNORECASE,
)
_ERROR = re.compile(r"\b(?:error|errors|failed|fails|failure)\b", re.IGNORECASE)
_SINGULAR_VERB = re.compile(r"^(?:has|hasn't|is|isn't|was|wasn't|does|doesn't|keeps|gets|says)\b", re.IGNORECASE)
_CHAIN_SUBJECT = re.compile(r"^(you|we|they|it)(['’]re|['’]ve|['’]s| are| have| were| had)?\s", re.IGNORECASE)


def _trouble_part(phrase: str, also: tuple[re.Pattern[str], ...], rules: dict[str, RuleGroup]) -> str | None:
    """The part of ``phrase`` that carries the trouble, when it strings actions with "and".

    Two parts that both carry trouble stay whole ("you ordered it a week ago and didn't get it"). A part that
    carries none is cut off ("you have a new phone and can't get in" -> "you can't get in"), and so is all but one
    part of a longer chain ("you're waiting and trying and got an error" -> "you got an error"). None when the chain
    cannot be cut cleanly (a subject other than a pronoun)."""
    joints = list(_AND_JOINT.finditer(phrase))
    if not joints:
        return phrase
    bounds = [0, *(j for m in joints for j in (m.start(), m.end())), len(phrase)]
    parts = [phrase[bounds[i]:bounds[i + 1]].strip() for i in range(0, len(bounds), 2)]
    subject = _CHAIN_SUBJECT.match(phrase)
    if subject and subject.group(1).lower() != "it" and any(
            _SINGULAR_VERB.match(parts[i + 1]) for i, m in enumerate(joints) if not m.group("own")):
        return None  # "you ... and has crashed": the part's own subject was a handle taken out
    trouble = [carries_trouble(p, also, rules=rules) for p in parts]
    if len(parts) == 2 and all(trouble):
        return phrase
    picked = [i for i, t in enumerate(trouble) if t]
    if not picked:
        return phrase  # no trouble anywhere: the caller refuses it
    failing = [i for i in picked if _FAILURE.search(parts[i]) or _ERROR.search(parts[i])]
    index = (failing or picked)[0]
    if index == 0 or joints[index - 1].group("own"):
        cut = parts[index]
    elif not subject:
        return None
    else:
        aux = subject.group(2) or ""
        gerund = _GERUND.match(parts[index]) and aux.strip(" '’") in ("re", "are", "were")
        cut = f"{subject.group(1)}{aux if gerund else ''} {parts[index]}"
    if len(cut.split()) >= 3:
        return cut
    # "... and now it's gone": a part too short to stand alone leaves the whole, which carries the trouble; a longer
    # chain is no clause to say back
    return phrase if len(parts) == 2 else None


# Quotation marks around a word of grammar the customer stresses ('I "can't" log in', 'it "should" work', 'it was
# "just" a glitch'): scare quotes, which said back mock the customer. A quoted label or claim is a content word and
# keeps its quotation marks ('a "brand new" kettle', 'frozen for "unusual spending"').
_SCARE_QUOTES = re.compile(
    r'"((?:can|cannot|can[\'’]?t|could|couldn[\'’]?t|will|won[\'’]?t|would|wouldn[\'’]?t|should|shouldn[\'’]?t|'
    r'do|does|did|don[\'’]?t|doesn[\'’]?t|didn[\'’]?t|is|isn[\'’]?t|was|wasn[\'’]?t|are|aren[\'’]?t|were|have|has|had|'
    r'not|never|no|just|only|still|already|supposed to|meant to|apparently|somehow))"',
    re.IGNORECASE,
)


# A quotation in single quotes ('couldn't verify', 'expired'): an apostrophe inside a word ("couldn't") is no quote
# mark. Said back it takes double quotes, which the clause's own tidying keeps in pairs (round 7: a cut or a
# stripped end left "says 'couldn't verify." open).
_SINGLE_QUOTED = re.compile(r"(?<![\w'\"])'(?=[^\s'])((?:[^'\n]|(?<=\w)'(?=\w))*?[^\s'])'(?![\w'])")
#: A single quote that opens a word (not an apostrophe inside or after one); the mechanical checks read it too.
OPENING_SINGLE = re.compile(r"(?<![\w'])'(?=\w)")


def _pair_quotes(text: str) -> str:
    """``text`` with single-quoted words in double quotes and an opening single quote left without its pair
    dropped ("says 'couldn't verify" -> "says couldn't verify")."""
    out = _SINGLE_QUOTED.sub(r'"\1"', text)
    return OPENING_SINGLE.sub("", out)


# The customer's own question word tacked on at the end ('... for "spam" how?', "... locked again why??"): what is
# before it is the statement; after a verb of knowing the word is its object and stays ("you don't know why").
_WH_TAIL = re.compile(r"(?<!\bknow)(?<!\bunderstand)(?<!\bsee)(?<!\btell)(?<!\bwonder)(?<!\bsure)(?<!\bidea)"
                      r"(?<!\bexplain)(?<!\bask)[\s,]+(?:how|why|what|when|where|who|wtf|seriously)\s*[?!]+\s*$",
                      re.IGNORECASE)
# A verdict tacked on with no verb of its own ("... and nobody called back, not ok", "... still waiting
# unacceptable"): the customer's comment on the trouble, not part of it. After a verb it is the clause's own
# predicate ("the fee is not fair") and stays.
_VERDICT_TAIL = re.compile(r"(?<!\bis)(?<!\bwas)(?<!['’]s)(?<!\bare)(?<!\bwere)(?<!\bbe)(?<!\bthat)(?<!\bfeel)"
                           r"(?<!\bfeels)(?<!\bseems)(?<!\blooks)[\s,.!-]+(?:not (?:cool|ok|okay|good|fair|acceptable|"
                           r"on|right|happy)|unacceptable|ridiculous|disgraceful|shocking|wtf|smh|seriously|honestly)"
                           r"\s*[.!?]*$", re.IGNORECASE)
# A time named by an earlier sentence ("... in that time", "... by then"): said back alone it points at nothing
# (round 7: "you cannot make any progress in that time"); the clause before it is the trouble.
_TIME_POINTING_BACK = re.compile(r"[\s,]+(?:in|during|at|by|within|since|before|after)\s+(?:that|this|those|these)\s+"
                                 r"(?:time|point|moment|period|stage|minutes?|hours?|days?|weeks?)[\s.!]*$|"
                                 r"[\s,]+(?:by then|since then|until then|till then)[\s.!]*$", re.IGNORECASE)
# "the only problem is ...", "the issue is that ...": the framing is the customer's, the trouble is what follows.
# A clause after it stands alone; a noun phrase is said as "there's ..." ("the only problem is a cracked lid" ->
# "there's a cracked lid").
_PROBLEM_IS = re.compile(r"^(?:the|my|our|one)\s+(?:only\s+|main\s+|real\s+|big\s+|biggest\s+|other\s+)?"
                         r"(?:problem|issue|trouble|thing|complaint)\s+(?:is|was)\s+(?:that\s+)?", re.IGNORECASE)
_NOUN_PHRASE_START = re.compile(r"(?:a|an|some|no|two|three|several|\d[\d,.]*|[$£€]\s?\d)\b", re.IGNORECASE)


def _problem_is(text: str) -> str:
    """``text`` without a leading "the (only) problem is (that)" (see :data:`_PROBLEM_IS`)."""
    m = _PROBLEM_IS.match(text)
    if not m:
        return text
    rest = text[m.end():]
    if _NOUN_PHRASE_START.match(rest):
        past = m.group(0).split()[-2 if m.group(0).rstrip().endswith("that") else -1].lower() == "was"
        return ("there was " if past else "there's ") + rest
    return rest


# An @handle as the subject of a clause inside the sentence ("an email that @shop closed my account"): taken out
# with the other handles, it leaves a verb with no subject ("an email that closed your account").
_HANDLE_SUBJECT = re.compile(r"\b(?:that|because|and|when|since|but|so|after|as|then)\s+@\w+\s+(?:has\s+|have\s+|"
                             r"had\s+|just\s+|now\s+)?[a-z]+(?:ed|s)\b", re.IGNORECASE)
# "this is how you pay your rent", "that's why you need it": "this" points back at something said before, which the
# clause does not carry; said back alone it names nothing (round 7).
_POINTS_BACK = re.compile(r"^(?:this|that|it|which)(?:['’]s|\s+is|\s+was)\s+(?:how|why|what|where|when|the reason)\b",
                          re.IGNORECASE)
# A screen's or a message's own words reported ("it says you're not eligible", "saying your card is invalid"):
# their "you" is the customer as the screen addressed them; flipped to our side it reads as nonsense (round 7:
# "we're trying to sign in on a device ... doesn't recognize"), and kept it mixes two voices. Not said back.
_REPORTED_YOU = re.compile(r"\b(?:says|said|saying|reads|reading|shows|showing|message|error|alert|prompt|"
                           r"notification|warning|pop-?up)\s*:?\s+\"?(?:you|you're|you've|your|you'll)\b",
                           re.IGNORECASE)
# What a screen or a message said, introduced by a colon ("it gives me this message: ..."): its words are the
# message's, not the customer's statement.
_REPORTED_BEFORE = re.compile(r"\b(?:message|messages|error|says|saying|said|reads|reading|shows|showing|following|"
                              r"notification|alert|prompt|pop-?up|this|warning|screen)\s*:\s*[\"']?\s*$",
                              re.IGNORECASE)


# "it" standing for a thing the clause does not name ("it still shows as unpaid", "you have to reset it every
# time"): said back alone it points at nothing (round 7). A dummy subject ("it's been a week", "it takes ages") and
# "it" after a noun the clause names ("the parcel came but it was empty") need no referent.
_IT = re.compile(r"(?<![\"'])\bit\b(?!['’\"])")  # lower case: a quoted or capitalised "It" is a title
_DUMMY_IT = re.compile(r"\bit\s+(?:is|was|takes|took|seems|seemed|looks|feels|says|said|keeps saying|"
                       r"(?:has|had) been (?:\d|a|an|over|almost|nearly|more|about|ages|forever|weeks|days|months|"
                       r"years|several|many|so|too|long)|"
                       r"costs?|cost|will be|would be|isn't|wasn't)\b|\bmake it\b|\bit all\b|"
                       r"\bit\s+(?:impossible|hard|difficult|easy|tough|awkward|strange|odd|wrong|right)\b",
                       re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"\b(?:your|our|the|a|an|that|this|those|these|his|her|their)\s+[\w'-]+", re.IGNORECASE)
# Where the thing "it" stands for was named: "my/our/the/a X" as a subject or an object, or a bare noun after a
# verb of buying that opens the sentence ("ordered flowers for ..."), not after a preposition
# ("won the prize at the fair" names the prize, not the fair; "sent money to my landlord" the money) nor after
# "is" ("it's the right email").
_ANTECEDENT = re.compile(r"\b(my|our|the|an?)\s+|^(?:i\s+|we\s+)?(?:just\s+)?(?:ordered|bought|booked|sent|received|"
                         r"got|rented|hired|paid for)\s+(?=[a-z])", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(r"(?:\b(?:at|in|on|to|from|with|for|of|into|by|about|through|via|over|under|near|"
                                r"across|off|onto|around|all|than|like|is|was|are|were|be)|['’]s)\s*$", re.IGNORECASE)
_NOT_NOUN = frozenset("""is are was were be been being has have had do does did can can't cannot could couldn't will
won't would wouldn't should shouldn't don't doesn't didn't isn't wasn't aren't weren't hasn't haven't dont doesnt
didnt cant wont isnt wasnt and or but so because since as at in on to from with for of into by about through after
before when while until that which who whose i i'm i've me my mine we us our you your it it's its they them their he
him his she her this these those a an the just still now then again also never not no yet already recently today
yesterday tonight keeps kept got get gets won lost went came every once there here like ever even only too very
really all some any one up out off over back down away might may must shall let put set cut hit please pls plz
help last next each ago""".split())


#: Heads of noun phrases that name no thing "it" could stand for.
_NOT_A_THING = frozenset("""time times while lot bit day days week weeks month months year years hour hours minute
minutes moment second few couple number way problem problems issue issues question questions reason little""".split())


def _thing_named(before: str) -> str | None:
    """The nearest thing the customer named before a clause ("my router", "the prize car"), in the agent's words, or
    None. Looked for in the clause's own sentence, and in the sentence before when the clause opens its own:
    further back "it" may stand for anything. None too when an "it" comes after that thing: the chain of "it"s
    stands for something else ("the form mentions it but ...")."""
    # a line break and a full stop glued to the next word ("long time.tried") end a typed sentence too
    sentences = [p for p in re.split(r"(?<=[.!?])\s+|\s*\n\s*|(?<=[a-z]{2})[.!?]+(?=[A-Za-z])", before) if p.strip()]
    if not sentences:
        return None
    opens = not re.search(r"[\w,;:'\"-]$", before.rstrip())
    recent = clean_message(" ".join(sentences[-2:]) if opens else sentences[-1])
    found: str | None = None
    found_at = 0
    irregular = _copyedit()[2]
    for m in _ANTECEDENT.finditer(recent):
        if _AFTER_PREPOSITION.search(recent[: m.start()]):
            continue
        words: list[str] = []
        tokens = re.findall(r"[\w'’-]+|[^\w\s]", recent[m.end():])
        for i, tok in enumerate(tokens):
            low = tok.lower()
            if not re.fullmatch(r"[\w'’-]+", tok) or len(words) >= 4:
                break
            if low == "and" and words and i + 1 < len(tokens) and tokens[i + 1].lower() not in _NOT_NOUN \
                    and re.fullmatch(r"[\w'-]+", tokens[i + 1]) and not tokens[i + 1].lower().endswith(("ed", "ing")):
                words.append(tok)
                continue
            if low in _NOT_NOUN or low in irregular or _VERB.fullmatch(low) \
                    or (words and re.search(r"(?:ed|ing|ly)$", low)):
                break
            words.append(tok)
        if words and words[-1].lower() != "and":
            head = words[-1].lower()
            if head in _NOT_A_THING or words[0].lower() in _NOT_A_THING:
                continue  # "taking a long time", "I have a question": no thing that breaks or goes missing
            if head.endswith("s") and not head.endswith(("ss", "us", "is")) and "and" not in words:
                continue  # "it" stands for one thing, not "my hotel points"
            owner = "your" if (m.group(1) or "").lower() in ("my", "our") else "the"
            found = f"{owner} {' '.join(words)}"
            found_at = m.end()
    if found and _IT.search(recent[found_at:]):
        return None
    return _brand_case(found) if found else None


def _refer_it(phrase: str, before: str) -> str | None:
    """``phrase`` with an "it" that has no referent in it (see :data:`_IT`) replaced by the thing the customer named
    just before (``before``: the message up to the clause), or None when that thing cannot be told; ``phrase`` as it
    is when "it" needs no referent or the clause opens the message."""
    m = _IT.search(phrase)
    if not m or not before.strip() or _DUMMY_IT.search(phrase) or _NAMED_BEFORE.search(phrase[: m.start()]):
        return phrase
    thing = _thing_named(before)
    if thing is None:
        return None
    said = phrase[: m.start()] + thing + phrase[m.end():]
    return said if len(said.split()) <= MAX_REASON_WORDS + 2 else None


def reason_clause(text: str, also: tuple[re.Pattern[str], ...] = (), *,
                  rules: dict[str, RuleGroup] | None = None, before: str = "") -> str | None:
    """The customer's reason as a finite second-person clause, or None when it is not one.

    None too for a clause that is too long to quote whole, ends on a cut-off word, or repeats an insult about the
    company. A chain of actions is cut to the part that carries the trouble (``also``: more trouble patterns),
    and the customer's verdict on us is said as their experience. ``before``: the message up to ``text``, where an
    "it" of the clause finds the thing it stands for (None when it has none there).
    """
    if _CUT_ABBREVIATION.search(clean_message(text)):
        return None
    raw = _trim_tail(_VERDICT_TAIL.sub("", _WH_TAIL.sub("", _pair_quotes(clean_message(text)))))
    raw = _TIME_POINTING_BACK.sub("", raw)
    if _REPORTED_YOU.search(raw) or _POINTS_BACK.match(raw) or _HANDLE_SUBJECT.search(straighten(text)):
        return None
    raw = _problem_is(raw)
    if is_question(raw) or _QUESTION.match(raw) or insults_company(raw) or _INTENT.search(raw) \
            or _HEDGE.search(raw) or _REPORT.search(raw) or _SEQUENCE.search(raw) or _INNER_QUESTION.search(raw) \
            or _RESOLVED.search(raw):
        return None
    if len(raw.split()) > MAX_REASON_WORDS:
        return None
    quoted = _clean_clause(raw).replace("“", '"').replace("”", '"')
    # The customer's own quotation marks stay when they pair up: without them a quoted label reads as our verdict
    # ('suspended for "suspicious activity"', 'the "genuine leather" bag'; round 3: quotes lost).
    quoted = quoted if quoted.count('"') % 2 == 0 else quoted.replace('"', "")
    quoted = _SCARE_QUOTES.sub(r"\1", quoted)
    phrase = reason_phrase(quoted, company_voice=True,
                           max_words=MAX_REASON_WORDS)
    if not phrase or len(phrase.split()) < 3 or _DANGLING.search(phrase) or _VAGUE.search(phrase) \
            or _HOLE.search(phrase) or re.search(r"[()\[\]!?]", phrase):
        return None
    if _DROPPED_SUBJECT_VERB.match(phrase):
        phrase = _BARE_BEEN.sub("you've ", f"you {phrase}")  # "been waiting for days" -> "you've been waiting ..."
    elif _GERUND.match(phrase) and not _SUBJECT.match(phrase):
        if not _OWN_GERUND.match(phrase):
            return None
        phrase = f"you're {phrase}"
    phrase = _INSTEAD_SPLICE.sub(" but ", _restore_participle(_NOTICED.sub("", _WHEN_LEAD.sub("", phrase))))
    phrase = _SINGULAR_DONT.sub(lambda m: f"{m.group(1)} doesn't", phrase)
    rules = rules or _reason_rules()
    experienced = _as_experience(phrase, rules)
    part = _trouble_part(experienced, also, rules) if experienced else None
    if not part or len(part.split()) < 3 or _DANGLING.search(part) or _VAGUE.search(part):
        return None
    phrase = part
    if '"' in phrase and re.search(r'"[^"]*\b(?:i|we|you|my|our|your|us|me)\b[^"]*"', phrase, re.IGNORECASE):
        # A quotation with pronouns of its own reads wrong in the agent's voice ('told "we're in the queue"').
        return None
    if not well_formed(phrase) or (_BACKGROUND.match(phrase) and not _FAILURE.search(phrase)
                                   and not re.search(r"[$£€]\s?\d", phrase)):
        return None
    if not _WHENEVER_CLAUSE.match(phrase) and (not _SUBJECT.match(phrase) or not _VERB.search(phrase)):
        return None
    return _refer_it(phrase, before)


# Chat spellings expanded before a clause is quoted back ("coz you need a code" -> "because you need a code").
_SLANG = {"coz": "because", "cuz": "because", "cos": "because", "bc": "because", "b/c": "because", "u": "you",
          "ur": "your", "r": "are", "pls": "please", "plz": "please", "thru": "through", "tho": "though"}
_SLANG_WORD = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in _SLANG) + r")(?![\w'])", re.IGNORECASE)
# Emphasis in capitals ("I have NEVER agreed", "STILL no broadband"): said back in capitals it shouts. Short
# capitals are initialisms ("TV", "PIN", "NAT") and stay, unless they are one of these everyday words.
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}(?:'[A-Z]+)?\b")
_CAPS_EVERYDAY = frozenset("""NO NOT NEVER STILL EVER ALL ANY JUST NOW AGAIN ONLY EVEN SO VERY HAS HAVE HAD WAS WERE IS
WAY TOO FAR
ARE DID DO DOES CAN WILL THE AND BUT YOU YOUR MY ME WE OUR ONE TWO BEEN GOT GET ZERO NONE EVERY WHY HOW WHAT
TOLD SAID PAID LOST BACK HERE THAT THIS
GONE DEAD LATE SAME LAST NEXT HOME WORK DONE OVER FULL MORE LESS ONCE FREE OPEN SHUT LIED LIES HOUR DAYS WEEK YEAR
YET OUT OFF NEW OLD BAD DAY FOR NOR ASK SENT WENT CAME TOOK LEFT HELP MINE OWN BOTH EACH WHO WHEN THEN THEM THEY
""".split())
# The customer's shorthand "n" for "and" between two words ("it froze n the screen went black"); mended here and
# refused by the mechanical checks when it is still there.
N_FOR_AND = re.compile(r"(?<=[a-z0-9] )n(?= [a-z])")
#: Days and months are names: typed in lower case (or shouted and lowered above) they take their capital back.
#: "may" and "march" are words too, and stay as typed. The mechanical checks refuse one left in lower case.
CALENDAR_NAMES = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                  "april|june|july|august|september|october|november|december")
_CALENDAR_NAME = re.compile(rf"\b(?:{CALENDAR_NAMES})\b", re.IGNORECASE)
# A closing "either" that answers an earlier sentence ("nobody rang back either"): after a negative and a verb
# that takes no object here it points at nothing and goes; after a verb that could take it as its object ("you
# can't use either") it is the object and stays.
_DANGLING_EITHER = re.compile(r"((?:\b(?:not|never|nobody|no one|nothing|none)\b|n't))(.*?)\s+either(?=[\s.!]*$)",
                              re.IGNORECASE)
_EITHER_OBJECT = frozenset("""use used want wanted like liked have had get got take took pick picked choose chose
see saw afford find found open opened access accessed do did need needed receive received""".split())


def _drop_either(m: re.Match[str]) -> str:
    before = m.group(2).split()
    return m.group(0) if before and before[-1].lower() in _EITHER_OBJECT else m.group(1) + m.group(2)


def points_back_either(text: str) -> bool:
    """True when ``text`` ends on an "either" that only answers a sentence before it (:data:`_DANGLING_EITHER`):
    "nobody rang back either" read alone."""
    m = _DANGLING_EITHER.search(text.rstrip())
    return bool(m) and _drop_either(m) != m.group(0)
# Two independent clauses joined by a bare comma ("you ordered a large, got a medium"; "you can play the normal
# version, it keeps putting you in the beta"): quoted back it reads as a run-on and can invert the meaning.
_COMMA_SPLICE = re.compile(
    r",\s+(?:(?:you|we|they|it|i|he|she|there|this|that|nobody|no one|nothing|everything|none)(?:['’]\w+)?\s+"
    r"(?!who\b|which\b)\w+|"
    r"(?:then|now|got|get|gets|received|was|were|is|are|had|sent|took|kept|keeps?)\b)",
    re.IGNORECASE,
)
# Two finite clauses run together with no joint at all ("your loan was sold you can get rid of ..."): a subject
# pronoun straight after a verb that does not take a clause as its object.
_RUN_ON = re.compile(
    r"\b(?!(?:told|said|says|asked|promised|assured|informed|advised|warned|guaranteed|confirmed|claimed|stated|"
    r"explained|noticed|realised|realized|thought|think|know|knew|hoped|hope|wish|sure|seems|means|meant)\b)"
    r"(?:was|were|is|are|been|sold|got|\w{3,}ed)\s+(?:you|we|they|i)\s+(?:can|can't|could|couldn't|will|won't|"
    r"would|should|must|have|had|are|were|do|don't|did|didn't|need|keep)\b",
    re.IGNORECASE,
)
# A noun phrase and then a new subject with no joint ("your Lotd you've never had such difficulty").
_DANGLING_SUBJECT = re.compile(r"\b(?:your|the|our)\s+[\w'-]+\s+(?:you|we)(?:['’](?:ve|re|ll|d))\s+"
                               r"(?:never|always|just|not|been|no)\b", re.IGNORECASE)
# A question asked inside a statement, anywhere ("... or Amazon where are the real movies"), unless a verb of
# knowing or telling introduces it ("you have no idea what is happening").
_ANY_INNER_QUESTION = re.compile(
    r"(?<!know )(?<!knowing )(?<!told )(?<!tell )(?<!idea )(?<!clue )(?<!sure )(?<!asked )(?<!explain )"
    r"(?<!understand )(?<!wonder )(?<!see )\b(?:where|what|why|how|who|which|when) "
    r"(?:are|is|was|were|do|does|did|can|am|"
    r"will|should)"
    r"\b(?!\s+(?:\w+ing|\w+ed|going|happening)\b)",
    re.IGNORECASE,
)
# A list of names ("Netflix Hulu or Amazon", "Sky, BT and Virgin"): pasted brands are no reason.
_NAME_LIST = re.compile(r"\b[A-Z][\w'&.-]*(?:,\s*|\s+)[A-Z][\w'&.-]*,?\s+(?:or|and|&|/)\s+[A-Z]\w*|"
                        r"\b[A-Z]\w+,\s*[A-Z]\w+,\s*(?:(?:or|and)\s+)?[A-Z]\w+")
# A clause whose main verb reports speech ("you explained your friend's wedding was cancelled", "you were told
# ..."): the report is not the trouble, and quoted back it reads as "it's upsetting that you explained".
_SPEECH = re.compile(
    r"^(?:you|we)(?:['’]ve| have| had)?\s+(?:just\s+|already\s+|also\s+)?(?:explained|said|told|mentioned|asked|"
    r"heard|stated|wrote|tweeted|posted|replied|keep being told|kept being told|(?:were|was|have been|'ve been|"
    r"got) told|(?:keep|kept|keeps) (?:saying|telling|asking))\b",
    re.IGNORECASE,
)
# Noticing is how the customer found the trouble, not the trouble: "you noticed that your comments are hidden"
# -> "your comments are hidden".
_NOTICED = re.compile(r"^(?:you|we)(?:['’]ve| have)?\s+(?:just\s+)?(?:noticed|realised|realized|found out|"
                      r"discovered|saw|see|can see)\s+(?:that\s+)?"
                      r"(?=(?:your|the|our|my|it|there|you|we|they|nobody)\b)",
                      re.IGNORECASE)
# Possession or a plan as the whole clause ("you have a flight scheduled for Saturday", "you've had your domain
# forwarded for years", "your dad is 90"): background, unless the clause names the failure too.
_BACKGROUND = re.compile(
    r"^(?:you|we)(?:['’]ve|['’]d| have| had)?(?:\s+(?:had|got|have))?\s+(?:a|an|the|your|our|two|three|four|\d+|"
    r"this|these|some|several|many)\b|^[\w']+(?:\s+[\w']+)?\s+(?:is|are|was)\s+\d+\b|"
    # What the customer did or is doing, alone: a purchase, a switch, what they tried ("you just purchased the
    # plus plan", "you've also updated your drivers"): the trouble is what went wrong after.
    r"^you(?:['’]ve| have| are| were|['’]re)?\s+(?:just\s+|recently\s+|also\s+|already\s+)*(?:purchased|bought|"
    r"ordered|paid for|booked|signed up|subscribed|tried|updated|reinstalled|restarted|cleared|checked|switching|"
    r"switched|moving|moved|started|installed|downloaded|created|made)\b",
    re.IGNORECASE,
)
# What states the loss or failure itself: among clauses that name a problem, one of these is the heart of the
# complaint (round 4: "it still updated" chosen over the lost data; "you have a flight" over no notice).
_FAILURE = re.compile(
    r"\b(?:can't|cant|cannot|couldn't|unable|won't|wont|wouldn't|doesn't|didn't|isn't|aren't|wasn't|weren't|"
    r"haven't|hasn't|not (?:working|work|arrived|received|showing|loading|able|there)|never (?:arrived|came|received|"
    r"got|showed|turned up|heard|answered|replied|delivered|sent)|no (?:reply|response|answer|one|service|signal|"
    r"internet|power|refund|confirmation|notice|notification|email|update|word|access|connection|help)|nobody|"
    r"lost|losing|missed|charged|overcharged|cancell?ed|hacked|stolen|broken|broke|crash\w*|deleted|wiped|declined|"
    r"missing|failed|fails|failing|stuck|locked|disabled|suspended|banned|blocked|damaged|refused|denied|stopped|"
    r"disappeared|vanished|gone|down|outage|disconnect\w*|kicked|frozen|freez\w*|glitch\w*|no avail|"
    r"never (?:came|arrived|worked|showed up)|but (?:only )?(?:got|received|was sent|were sent|was given)|"
    r"nothing (?:happens|happened|works|worked|changes|changed|loads|helps|helped))\b",
    re.IGNORECASE,
)
# A bare "-ing" phrase takes "you're" only for what a customer is doing about their trouble: elsewhere the subject
# was someone else ("drawing offensive images onto the slides" was the harasser, not the customer).
_OWN_GERUND = re.compile(r"^(?:waiting|trying|getting|having|being|paying|struggling|dealing|losing|missing|"
                         r"chasing|stuck|still)\b", re.IGNORECASE)
# The customer's feeling is not its own reason ("you're very concerned about ...").
_FEELING_CLAUSE = re.compile(
    r"^you(?:['’]re| are| feel| felt| were)\s+(?:(?:very|so|really|extremely|quite|a bit|a little|\w+ly)\s+)*"
    r"(?:concern\w*|worried|anxious|upset|angry|annoyed|frustrated|scared|sad|confused|stressed|embarrassed|"
    r"disappointed|furious|mad|fed up|gutted|devastated|nervous)\b",
    re.IGNORECASE,
)
# A participle left without its verb ("your phone disabled" for "my phone disabled because ..."): the verb is
# restored ("your phone was disabled").
_BARE_PARTICIPLE = re.compile(
    r"^((?:your|the|our)\s+(?:[\w'-]+\s+){0,2}?)(disabled|locked|blocked|suspended|cancell?ed|hacked|deleted|"
    r"banned|stolen|declined|closed|frozen|terminated|deactivated|removed|wiped|damaged|delayed)\b"
    r"(?!\s+(?:me|you|us|my|your|our|the|it|them|on\s+(?:me|you|us|them|him|her))\b)",
    re.IGNORECASE,
)


# The customer's own slip ("I typed the wrong card number", "I forgot to save the codes"): said back as the reason
# it rubs the slip in, and only where there is one may a reassurance call it "an easy mistake".
SLIP = re.compile(
    r"\b(?:forg[oe]t\w*|typo|by (?:mistake|accident)|accidentally|my (?:own )?(?:fault|mistake|bad)|messed up|"
    r"mixed up|misread|misspel\w*|locked (?:myself|yourself) out|(?:entered|typed|put|used|sent|paid|booked|chose|"
    r"picked|gave|clicked|pressed)\s+(?:in\s+)?(?:the|a)\s+wrong|(?:didn't|did not|never)\s+(?:even\s+)?(?:save|saved|"
    r"read|check|checked|back|backed|write|wrote|notice|noticed|realise|realize|realised|realized|think|thought|"
    r"bother|bothered|know|knew|update|updated|cancel|cancelled|switch|turn|lock|locked)|(?:i|i've|i have)\s+"
    r"(?:lost|dropped|broke|left|misplaced)\s+(?:my|the)|getting (?:my|your) "
    r"\w+ wrong|deleted (?:my|your|it|them|the))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _brands() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every name in ``names/brands.txt`` and the canonical spelling of each way it is typed."""
    canonical: dict[str, str] = {}
    alternatives: list[str] = []
    for line in resource_lines("names", "brands.txt"):
        name, _, others = line.partition("\t")
        name = name.strip()
        # A space in the name may be typed as nothing or a hyphen ("faceid", "face-id").
        alternatives.append(r"[\s-]?".join(re.escape(part) for part in name.split()))
        canonical[re.sub(r"[\s-]", "", name.lower())] = name
        for other in filter(None, (o.strip() for o in others.split("|"))):
            alternatives.append(re.escape(other))
            canonical[re.sub(r"[\s-]", "", other.lower())] = name
    alternatives.sort(key=len, reverse=True)  # "xbox live" before "xbox"
    # Not inside an address, a handle or a domain ("support@gmail.com", "netflix.com").
    pattern = re.compile(r"(?<![\w@#./-])(?:" + "|".join(alternatives) + r")(?![\w@-]|\.\w)", re.IGNORECASE)
    return pattern, canonical


def _brand_case(text: str) -> str:
    """Brand and product names in their own spelling ("my iphone" -> "my iPhone", "faceid" -> "Face ID")."""
    pattern, canonical = _brands()
    return pattern.sub(lambda m: canonical.get(re.sub(r"[\s-]", "", m.group(0).lower()), m.group(0)), text)


# "its" that stands for "it's": before a word that cannot follow a possessive (a verb form, an article, an adverb,
# a possessive pronoun). "its battery", "its charging port" stay; "-ing" words that are also nouns are not read as
# a verb ("its packaging", "its setting").
_ITS_IS = re.compile(
    r"\b([Ii])ts\s+(?=(?:not|been|still|a|an|the|so|too|very|really|just|only|all|now|always|never|already|also|"
    r"yours|ours|mine|theirs|your|my|our|gone|over|ok|okay|fine|free|because|like|literally|almost|probably|"
    r"definitely|supposed|meant|due|currently|saying|telling|asking|taking|showing|working|going|getting|trying|"
    r"making|giving|coming|happening|doing|costing|(?!(?:packag|sett|wir|light|build|hous|"
    r"end|open|list|rat|pric|charg|load|padd|brand|spell|head|beginn|book|record|meet|fill|lin|ceil|cloth|coat|"
    r"bear|hear|warn|mark|track|ship|bill|seat|park|cool|heat|stream|cas|mount|tim|rout|messag|pair|plumb|fitt|"
    r"wrapp|stuff|wing|string|ring|thing|king|spring|sibling|bedding|dump)ing\b)\w+ing)\b)"
)
# A word glued to the end of a sentence ("... my account.please help", "... the app.thanks"): the full stop ends
# the sentence and what follows is politeness or a new sentence, never part of this clause. Domains
# ("amazon.com"), decimals and abbreviations ("e.g.") are not sentence ends.
_GLUED_STOP = re.compile(r"(?<=[a-z)]{2})\.(?=[a-z]{2,}\b)(?!(?:com|co|uk|org|net|io|gov|edu|ly|me|tv|de|fr|ca|"
                         r"au|us|in|it|es|ie|info|biz|app|html?|php|aspx?|jpe?g|png|pdf)\b)")
_POLITE_TAIL = re.compile(r"(?:[\s,.]+(?:please|pls|plz|thanks|thank you|thx|cheers))+[\s.!]*$",
                          re.IGNORECASE)
# "also", "too" and "as well" point back to an earlier sentence that a quoted clause does not carry ("there's also
# a problem with the app", "the charger broke too"); said back alone they point at nothing. After a verb of how
# something runs, "as well" compares ("the new one doesn't work as well") and stays.
_DANGLING_ALSO = re.compile(r"(?<!\bbut )(?<!\band )\balso\s+|(?<=\w),?\s+too(?=[\s.!]*$)|"
                            r"(?<!\bwork)(?<!\bworks)(?<!\bworked)(?<!\bperform)(?<!\bperforms)(?<!\bperformed)"
                            r"(?<!\brun)(?<!\bruns)(?<!\bran)(?<!\bdo)(?<!\bdoes)(?<!\bdid)(?<!\bgo)(?<!\bgoes)"
                            r"(?<!\bwent)(?<=\w),?\s+as well(?=[\s.!]*$)",
                            re.IGNORECASE)
# Told now of something said before: "I'm told" reads back as "you've been told".
_PRESENT_TOLD = re.compile(r"\b(I|we)(?:['’]re|['’]m| am| are)\s+((?:always|constantly|just|now|then|still)\s+)?"
                           r"told\b", re.IGNORECASE)
# What came of a past attempt, told in the present ("I restarted it but nothing happens"): the event is past
# ("nothing happened"). Only verbs of an event that is over; a state that goes on ("it still doesn't work") stays.
_PAST_RESULT = {"happens": "happened", "changes": "changed", "helps": "helped", "loads": "loaded",
                "appears": "appeared", "opens": "opened", "responds": "responded", "updates": "updated",
                "shows up": "showed up", "comes up": "came up", "pops up": "popped up", "goes through": "went through"}
_PRESENT_RESULT = re.compile(
    r"\b((?:tried|did|\w{2,}ed|went|sent|paid|got|made|put|took|gave)\b[^,;]*?\bbut\s+(?:nothing|it|that|this|"
    r"still nothing|the \w+)\s+(?:still\s+)?)(" + "|".join(_PAST_RESULT) + r")\b", re.IGNORECASE)


# A request run on after the trouble ("my card was blocked please call me back", "..., and pls help me get it back"):
# what the customer asks for is not the reason, and said back it turns round ("please get back to you").
_REQUEST_TAIL = re.compile(
    r"(?<=\w)[\s,]+(?:and\s+|so\s+)?"
    r"(?:(?:can|could|would|will)\s+(?:you|u|someone|anyone|somebody)(?:\s+guys|\s+all)?\s+)?(?:please|pls|plz|kindly)\s+(?:[\w'’]+\s+)*?"
    r"(?:help|get|call|contact|fix|sort|look|reply|respond|answer|check|give|send|restore|recover|return|unlock|"
    r"unblock|reinstate|let|tell|assist|advise|dm|email|message|refund|reset|change|do|make|can|could|would)\b.*$",
    re.IGNORECASE)
# "an" typed for "and" between two clauses ("I can't pay an you won't refund me"): before a subject, never an article.
_AN_FOR_AND = re.compile(r"(?<=\w)\s+an\s+(?=(?:i|i'm|i've|you|you're|we|we're|they|they're|he|she|it|it's|my|your|our|"
                         r"their|nobody|no one|now|then)\b)", re.IGNORECASE)
# "login", "signin", "logon" typed as a verb ("I can't login", "unable to signin my account"): the verb is two words,
# and it takes "to" before what one logs in to. The noun stays ("my login details", "the sign-in page").
_GLUED_LOGIN = re.compile(
    r"\b(to|can't|cannot|can|couldn't|could|won't|will|would|wouldn't|not|never|I|you|we|they|and|or|didn't|"
    r"don't|doesn't|just|even|still)\s+(log|sign)-?(in|on)\b"
    r"(?!-|\s+(?:page|screen|details|detail|info|information|credentials|issues?|problems?|button|code|codes|attempts?|"
    r"name|email|id|link|process|method)\b)"
    r"(\s+(?=(?:my|your|our|the|his|her|their|this|that|any|an|a)\b))?",
    re.IGNORECASE,
)
# A bare verb where the passive needs its participle ("my page was remove"): the participle, from the rule pack.
_BARE_PASSIVE = re.compile(r"\b(was|were|been|be|being|is|are|get|got|gets|getting)\s+((?:\w+ly\s+)?)([a-z]+)\b",
                           re.IGNORECASE)


def _mend_passive(m: re.Match[str]) -> str:
    participle = _participles().get(m.group(3).lower())
    return f"{m.group(1)} {m.group(2)}{participle}" if participle else m.group(0)


@rule_view
def _actors(pack: RulePack) -> frozenset[str]:
    """Nouns for people and firms that act (``[settings] actors`` of ``customer_reason.toml``): a past verb after one
    is active, no participle to give a "was"."""
    return pack.words(RULES_FILE, "actors")


@rule_view
def _participles(pack: RulePack) -> dict[str, str]:
    """Bare verb -> participle (``[settings] participles`` of ``rules/<lang>/customer_reason.toml``), one table per
    language."""
    table = pack.setting(RULES_FILE, "participles")
    return {str(k).lower(): str(v) for k, v in table.items()}


@rule_view
def _copyedit(pack: RulePack) -> tuple[re.Pattern[str], dict[str, str], dict[str, str], frozenset[str]]:
    """The customer's spellings mended before a clause is said back (``[settings] spellings`` of
    ``customer_reason.toml``: a pattern of every key as whole words and the table), and what a past tense after
    "didn't" is mended to (``irregular_past``, ``bare_in_e``)."""
    spellings = {re.sub(r"\s+", " ", str(k).lower()): str(v)
                 for k, v in pack.setting(RULES_FILE, "spellings").items()}
    keys = sorted(spellings, key=len, reverse=True)  # "re installed" before "re install"
    pattern = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
                         + r")(?![\w'-])", re.IGNORECASE)
    irregular = {str(k).lower(): str(v) for k, v in pack.setting(RULES_FILE, "irregular_past").items()}
    return pattern, spellings, irregular, pack.words(RULES_FILE, "bare_in_e")


def bare_verb(past: str) -> str | None:
    """The bare form of a past tense ("got" -> "get", "received" -> "receive", "stopped" -> "stop", "tried" ->
    "try"), or None when ``past`` is no past tense this knows (the tables of ``customer_reason.toml`` and the
    spelling rules of "-ed")."""
    _, _, irregular, bare_e = _copyedit()
    word = past.lower()
    if word in irregular:
        return irregular[word]
    stem = word[:-2]
    if not word.endswith("ed") or word.endswith("eed"):
        return None  # "need", "feed": no past tense
    if stem + "e" in bare_e:
        return stem + "e"  # "used", "died", "received"
    if word.endswith("ied") and len(word) >= 5:
        return stem[:-1] + "y"
    if len(word) < 6:
        return None  # "embed", "shred", "asked": too short to tell a past tense by its ending
    if stem.endswith("ell") and len(stem) >= 6:
        return stem[:-1]  # "cancelled", "travelled"; "called", "spelled" keep their "ll"
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]  # "stopped", "logged"
    return stem


# After "did" the verb is bare ("didn't got it", "didn't received the code"); after a modal an irregular past is
# mended too ("can't found it"), a regular "-ed" is not (it may be an adjective: "can't be bothered" has its "be").
_PAST_AFTER_DID = re.compile(r"\b(didn't|did not|never did|did never)(\s+(?:even|really|actually|ever|just|yet)"
                             r"\s+|\s+)([a-z]+)\b", re.IGNORECASE)
_PAST_AFTER_MODAL = re.compile(r"\b(can't|cannot|can not|couldn't|won't|wouldn't|doesn't|don't|shouldn't)"
                               r"(\s+(?:even|really|actually|ever|just)\s+|\s+)([a-z]+)\b", re.IGNORECASE)
# "I been waiting", "we been told": the auxiliary "have" dropped before "been".
_BARE_BEEN = re.compile(r"(?<!\bhave )(?<!\bhas )(?<!\bhad )(?<!\bwould )(?<!\bcould )(?<!\bshould )"
                        r"(?<!\bmight )(?<!\bmust )(?<!\bwill )(?<!\bever )(?<!\bnever )"
                        r"\b(I|we|you|they)\s+(?=been\b)", re.IGNORECASE)
# A verb typed with a capital after a modal or "do" ("I can't Go online", "it won't Load"): lower case, unless it
# is a name the brand list spells with a capital.
_CAPITAL_VERB = re.compile(r"\b(?:can't|cannot|can|couldn't|could|won't|will|wouldn't|would|should|shouldn't|must|"
                           r"don't|doesn't|didn't|never)\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")


def _mend_typos(text: str) -> str:
    """``text`` with the customer's misspellings and slips of grammar mended: a spelling from the table, a past
    tense after "didn't" made bare, "have" restored before "been", a capital typed on a verb after a modal."""
    pattern, spellings, irregular, _ = _copyedit()
    out = pattern.sub(lambda m: spellings[re.sub(r"\s+", " ", m.group(0).lower())], text)

    def bare(m: re.Match[str], regular: bool) -> str:
        word = m.group(3)
        base = bare_verb(word) if regular else irregular.get(word.lower())
        return f"{m.group(1)}{m.group(2)}{base}" if base and base != word.lower() else m.group(0)

    out = _PAST_AFTER_DID.sub(lambda m: bare(m, True), out)
    out = _PAST_AFTER_MODAL.sub(lambda m: bare(m, False), out)
    out = _BARE_BEEN.sub(lambda m: f"{m.group(1)}'ve " if m.group(1).lower() != "i" else "I've ", out)
    brands = _brands()[1]

    def lower(m: re.Match[str]) -> str:
        word = m.group(1)
        if re.sub(r"[\s-]", "", word.lower()) in brands:
            return m.group(0)
        return m.group(0)[: m.start(1) - m.start(0)] + word.lower()

    return _CAPITAL_VERB.sub(lower, out)


def _clean_clause(text: str) -> str:
    """``text`` as it is quoted back: chat spellings expanded, shouted everyday words in lower case, "its" for
    "it's" mended, politeness glued or left at the end dropped, a dangling "also"/"too" dropped, the tense of a
    report and of a past attempt's result mended, brand names in their own spelling, chat typos mended ("an" for
    "and" between clauses, "login" as a verb, a bare verb after "was") and misspellings (:func:`_mend_typos`)."""
    out = _mend_typos(_SLANG_WORD.sub(lambda m: _SLANG[m.group(0).lower()], text))
    out = _AN_FOR_AND.sub(" and ", out)
    out = N_FOR_AND.sub("and", out)
    out = _REQUEST_TAIL.sub("", out)
    out = _GLUED_LOGIN.sub(lambda m: f"{m.group(1)} {m.group(2)} {m.group(3)}" + (" to " if m.group(4) else ""), out)
    out = _BARE_PASSIVE.sub(_mend_passive, out)

    def lower(m: re.Match[str]) -> str:
        word = m.group(0)
        return word.lower() if (len(word) >= 5 or word in _CAPS_EVERYDAY) and word != "I" else word

    out = _CAPS_WORD.sub(lower, out)
    glued = _GLUED_STOP.search(out)
    if glued and _POLITE_TAIL.fullmatch(" " + out[glued.end():]):
        out = out[: glued.start()]
    out = _POLITE_TAIL.sub("", out)
    out = _ITS_IS.sub(lambda m: f"{m.group(1)}t's ", out)
    out = _DANGLING_ALSO.sub("", out)
    out = _DANGLING_EITHER.sub(_drop_either, out)
    out = _CALENDAR_NAME.sub(lambda m: m.group(0).capitalize(), out)
    out = _PRESENT_TOLD.sub(lambda m: f"{m.group(1)}'ve been {m.group(2) or ''}told", out)
    out = _PRESENT_RESULT.sub(lambda m: m.group(1) + _PAST_RESULT[m.group(2).lower()], out)
    return _brand_case(out)


# What came instead of what was ordered, after a bare comma ("you ordered a large, got a medium"): joined by "but",
# which is what the customer means.
_INSTEAD_SPLICE = re.compile(r",\s+(?=(?:only\s+)?(?:got|received|was sent|were sent|was given|ended up with)\b)",
                             re.IGNORECASE)


# A leading "since Tuesday" or "last night" before the subject: when it began is not part of the reason said back
# ("since Tuesday nobody can call you" -> "nobody can call you").
_WHEN_LEAD = re.compile(
    r"^(?:(?:since|from|as of|on)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"tonight|last (?:night|week|month)|this (?:morning|week|month))\b,?\s+(?=(?:you|your|we|our|the|it|nobody|"
    r"no one|people|everyone|someone|there|they)\b)",
    re.IGNORECASE,
)


# "the system don't work": a singular subject takes "doesn't" (plurals end in "s" or are one of these).
_SINGULAR_DONT = re.compile(
    r"\b(?!(?:i|you|we|they|people|children|kids|men|women|staff|police|folks|guys)\b)(it|this|that|[a-z]*[a-rt-z])"
    r"\s+don['’]t\b", re.IGNORECASE)


def _restore_participle(phrase: str) -> str:
    """"your phone disabled" -> "your phone was disabled" (see :data:`_BARE_PARTICIPLE`)."""
    m = _BARE_PARTICIPLE.match(phrase)
    if not m or any(_VERB.fullmatch(w) for w in m.group(1).split()[1:]):
        return phrase
    head = m.group(1).rstrip()
    noun = head.split()[-1].lower()
    if noun in _actors():
        return phrase  # "the driver cancelled": a person or firm acts, the verb is active

    aux = "were" if noun.endswith("s") and not noun.endswith("ss") and len(head.split()) > 1 else "was"
    return f"{head} {aux} {phrase[m.start(2):]}"


# A telegraphic list of events after bare commas ("you paid twice, card declined, nobody called back"): a noun and
# then a past verb, with no joint word. Pasted as it was typed, it is no sentence (also a mechanical check on every
# suggestion: empathic.suggest.mechanics).
TELEGRAPHIC_LIST = re.compile(
    r",\s+(?!(?:and|but|so|or|then|which|who|whom|whose|that|because|since|after|before|when|while|until|as|if|"
    r"though|although|even|including|like|especially|plus|not|only|all|both|each|is|are|was|were|has|have|had|"
    r"isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|been|being|having|getting|never|just|still|already|"
    r"we|you|i|it|they)\b)[a-z][\w'-]*\s+"
    r"(?:(?:never|just|still|not|already)\s+)?(?:left|went|came|took|got|sent|showed|paid|lost|\w{3,}ed)\b"
    r"(?!\s+(?:by|with|from|at|for|on|in|to)\b)", re.IGNORECASE)
# A clause of purpose cut from its noun and run into the main verb ("the seats we paid for so we could sit together
# got changed" cut to "you could sit together got changed"): a modal's verb, a few words with no noun of their own,
# then a second finite verb.
_HALF_RELATIVE = re.compile(r"\b(?:could|can|would|might)\s+\w+(?:\s+(?!(?:your|our|the|a|an|that|my|his|her|their|it|"
                            r"they|you|we|and|but|so|because|when|which|who)\b)\w+){0,3}\s+(?:got|was|were|been|is|are)"
                            r"\s+\w+ed\b", re.IGNORECASE)
# A new subject straight after a closing quotation ('... saying "no signal" you're on wifi'): two clauses run on.
_QUOTE_RUN_ON = re.compile(r'"[^"\s][^"]*"\s+(?:you|we|they|i|it)(?:[\'’]\w+)?\s+\w', re.IGNORECASE)


def well_formed(phrase: str) -> bool:
    """True when a second-person reason clause reads as one clean statement an agent can say back.

    Not: two independent clauses joined by a bare comma or by nothing (also after a closing quotation), a clause
    of purpose run into a second verb, a telegraphic list of events, a question inside it, a list of names, a
    report of what someone said, the customer's feeling as its own reason, or a new subject after a noun phrase.
    """
    return not (_COMMA_SPLICE.search(phrase) or _RUN_ON.search(phrase) or TELEGRAPHIC_LIST.search(phrase)
                or _QUOTE_RUN_ON.search(phrase) or _HALF_RELATIVE.search(phrase) or _ANY_INNER_QUESTION.search(phrase)
                or _NAME_LIST.search(phrase) or _SPEECH.match(phrase) or _FEELING_CLAUSE.match(phrase)
                or _DANGLING_SUBJECT.search(phrase))


def _clauses(text: str) -> list[str]:
    """The text itself and the clauses it divides into at its joints."""
    parts = [p for p in _CLAUSE_JOINT.split(text) if p and p.strip()]
    return [text, *parts] if len(parts) > 1 else [text]


def customer_reason(analysis: Analysis, emotion: str, *, also: tuple[re.Pattern[str], ...] = (),
                    never: tuple[re.Pattern[str], ...] = (), problem_only: bool = False,
                    ) -> tuple[str | None, str | None]:
    """The heart of the customer's complaint as a second-person clause, and the text it came from.

    Every cause and every sentence that states something (not a question, a bare feeling or the customer's own
    self-criticism), and each clause of them, is a candidate. One that names a problem (something failed, was
    done to the customer or keeps going on) comes first; a cause the listen components found may stand without
    one, a plain sentence may not (background such as "I have three kids" is no reason). Then a cause of
    ``emotion`` comes first, then one with something at stake (money, a trip, a service the customer cannot use, a
    repeat: :data:`_STAKES`), then one with a duration or a repeat ("for three hours", "the third time"), then
    the earliest. Patterns in ``also`` name
    problems too (a situation's own cues: "a smell of gas", "needs surgery"); a clause that matches one of
    ``never`` is not quoted (a loss is answered by condolence, not as a reason). (None, None) when no candidate
    reads as a clause: callers then fall back to the topic, never to a stock "this has happened". With
    ``problem_only`` a found cause must name a problem too (a self-critical customer's reason is their slip or the
    failure, never background such as "you got married and changed your name").
    """
    cust = analysis.customer
    message = analysis.exchange.customer
    own_blame = list(dict.fromkeys(s.text for s in cust.self_criticism))  # a repeated sentence is looked for once
    rules = _reason_rules()
    sources: list[tuple[int, int, str]] = []  # (rank of the source, position, text)
    for c in cust.causes:
        sources.append((0 if c.emotion == emotion else 1, c.span.start, c.span.text))
    for sent in analysis.customer_sentences:
        if _FEELING_ONLY.match(sent.text) or is_question(sent.text):
            continue
        sources.append((2, sent.start, sent.text))
    best: tuple[tuple[int, ...], str, str] | None = None
    # A text read again with the same rank at a later position can only tie or lose to its first reading (the
    # key differs only in the position): a message repeating a sentence is read once, not once a repeat.
    read_at: dict[tuple[int, str], int] = {}
    for rank, pos, text in sources:
        if read_at.get((rank, text), pos + 1) <= pos:
            continue
        read_at[(rank, text)] = pos
        blames = [blame for blame in own_blame if blame in text]  # a part holds only what its text holds
        # the heart said plainly where the customer tells it around the edges ("was due on Monday and there's no
        # sign of it" -> "still hasn't arrived"): the ``restate`` rules
        for part in _clauses(_rewritten(text, rules, ("restate",))):
            if any(blame in part for blame in blames):
                continue  # the customer's self-criticism is never quoted back to them as a reason
            plain = clean_message(part)
            if any(p.search(plain) for p in never):
                continue
            problem = carries_trouble(plain, also, stakes=False, rules=rules)
            if not problem and (rank > 1 or problem_only):
                continue  # a plain sentence without a problem is background ("I have three kids")
            if problem_only and SLIP.search(plain):
                continue  # a self-critical customer's slip is not said back to them as the reason
            at = pos + max(text.find(part.strip()), 0)
            if _REPORTED_BEFORE.search(text[: max(text.find(part.strip()), 0)]):
                continue  # the words of a message the customer was shown, not their own statement
            after = message[at + len(part.strip()):]
            if _CUT_ABBREVIATION.search(part.strip() + after[:1]) or (part.rstrip()[-1:].isdigit()
                                                                      and re.match(r"[:.]\d", after)):
                continue  # a sentence or clause split inside "no. 9" or "18:05": the rest of it is lost
            clause = reason_clause(part, also, rules=rules, before=message[:at])
            if not clause or rules["not_trouble"].search(clause) or ((rank > 1 or _CUSTOMER_SUBJECT.match(clause))
                                                                   and not carries_trouble(clause, also, rules=rules)):
                # No clause, or one without the trouble: what the customer did or has, alone ("you uploaded a
                # video"). A found cause about a thing ("the bins are overflowing") says its trouble in words no
                # list holds, and stands.
                continue
            # A failure and a stake each weigh: the lost data beats "it still updated", the missed birthday beats
            # "the driver didn't knock"; the failure itself (``heart`` rules: never came, vanished, cut off, back
            # again) weighs once more, over the follow-up around it ("nobody has emailed you").
            heart = rules["heart"].search(clause) is not None
            weight = (heart or bool(_FAILURE.search(clause))) + heart + bool(_STAKES.search(plain))
            key = (0 if problem else 1, -weight, min(rank, 1),
                   0 if _DURATION.search(part) else 1, pos, len(clause.split()))
            if best is None or key < best[0]:
                best = (key, clause, part.strip())
    return (best[1], best[2]) if best else (None, None)
