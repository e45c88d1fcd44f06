"""``empathic learn``: the interactive course in the terminal, its progress report, and its content check.

The session is line-based (rich prompts over plain ``input``), so it works in any terminal, over
ssh and under pexpect. Every step is saved as it happens; the next start resumes where the
learner left off.
"""

from __future__ import annotations

import contextlib
import getpass
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from empathic.cli.app import EXIT_INTERRUPTED, app, fail, out, write_line
from empathic.errors import EmpathicError, InputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from empathic.course import (
        ContentCheck,
        Course,
        Example,
        LearnerReport,
        Lesson,
        Position,
        PracticeResult,
        ProgressStore,
        QuizItem,
        Scenario,
    )

#: Learner name used when neither --learner nor EMPATHIC_LEARNER is given and the OS user is unknown.
FALLBACK_LEARNER = "learner"

HELP_LINE = "[dim]q = back to the menu, quit = leave the course (progress is saved)[/]"


class _Leave(Exception):
    """The learner asked to leave the course (``quit``, ``exit`` or end of input)."""


class _Back(Exception):
    """The learner asked to go back to the menu (``q``)."""


def _default_learner() -> str:
    try:
        return getpass.getuser() or FALLBACK_LEARNER
    except (KeyError, OSError):  # no login name in some containers
        return FALLBACK_LEARNER


class CourseSession:
    """One learner's interactive session: the menu and the three sections."""

    def __init__(self, console: Console, course: Course, store: ProgressStore, learner: str) -> None:
        self.console = console
        self.course = course
        self.store = store
        self.new = not store.has_learner(learner.strip())
        self.learner = store.ensure_learner(learner)
        self._attempt_no: dict[str, int] = {}

    # --- input ---------------------------------------------------------------------------------------------

    def ask(self, prompt: str, *, back: bool = True) -> str:
        """One line from the learner, trimmed and lower-cased; q goes back, quit/EOF leaves."""
        raw = self._read(prompt)
        answer = raw.strip().lower()
        if answer in ("quit", "exit", ":q"):
            raise _Leave
        if back and answer == "q":
            raise _Back
        return answer

    def _read(self, prompt: str) -> str:
        try:
            return self.console.input(prompt)
        except EOFError as exc:
            raise _Leave from exc

    def pause(self, prompt: str = "[bold][Enter][/] continue · [bold]q[/] menu: ") -> str:
        """Wait for Enter (returns what was typed, lower-cased)."""
        return self.ask(prompt)

    # --- the whole session ---------------------------------------------------------------------------------

    def run(self) -> None:
        """Greet, offer to resume, then loop over the menu until the learner leaves."""
        from rich.markup import escape

        from empathic.course import describe, resume_position

        c = self.console
        name = escape(self.learner)
        c.rule(f"[bold]empathic course[/]: building empathy, learner [bold]{name}[/]")
        resume = None if self.new else resume_position(self.course, self.store, self.learner)
        try:
            if resume is not None:
                c.print(f"Welcome back, {name}. You left off at {describe(self.course, resume)}.")
                answer = self.ask("Continue there? [bold][Y/n][/] ", back=False)
                if answer in ("", "y", "yes"):
                    self.go(resume)
            else:
                c.print(
                    f"Welcome, {name}. This course teaches three ways to show a customer you understand "
                    "how they feel: reflecting emotion, normalizing and relating experience. Start with the "
                    "lessons, test yourself in the quiz, then write your own replies in practice."
                )
            self.menu()
        except _Leave:
            pass
        c.print("Progress saved. See you next time.")

    def go(self, position: Position) -> None:
        """Open the section at ``position``; q there comes back here."""
        try:
            if position.section == "lesson":
                self.lessons(start=position)
            elif position.section == "quiz":
                self.quiz(start=position.item_id)
            else:
                self.practice(start=position.item_id)
        except _Back:
            pass

    def menu(self) -> None:
        """The main menu, until the learner quits."""
        from empathic.course import describe, next_open, resume_position

        while True:
            lessons_done = len(self.store.completed_lessons(self.learner))
            latest = self.store.latest_answers(self.learner)
            quiz_ids = {q.id for q in self.course.quiz}
            answered = [a for k, a in latest.items() if k in quiz_ids]
            passed = self.store.passed_scenarios(self.learner) & {s.id for s in self.course.scenarios}
            resume = resume_position(self.course, self.store, self.learner) or next_open(
                self.course, self.store, self.learner
            )
            c = self.console
            c.print()
            c.rule("Menu")
            c.print(f" [bold]1[/]  Lessons   ({lessons_done}/{len(self.course.lessons)} done)")
            c.print(
                f" [bold]2[/]  Quiz      ({len(answered)}/{len(self.course.quiz)} answered, "
                f"{sum(1 for a in answered if a.correct)} right)"
            )
            c.print(f" [bold]3[/]  Practice  ({len(passed)}/{len(self.course.scenarios)} passed)")
            if resume is not None:
                c.print(f" [bold]c[/]  Continue: {describe(self.course, resume)}")
            c.print(" [bold]r[/]  Your progress report")
            c.print(" [bold]q[/]  Quit")
            choice = self.ask("Choose [bold][1/2/3/c/r/q][/]: ", back=False)
            if choice == "q":
                raise _Leave
            if choice == "1":
                self._section(self.lessons)
            elif choice == "2":
                self._section(self.quiz)
            elif choice == "3":
                self._section(self.practice)
            elif choice in ("c", "") and resume is not None:
                self.go(resume)
            elif choice == "r":
                from empathic.course import build_report

                c.print(render_report(build_report(self.course, self.store, self.learner)))
            else:
                c.print("[yellow]Please type 1, 2, 3, c, r or q.[/]")

    def _section(self, run: Callable[[], None]) -> None:
        with contextlib.suppress(_Back):
            run()

    # --- lessons -------------------------------------------------------------------------------------------

    def lessons(self, start: Position | None = None) -> None:
        """Pick a lesson (or go straight to ``start``) and page through it."""
        from empathic.course import Position, next_open

        if start is None:
            states = self.store.lessons(self.learner)
            self.console.print()
            self.console.rule("Lessons")
            for n, lesson in enumerate(self.course.lessons, 1):
                state = states.get(lesson.id)
                mark = (
                    "[green]done[/]"
                    if state and state.completed
                    else (f"page {state.furthest_page + 1}/{len(lesson.pages)}" if state else "")
                )
                self.console.print(f" [bold]{n}[/]  {lesson.title}  {mark}")
                self.console.print(f"     [dim]{lesson.summary}[/]")
            nxt = next_open(self.course, self.store, self.learner)
            default = (
                self.course.lesson(nxt.item_id)
                if nxt is not None and nxt.section == "lesson"
                else self.course.lessons[0]
            )
            answer = self.ask(
                f'Pick a lesson [bold](1-{len(self.course.lessons)})[/], Enter for "{default.title}", q for the menu: '
            )
            if answer == "":
                page = (
                    states[default.id].furthest_page if default.id in states and not states[default.id].completed else 0
                )
                start = Position("lesson", default.id, page)
            elif answer.isdigit() and 1 <= int(answer) <= len(self.course.lessons):
                start = Position("lesson", self.course.lessons[int(answer) - 1].id, 0)
            else:
                self.console.print("[yellow]No such lesson.[/]")
                return
        lesson_id, page = start.item_id, start.page
        while True:
            lesson = self.course.lesson(lesson_id)
            finished = self.read_lesson(lesson, page)
            if not finished:
                return
            idx = [x.id for x in self.course.lessons].index(lesson.id)
            if idx + 1 >= len(self.course.lessons):
                self.console.print("[green]You have finished every lesson.[/] Next: the quiz (menu option 2).")
                nxt = next_open(self.course, self.store, self.learner)
                if nxt is not None:
                    self.store.save_position(self.learner, nxt)
                self.pause("[bold][Enter][/] back to the menu: ")
                return
            following = self.course.lessons[idx + 1]
            self.store.save_position(self.learner, Position("lesson", following.id, 0))
            answer = self.ask(f'Next lesson: "{following.title}". [bold][Enter][/] start · [bold]q[/] menu: ')
            if answer not in ("", "n", "y"):
                return
            lesson_id, page = following.id, 0

    def read_lesson(self, lesson: Lesson, page: int) -> bool:
        """Page through ``lesson`` from ``page``; True when the learner reached its end."""
        from empathic.course import Position

        total = len(lesson.pages)
        page = min(max(page, 0), total - 1)
        while True:
            self.store.save_position(self.learner, Position("lesson", lesson.id, page))
            self.store.record_page(self.learner, lesson.id, page)
            self.console.print()
            self.console.print(render_page(lesson, page))
            last = page == total - 1
            hint = "finish the lesson" if last else "next page"
            answer = self.ask(
                f"[bold][Enter][/] {hint} · [bold]b[/] back · [bold]q[/] menu (page {page + 1}/{total}): "
            )
            if answer == "b":
                page = max(0, page - 1)
            elif answer in ("", "n"):
                if last:
                    self.store.complete_lesson(self.learner, lesson.id, total)
                    self.console.print(f"[green]Lesson complete:[/] {lesson.title}")
                    return True
                page += 1

    # --- quiz ----------------------------------------------------------------------------------------------

    def quiz(self, start: str | None = None) -> None:
        """Ask quiz items in order from ``start`` (default: the first unanswered one)."""
        from empathic.course import Position, grade_quiz, next_open, parse_choice

        items = list(self.course.quiz)
        if start is None:
            latest = self.store.latest_answers(self.learner)
            todo = [q for q in items if q.id not in latest]
            if not todo:
                self.console.print("You have answered every question; here they are again for review.")
            start = (todo or items)[0].id
        ids = [q.id for q in items]
        i = ids.index(start)
        while i < len(items):
            item = items[i]
            self.store.save_position(self.learner, Position("quiz", item.id))
            self.console.print()
            self.console.print(render_quiz_item(item, i + 1, len(items)))
            while True:
                letters = "/".join("abcdefghij"[: len(item.choices)])
                raw = self.ask(f"Your answer [bold]({letters})[/], q for the menu: ")
                try:
                    choice = parse_choice(item, raw)
                    break
                except InputError as exc:
                    self.console.print(f"[yellow]{exc}[/]")
            result = grade_quiz(item, choice)
            self.store.record_answer(self.learner, item.id, choice, result.correct)
            if result.correct:
                self.console.print(f"[bold green]Correct.[/] {item.explanation}")
            else:
                from empathic.course import plain

                self.console.print(
                    f"[bold red]Not quite:[/] the answer is [bold]{plain(item.answer)}[/]. {item.explanation}"
                )
            i += 1
            nxt = Position("quiz", items[i].id) if i < len(items) else next_open(self.course, self.store, self.learner)
            if nxt is not None:
                self.store.save_position(self.learner, nxt)
            if i >= len(items):
                self.console.print("[green]That was the last question.[/] Next: practice (menu option 3).")
                self.pause("[bold][Enter][/] back to the menu: ")
                return
            self.pause("[bold][Enter][/] next question · [bold]q[/] menu: ")

    # --- practice ------------------------------------------------------------------------------------------

    def practice(self, start: str | None = None) -> None:
        """Practise scenarios in order from ``start`` (default: the first not yet passed)."""
        from empathic.course import Position

        scenarios = list(self.course.scenarios)
        ids = [s.id for s in scenarios]
        if start is None:
            passed = self.store.passed_scenarios(self.learner)
            todo = [s for s in scenarios if s.id not in passed]
            first = (todo or scenarios)[0]
            answer = self.ask(
                f"Practice: {len(scenarios)} scenarios. [bold][Enter][/] start with "
                f'"{first.title}" ({ids.index(first.id) + 1}), a number to pick one, '
                "[bold]l[/] to list them, [bold]q[/] menu: "
            )
            if answer == "l":
                self.console.print(render_scenario_list(scenarios, self.store.passed_scenarios(self.learner)))
                answer = self.ask(
                    f"Scenario number [bold](1-{len(scenarios)})[/], Enter for {ids.index(first.id) + 1}: "
                )
            if answer.isdigit() and 1 <= int(answer) <= len(scenarios):
                first = scenarios[int(answer) - 1]
            elif answer != "":
                self.console.print("[yellow]No such scenario.[/]")
                return
            start = first.id
        i = ids.index(start)
        while i < len(scenarios):
            sc = scenarios[i]
            self.store.save_position(self.learner, Position("practice", sc.id))
            move = self.practise_one(sc, i + 1, len(scenarios))
            if move == "next":
                i += 1
                if i < len(scenarios):
                    self.store.save_position(self.learner, Position("practice", scenarios[i].id))
        self.console.print("[green]You have reached the end of the practice scenarios.[/]")
        self.pause("[bold][Enter][/] back to the menu: ")

    def read_reply(self) -> str | None:
        """A multi-line reply ending with an empty line; None when the learner chose to skip."""
        lines: list[str] = []
        while True:
            line = self._read("> " if not lines else "  ")
            cmd = line.strip().lower()
            if not lines:
                if cmd in ("quit", "exit", ":q"):
                    raise _Leave
                if cmd == "q":
                    raise _Back
                if cmd == "s":
                    return None
                if not cmd:
                    continue
            if not line.strip():
                return "\n".join(lines)
            lines.append(line.rstrip())

    def practise_one(self, sc: Scenario, number: int, total: int) -> str:
        """Show one scenario and grade replies until the learner moves on; returns "next"."""
        from empathic.course import grade_practice, model_answer

        self.console.print()
        self.console.print(render_scenario(sc, number, total))
        while True:
            self.console.print(
                "Write your reply to the customer. Finish with an empty line. ([bold]s[/] skip, [bold]q[/] menu)"
            )
            reply = self.read_reply()
            if reply is None:
                return "next"
            attempt = self._attempt_no.get(sc.id, len(self.store.attempts(self.learner, sc.id)))
            try:
                result = grade_practice(sc, reply, attempt=attempt)
            except EmpathicError as exc:
                self.console.print(f"[red]Could not grade that reply:[/] {exc}")
                continue
            self._attempt_no[sc.id] = attempt + 1
            self.store.record_attempt(self.learner, result.to_attempt())
            self.console.print(render_feedback(result))
            while True:
                default = "n" if result.passed else "r"
                answer = (
                    self.ask(
                        f"[bold]r[/] retry · [bold]n[/] next scenario · [bold]m[/] model answer · [bold]q[/] menu "
                        f"[dim](Enter = {default})[/]: "
                    )
                    or default
                )
                if answer == "m":
                    self.console.print(render_model_answer(sc, model_answer(sc, attempt)))
                    continue
                if answer in ("r", "n"):
                    break
                self.console.print("[yellow]Please type r, n, m or q.[/]")
            if answer == "n":
                return "next"


# --- rendering (rich renderables; the session prints them) ----------------------------------------------


def _labels(labels: tuple[str, ...] | list[str]) -> str:
    from empathic.course import plain

    return ", ".join(plain(x) for x in labels) if labels else "none"


def render_example(ex: Example) -> RenderableType:
    """A lesson's worked example as a panel."""
    from rich.panel import Panel
    from rich.text import Text

    good = ex.verdict == "good"
    body = Text()
    body.append("Customer: ", style="bold")
    body.append(ex.customer + "\n")
    body.append("Reply:    ", style="bold")
    body.append(ex.reply + "\n")
    body.append("Carries:  ", style="bold")
    body.append(_labels(ex.strategies))
    if ex.pitfalls:
        body.append("   Pitfalls: ", style="bold")
        body.append(_labels(ex.pitfalls), style="red")
    body.append("\nWhy:      ", style="bold")
    body.append(ex.why)
    title = "[green]good example[/]" if good else "[red]weak example[/]"
    return Panel(body, title=title, title_align="left", border_style="green" if good else "red")


def render_page(lesson: Lesson, page: int) -> RenderableType:
    """One lesson page: heading, body (Markdown) and its examples."""
    from rich.console import Group
    from rich.markdown import Markdown
    from rich.panel import Panel

    p = lesson.pages[page]
    parts: list[RenderableType] = [Markdown(p.body)]
    parts.extend(render_example(ex) for ex in p.examples)
    return Panel(
        Group(*parts),
        title=f"[bold]{lesson.title}[/] - {p.heading}",
        title_align="left",
        subtitle=f"page {page + 1} of {len(lesson.pages)}",
    )


def render_quiz_item(item: QuizItem, number: int, total: int) -> RenderableType:
    """A quiz question with its lettered choices."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from empathic.course import plain

    question = (
        "Which strategy does this reply use?"
        if item.kind == "name_strategy"
        else "Which pitfall does this reply fall into?"
    )
    body = Text()
    body.append("Customer: ", style="bold")
    body.append(item.customer + "\n")
    body.append("Reply:    ", style="bold")
    body.append(item.reply + "\n\n")
    body.append(question + "\n", style="bold")
    for n, choice in enumerate(item.choices):
        body.append(f"  {'abcdefghij'[n]}) {plain(choice)}\n")
    return Panel(Group(body), title=f"Quiz question {number} of {total}", title_align="left")


def render_scenario(sc: Scenario, number: int, total: int) -> RenderableType:
    """A practice scenario: situation, customer message and what it calls for."""
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    body.append(f"{sc.industry.replace('_', ' ')} · {sc.context}\n\n", style="dim")
    body.append("Customer: ", style="bold")
    body.append(sc.customer + "\n\n")
    body.append("Calls for: ", style="bold")
    body.append(" + ".join(_labels((s,)) for s in sc.strategies))
    body.append(
        f"   (customer feels {', '.join(sc.emotions)}; intensity {sc.intensity}"
        f"{'; self-critical' if sc.self_critical else ''})",
        style="dim",
    )
    return Panel(body, title=f"Practice {number} of {total}: {sc.title}", title_align="left")


def render_scenario_list(scenarios: list[Scenario], passed: set[str]) -> RenderableType:
    """All scenarios, numbered, with a mark on those passed."""
    from rich.table import Table

    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("scenario")
    table.add_column("industry")
    table.add_column("calls for")
    table.add_column("")
    for n, sc in enumerate(scenarios, 1):
        table.add_row(
            str(n),
            sc.title,
            sc.industry.replace("_", " "),
            _labels(sc.strategies),
            "[green]passed[/]" if sc.id in passed else "",
        )
    return table


def render_feedback(result: PracticeResult) -> RenderableType:
    """The graded reply: score, highlighted spans, what is missing, pitfalls and one suggestion."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from empathic.course import plain
    from empathic.render.terminal import STRATEGY_STYLE, score_style

    reply = Text(result.reply)
    for f in result.found:
        reply.stylize(STRATEGY_STYLE.get(f.strategy, "bold"), f.span.start, f.span.end)
    for p in result.pitfalls:
        if p.span is not None:
            reply.stylize("underline red", p.span.start, p.span.end)

    verdict = "[bold green]passed[/]" if result.passed else "[bold yellow]not yet[/]"
    lines: list[RenderableType] = [
        Text.from_markup(f"Score [{score_style(result.score)}]{result.score}/100[/] - {verdict}"),
        reply,
        Text(""),
    ]
    for f in result.found:
        line = Text()
        line.append("  found  ", style="green")
        line.append(f"{plain(f.strategy)}: ", style=STRATEGY_STYLE.get(f.strategy, "bold"))
        line.append(f"\u201c{f.span.text}\u201d")
        lines.append(line)
    for s in result.missing:
        lines.append(Text.from_markup(f"  [red]missing[/] {plain(s)}: this customer called for it"))
    for s in result.extra:
        lines.append(Text.from_markup(f"  [dim]also used {plain(s)} (not asked for here; fine if it fits)[/]"))
    for p in result.pitfalls:
        line = Text()
        line.append("  pitfall ", style="red")
        line.append(f"{plain(p.kind)}: {p.message}")
        if p.span is not None:
            line.append(f"  \u201c{p.span.text}\u201d", style="dim")
        lines.append(line)
    if not result.found:
        lines.append(Text("  no strategy found in this reply", style="yellow"))
    if result.suggestion is not None:
        tip = result.suggestion
        lines.append(Text(""))
        head = "Try this: " if tip.source == "tip" else "Compare with a model answer: "
        line = Text()
        line.append(head, style="bold")
        line.append(tip.text)
        lines.append(line)
        if tip.why:
            lines.append(Text(f"  {tip.why}", style="dim"))
    return Panel(
        Group(*lines), title="Feedback", title_align="left", border_style="green" if result.passed else "yellow"
    )


def render_model_answer(sc: Scenario, answer: str) -> RenderableType:
    """One model answer, framed."""
    from rich.panel import Panel

    return Panel(answer, title=f"Model answer ({_labels(sc.strategies)})", title_align="left", border_style="cyan")


def render_report(report: LearnerReport) -> RenderableType:
    """The learner's progress summary."""
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from empathic.course import plain

    if not report.known:
        return Text(
            f"No progress yet for {report.learner}. Start with: empathic learn --learner {json.dumps(report.learner)}"
        )
    parts: list[RenderableType] = []
    head = f"[bold]Progress of {escape(report.learner)}[/] (last active {report.last_seen} UTC)"
    parts.append(Text.from_markup(head))
    t = Table(show_header=True, box=None, pad_edge=False)
    t.add_column("section")
    t.add_column("progress", justify="right")
    t.add_column("details")
    t.add_row(
        "lessons",
        f"{len(report.lessons_done)}/{report.lessons_total}",
        ("in progress: " + ", ".join(report.lessons_started)) if report.lessons_started else "",
    )
    pct = f" ({100 * report.quiz_correct / report.quiz_answered:.0f}% right)" if report.quiz_answered else ""
    t.add_row(
        "quiz",
        f"{report.quiz_answered}/{report.quiz_total}",
        f"{report.quiz_correct} right{pct}"
        + (f"; to review: {', '.join(report.quiz_to_review)}" if report.quiz_to_review else ""),
    )
    avg = report.average_best_score
    t.add_row(
        "practice",
        f"{report.practice_passed}/{report.practice_total} passed",
        f"{report.practice_attempted} tried, {report.practice_attempts} attempts"
        + (f", average best score {avg:.0f}" if avg is not None else ""),
    )
    parts.append(t)
    if report.practice_attempts:
        s = Table(show_header=True, box=None, pad_edge=False)
        s.add_column("strategy")
        s.add_column("scenarios", justify="right")
        s.add_column("tried", justify="right")
        s.add_column("passed", justify="right")
        for row in report.by_strategy:
            s.add_row(plain(row.strategy), str(row.scenarios), str(row.attempted), str(row.passed))
        parts.append(s)
        if report.pitfall_counts:
            parts.append(
                Text(
                    "Pitfalls in your attempts: "
                    + ", ".join(f"{plain(k)} x{v}" for k, v in report.pitfall_counts.items())
                )
            )
    if report.resume_at:
        parts.append(Text(f"Resume at: {report.resume_at}"))
    parts.append(
        Text(
            "Finished: every lesson, question and scenario done."
            if report.finished
            else f"Next open step: {report.next_step}"
        )
    )
    return Group(*parts)


def render_check(result: ContentCheck) -> RenderableType:
    """The content check's fractions and failing items."""
    from rich.console import Group
    from rich.text import Text

    from empathic.course import plain

    parts: list[RenderableType] = [
        Text.from_markup(
            f"model answers scoring >= {result.min_score} with no pitfall: "
            f"[bold]{result.score_fraction:.1%}[/] ({len(result.answers) - len(result.failing_answers)}"
            f"/{len(result.answers)})"
        ),
        Text.from_markup(
            f"scenarios whose listed strategies are found in every model answer: "
            f"[bold]{result.strategy_fraction:.1%}[/] ({len(result.scenario_ids) - len(result.failing_scenarios)}"
            f"/{len(result.scenario_ids)})"
        ),
    ]
    if result.labelled:
        agree = len(result.labelled) - len(result.labelled_disagreements)
        parts.append(
            Text(f"labelled lesson examples and quiz replies matching the analyzer: {agree}/{len(result.labelled)}")
        )
    if result.failing_answers:
        parts.append(Text("\nmodel answers below the bar:", style="bold"))
        for a in result.failing_answers:
            pit = f", pitfalls {', '.join(a.pitfalls)}" if a.pitfalls else ""
            parts.append(Text(f"  {a.scenario_id} #{a.index + 1}: score {a.score}{pit}"))
    if result.failing_scenarios:
        parts.append(Text("\nscenarios with a listed strategy not found:", style="bold"))
        for sid, answers in result.failing_scenarios.items():
            for a in answers:
                parts.append(
                    Text(
                        f"  {sid} #{a.index + 1}: missing {', '.join(plain(m) for m in a.missing)}"
                        f" (found {_labels(a.found)})"
                    )
                )
    return Group(*parts)


# --- the command ------------------------------------------------------------------------------------------


@app.command()
def learn(
    learner: str | None = typer.Option(
        None,
        "--learner",
        "-l",
        envvar="EMPATHIC_LEARNER",
        help="Whose progress to use (default: your login name).",
    ),
    report: bool = typer.Option(False, "--report", help="Print the learner's progress summary and exit."),
    check: bool = typer.Option(
        False, "--check", help="Check the course content against the analyzer and print the fractions."
    ),
    as_json: bool = typer.Option(False, "--json", help="With --report or --check: print JSON."),
    min_score: int = typer.Option(85, "--min-score", min=0, max=100, help="With --check: the score bar."),
) -> None:
    """Take the empathy course in the terminal: lessons, a quiz, and practice graded on the spot.

    Progress is saved in EMPATHIC_HOME (default ~/.local/share/empathic); the next start resumes where you left off.
    """
    from empathic.course import ProgressStore, build_report, check_content, load_course

    if report and check:
        fail(InputError("use --report or --check, not both"))
    if as_json and not (report or check):
        fail(InputError("--json goes with --report or --check"))
    course = load_course()
    if check:
        result = check_content(course, min_score=min_score)
        if as_json:
            write_line(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            out.print(render_check(result))
        return
    name = learner if learner is not None else _default_learner()
    with ProgressStore.open() as store:
        if report:
            summary = build_report(course, store, name.strip())
            if as_json:
                write_line(json.dumps(summary.to_dict(), ensure_ascii=False))
            else:
                out.print(render_report(summary))
            return
        session = CourseSession(out, course, store, name)
        try:
            session.run()
        except KeyboardInterrupt:
            out.print("\nProgress saved.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
