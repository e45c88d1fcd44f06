"""`empathic learn` end to end: a real terminal session under pexpect, and the --report / --check modes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from empathic.course import load_course


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    # A plain terminal: no colours or cursor tricks, so the transcript can be matched as text.
    env.update({"EMPATHIC_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120"})
    env.pop("EMPATHIC_LEARNER", None)
    return env


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "empathic", "learn", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(home),
        stdin=subprocess.DEVNULL,
    )


def _terminal_signals() -> None:
    # A shell without job control starts background commands with SIGINT ignored, and Python then never turns ^C
    # into KeyboardInterrupt: a suite started with "&" spawned a learner that ^C could not stop. A terminal session
    # starts with the default disposition, so the child gets that whatever ran the tests.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(home: Path, learner: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "empathic", "learn", "--learner", learner],
        env=_env(home),
        encoding="utf-8",
        timeout=60,
        dimensions=(60, 120),
        preexec_fn=_terminal_signals,
    )


@pytest.mark.slow
def test_session_saves_progress_and_resumes(tmp_path: Path) -> None:
    course = load_course()
    lesson = course.lessons[0]
    item = course.quiz[0]
    scenario = course.scenarios[0]
    letter = "abcdefghij"[item.choices.index(item.answer)]

    child = spawn(tmp_path, "tester")
    try:
        child.expect_exact("Welcome, tester")
        child.expect_exact("Choose")
        # Finish the first lesson, page by page.
        child.sendline("1")
        child.expect_exact("Pick a lesson")
        child.sendline("")
        for page in range(1, len(lesson.pages) + 1):
            child.expect_exact(f"(page {page}/{len(lesson.pages)}): ")
            child.sendline("")
        child.expect_exact(f"Lesson complete: {lesson.title}")
        child.expect_exact("Next lesson")
        child.sendline("q")
        # Answer one quiz item, rightly.
        child.expect_exact("Choose")
        child.sendline("2")
        child.expect_exact("Your answer")
        child.sendline(letter)
        child.expect_exact("Correct.")
        child.expect_exact("next question")
        child.sendline("q")
        # Submit one practice reply (a model answer) and read the feedback.
        child.expect_exact("Choose")
        child.sendline("3")
        child.expect_exact("start with")
        child.sendline("")
        child.expect_exact("Write your reply")
        child.expect_exact("> ")
        child.sendline(scenario.model_answers[0])
        child.sendline("")
        child.expect(r"Score (\d+)/100")
        score = int(child.match.group(1))
        child.expect_exact("retry")
        child.sendline("q")
        child.expect_exact("Choose")
        child.sendline("q")
        child.expect_exact("Progress saved")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert 0 <= score <= 100

    # Restart: the model answer passed scenario 1, so the course offers to continue at the first
    # scenario not yet passed, not at the one we left.
    following = course.scenarios[1]
    child = spawn(tmp_path, "tester")
    try:
        child.expect_exact("Welcome back, tester. You left off at practice scenario 2 of")
        child.expect_exact("Continue there?")
        child.sendline("")
        child.expect_exact(following.title)
        child.expect_exact("Write your reply")
        child.sendline("q")
        child.expect_exact("Lessons   (1/")
        child.expect_exact("Choose")
        child.sendline("quit")
        child.expect_exact("Progress saved")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0

    r = run(tmp_path, "--learner", "tester", "--report", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["lessons"]["done"] == [lesson.id]
    assert (report["quiz"]["answered"], report["quiz"]["correct"]) == (1, 1)
    assert report["practice"]["attempts"] == 1
    assert report["practice"]["best_scores"] == {scenario.id: score}
    assert report["resume_at"].startswith("practice scenario 2 of")

    r = run(tmp_path, "--learner", "tester", "--report")
    assert r.returncode == 0 and "Progress of tester" in r.stdout


def test_end_of_input_leaves_cleanly(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "empathic", "learn", "--learner", "eve"],
        input="1\n\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(tmp_path),
    )
    assert r.returncode == 0, r.stderr
    assert "Progress saved" in r.stdout
    # The page the learner reached is remembered.
    report = json.loads(run(tmp_path, "--learner", "eve", "--report", "--json").stdout)
    assert report["resume_at"].startswith("lesson 1 of")


def test_report_for_a_new_learner_and_bad_flags(tmp_path: Path) -> None:
    r = run(tmp_path, "--learner", "nobody", "--report", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["known"] is False and data["quiz"]["total"] == len(load_course().quiz)
    assert run(tmp_path, "--report", "--check").returncode == 2
    assert run(tmp_path, "--json").returncode == 2
    r = run(tmp_path, "--learner", "   ", "--report")
    assert r.returncode == 0  # an empty name has no progress; nothing is created
    r = subprocess.run(
        [sys.executable, "-m", "empathic", "learn", "--learner", "  "],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(tmp_path),
    )
    assert r.returncode == 2 and "learner name is empty" in r.stderr


def test_check_prints_both_fractions(tmp_path: Path) -> None:
    r = run(tmp_path, "--check", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["model_answers"] == sum(len(s.model_answers) for s in load_course().scenarios)
    assert 0.0 <= data["score_fraction"] <= 1.0 and 0.0 <= data["strategy_fraction"] <= 1.0
    r = run(tmp_path, "--check")
    assert r.returncode == 0 and "model answers scoring >= 85" in r.stdout


def test_ctrl_c_saves_and_exits(tmp_path: Path) -> None:
    child = spawn(tmp_path, "ivy")
    try:
        child.expect_exact("Choose")
        child.sendline("1")
        child.expect_exact("Pick a lesson")
        child.sendline("2")
        child.expect_exact("(page 1/")
        child.sendintr()
        child.expect_exact("Progress saved")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    report = json.loads(run(tmp_path, "--learner", "ivy", "--report", "--json").stdout)
    assert report["resume_at"].startswith("lesson 2 of")
