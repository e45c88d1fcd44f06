"""The terminal views of the course: highlighted spans, missing strategies, the suggestion."""

from __future__ import annotations

import re

from rich.console import Console

from empathic.cli.learn import render_check, render_feedback, render_page, render_quiz_item, render_report
from empathic.course import build_report, check_content, grade_practice, load_course
from empathic.types import Tip

REFLECT = "It's worrying to be charged twice when money is tight."
REPLY = REFLECT + " I've refunded it."


def _console() -> Console:
    return Console(record=True, width=200, color_system="truecolor", force_terminal=True)


def test_feedback_highlights_found_spans_and_names_what_is_missing(scenario, analysis_factory) -> None:
    tip = Tip("gap", "Tell them this happens to lots of people.", target="normalizing")
    result = grade_practice(
        scenario,
        REPLY,
        analyze=lambda c, r: analysis_factory(c, r, found={"reflecting_emotion": REFLECT}, score=80, tips=[tip]),
    )
    console = _console()
    console.print(render_feedback(result))
    styled = console.export_text(styles=True, clear=False)
    text = console.export_text(styles=False)
    assert "Score 80/100" in text and "not yet" in text
    assert "missing normalizing" in text
    assert "Try this: Tell them this happens to lots of people." in text
    # The span is styled in the reply itself (not only quoted below it).
    assert re.search(r"\x1b\[[0-9;]+m" + re.escape(REFLECT), styled)
    assert not re.search(r"\x1b\[[0-9;]+m" + re.escape("I've refunded it."), styled)


def test_feedback_of_a_passing_reply(scenario, analysis_factory) -> None:
    reply = REPLY + " This catches lots of people out."
    result = grade_practice(
        scenario,
        reply,
        analyze=lambda c, r: analysis_factory(
            c, r, found={"reflecting_emotion": REFLECT, "normalizing": "This catches lots of people out."}, score=93
        ),
    )
    console = _console()
    console.print(render_feedback(result))
    text = console.export_text()
    assert "passed" in text and "missing" not in text
    assert "found  reflecting emotion" in text and "found  normalizing" in text


def test_lesson_page_and_quiz_item_views() -> None:
    course = load_course()
    console = _console()
    lesson = course.lessons[1]
    last = len(lesson.pages) - 1
    console.print(render_page(lesson, last))
    item = course.quiz[0]
    console.print(render_quiz_item(item, 1, len(course.quiz)))
    text = console.export_text()
    assert lesson.pages[last].heading in text and "weak example" in text and "good example" in text
    assert "a) relating experience" in text and "d) none of them" in text


def test_report_and_check_views(store, analysis_factory) -> None:
    course = load_course()
    store.record_answer("ana", course.quiz[0].id, course.quiz[0].answer, True)
    console = _console()
    console.print(render_report(build_report(course, store, "ana")))
    console.print(render_report(build_report(course, store, "nobody")))
    result = check_content(course, analyze=lambda c, r: analysis_factory(c, r, score=50))
    console.print(render_check(result))
    text = console.export_text()
    assert "Progress of ana" in text and f"1/{len(course.quiz)}" in text
    assert "No progress yet for nobody" in text
    assert "model answers scoring >= 85 with no pitfall: 0.0%" in text
    assert "scenarios with a listed strategy not found" in text
