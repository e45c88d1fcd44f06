"""Does an NLP library pay for the reason clauses suggestions quote? Measured, not assumed.

For every customer message of twcs dev and cs-dev (tests/golden/data) the reason clause suggestions quote is
built, then counted for the grammar errors a library would mend: "a"/"an" against the next word's sound (the
inflect library, MIT, against the project's own rule in empathic.perspective.fix_articles) and subject-verb
agreement after the person swap (read with the lemminflect library, MIT). Also: 43 hard words for articles
(silent h, "uni-", "eu-", digits, initialisms; written for this measurement, so the rule written beside them is
optimistically scored), the time per clause and the import time of each library.

Run: .venv/bin/python bench/bench_grammar_dependency.py. The libraries are not dependencies of empathic: install
them to measure them (pip install inflect==7.6.0 lemminflect==0.2.3); without them their columns say so. Writes
bench/results/grammar_dependency.json. Nothing here is asserted in tests.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from _machine import describe, machine  # noqa: E402

#: Word -> the article it takes (spoken English), for the hard cases.
HARD_WORDS = {
    "hour": "an", "honest": "an", "heir": "an", "honour": "an", "hotel": "a", "hospital": "a", "user": "a",
    "university": "a", "unicorn": "a", "union": "a", "one": "a", "once": "a", "euro": "a", "european": "a",
    "MRI": "an", "FAQ": "an", "FBI": "an", "NHS": "an", "SIM": "a", "URL": "a", "HTML": "an", "8": "an",
    "11": "an", "18": "an", "80": "an", "800": "an", "1": "a", "100": "a", "ATM": "an", "SMS": "an",
    "x-ray": "an", "apple": "an", "egg": "an", "issue": "an", "error": "an", "email": "an", "order": "an",
    "update": "an", "umbrella": "an", "uber": "an", "upgrade": "an", "ukulele": "a", "U-turn": "a",
}
_ARTICLE = re.compile(r"\b(a|an)\s+([A-Za-z0-9][\w'-]*)")
_SUBJECT_VERB = re.compile(r"\b(you|we|they|I)\s+([a-z]+)\b")


def _import_seconds(module: str) -> float | None:
    """Median wall time of importing ``module`` in a fresh interpreter (None when it is not installed)."""
    times = []
    for _ in range(3):
        run = subprocess.run([sys.executable, "-c", f"import time; t = time.perf_counter(); import {module}; "
                              "print(time.perf_counter() - t)"], capture_output=True, text=True, check=False)
        if run.returncode:
            return None
        times.append(float(run.stdout.strip()))
    return sorted(times)[1]


def main() -> None:
    """Measure and print/write the results."""
    from empathic import analyze
    from empathic.perspective import fix_articles
    from empathic.suggest.slots import slots_for

    messages = [json.loads(line)["customer"] for name in ("twcs-dev.jsonl", "cs-dev.jsonl")
                for line in (ROOT / "tests" / "golden" / "data" / name).open(encoding="utf-8") if line.strip()]
    # The clauses as the customer wrote them, before the article rule: fix_articles is undone by reading raw
    # reasons from a copy of the module function that skips it.
    import empathic.perspective as perspective

    perspective.fix_articles = lambda text: text  # type: ignore[assignment]
    try:
        clauses = [s.clause for m in messages if (s := slots_for(analyze(m))) is not None and s.clause]
    finally:
        perspective.fix_articles = fix_articles  # type: ignore[assignment]

    fixers: dict[str, Any] = {"none": lambda text: text, "rule (empathic.perspective)": fix_articles}
    try:
        import inflect

        engine = inflect.engine()

        def with_inflect(text: str) -> str:
            def one(m: re.Match[str]) -> str:
                if m.group(2).lower() in {"i", "you", "we", "they", "he", "she", "it"}:
                    return m.group(0)  # chat "an" for "and"
                return f"{engine.a(m.group(2)).split()[0]} {m.group(2)}"
            return _ARTICLE.sub(one, text)

        fixers["inflect 7.6.0"] = with_inflect
    except ImportError:
        engine = None

    results: dict[str, Any] = {"machine": machine(), "messages": len(messages), "clauses": len(clauses),
                               "articles": {}}
    print(f"{len(messages)} messages, {len(clauses)} reason clauses; {describe()}")
    for name, fix in fixers.items():
        t = time.perf_counter()
        fixed = [fix(c) for c in clauses]
        per_clause_us = (time.perf_counter() - t) / max(1, len(clauses)) * 1e6
        # Errors read by both readers: the rule's and, when installed, inflect's.
        left = {reader: sum(1 for c in fixed for m in _ARTICLE.finditer(c) if other(m.group(0)) != m.group(0))
                for reader, other in fixers.items() if reader != "none"}
        hard = sum(1 for w, want in HARD_WORDS.items() if fix(f"a {w}").split()[0] == want)
        changed = sum(1 for a, b in zip(clauses, fixed, strict=True) if a != b)
        results["articles"][name] = {"clauses_changed": changed, "errors_left_by_reader": left,
                                     "hard_words_right": hard, "hard_words": len(HARD_WORDS),
                                     "us_per_clause": round(per_clause_us, 2)}
        print(f"  {name}: changed {changed} clauses; errors left {left}; hard words {hard}/{len(HARD_WORDS)}; "
              f"{per_clause_us:.1f} us/clause")
    try:
        from lemminflect import getInflection, getLemma

        bad = []
        for c in clauses:
            for m in _SUBJECT_VERB.finditer(c):
                verb = m.group(2)
                lemma = getLemma(verb, upos="VERB")
                third = getInflection(lemma[0], tag="VBZ") if lemma else ()
                if lemma and lemma[0] != verb and third and third[0] == verb:
                    bad.append(c)
        results["agreement_errors_read_by_lemminflect"] = len(bad)
        print(f"  subject-verb agreement errors read by lemminflect 0.2.3: {len(bad)}")
    except ImportError:
        results["agreement_errors_read_by_lemminflect"] = None
    results["import_seconds"] = {m: _import_seconds(m) for m in ("inflect", "lemminflect")}
    print(f"  import time (median of 3 fresh interpreters): {results['import_seconds']}")
    out = ROOT / "bench" / "results" / "grammar_dependency.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
