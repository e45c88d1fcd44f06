"""``empathic rules report``: every rule of a rule pack, whether its examples hold, and rules no example needs."""

from __future__ import annotations

import typer
from rich.markup import escape

from empathic.cli.app import app, out
from empathic.languages import get_language, using
from empathic.rulecheck import report
from empathic.rules import RuleFileError, load_rule_pack

rules_app = typer.Typer(help="The rule packs (resources/rules/<lang>/): check and list rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("report")
def rules_report(
    lang: str = typer.Option("en", "--lang", help="The rule pack's language folder."),
    show_all: bool = typer.Option(False, "--all", help="List every rule, not only those with a problem."),
) -> None:
    """Check every rule's examples; list failing examples, rules and predicates that no example needs.

    An example is read with its rule's when / unless predicates, in the context it implies (the customer's message
    it names, if any). A rule is needed by an example that it matches and no other rule of its file and label does;
    a predicate by an example whose outcome changes without it. The customer cues of cues.toml are read by the
    emotion lexicon: a cue rule is needed by an example whose reading (labels, weights) changes without it.
    Exit codes: 0 every rule is fine; 4 a rule has a problem (listed) or a rule file is damaged.
    """
    pack = load_rule_pack(lang)
    with using(get_language(lang)):  # a cue rule's examples are read by that language's lexicon
        statuses = report(pack)
    problems = 0
    for file in pack.files():
        mine = [s for s in statuses if s.rule.file == file]
        bad = [s for s in mine if not s.ok]
        problems += len(bad)
        out.print(f"[bold]rules/{lang}/{file}.toml[/]: {len(mine)} rules, {len(bad)} with a problem")
        for s in mine if show_all else bad:
            notes = []
            if s.unmatched:
                notes.append(f"misses its example {s.unmatched[0]!r}")
            if s.wrongly_matched:
                notes.append(f"matches its near miss {s.wrongly_matched[0]!r}")
            if not s.needed_by and not s.unmatched:
                notes.append(
                    "no example needs it (deleting it changes no example's reading)" if s.rule.is_cue
                    else "no example needs it (every one is matched by another rule of its label)"
                )
            for idle in s.idle_predicates:
                notes.append(f"its {idle} changes no example's outcome (add an example that needs it, or drop it)")
            what = "; ".join(notes) or f"needed by {len(s.needed_by)} of {len(s.rule.match)} examples"
            out.print(f"  {escape(s.rule.id)}: {escape(what)}")
    if problems:
        raise RuleFileError(f"{problems} rule(s) of rules/{lang}/ have a problem (listed above); see docs/rules.md")
