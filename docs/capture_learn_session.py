"""Record a real `empathic learn` terminal session into docs/learn-session.txt.

    .venv/bin/python docs/capture_learn_session.py

Drives the course with pexpect in a fresh data folder, the way a learner would: one lesson page,
one quiz item, one practice scenario answered with a weak draft, then retried with a better reply,
quit, restart and resume, then `--report`. The transcript is the program's own output, plain
(NO_COLOR, TERM=dumb) so it reads as text.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import pexpect

from empathic.course import load_course

OUT = Path(__file__).resolve().parent / "learn-session.txt"
WEAK = "Sorry for the inconvenience. An engineer is booked for tomorrow morning."
BETTER = (
    "Three days without internet when you work from home, and the same vague answer on every call, is "
    "genuinely infuriating. I've escalated the fault to our field team and an engineer is booked for tomorrow "
    "between 8am and 12pm."
)


def _spawn(home: str, log: list[str], *args: str) -> pexpect.spawn:
    env = {**os.environ, "EMPATHIC_HOME": home, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
    env.pop("EMPATHIC_LEARNER", None)
    child = pexpect.spawn(sys.executable, ["-m", "empathic", "learn", "--learner", "sam", *args], env=env,
                          encoding="utf-8", timeout=60, dimensions=(60, 100))

    class _Sink:
        def write(self, s: str) -> None:
            log.append(s)

        def flush(self) -> None:
            pass

    child.logfile_read = _Sink()
    return child


def main() -> None:
    """Run the scripted session and write the transcript."""
    course = load_course()
    item = course.quiz[0]
    letter = "abcdefghij"[item.choices.index(item.answer)]
    log: list[str] = []
    with tempfile.TemporaryDirectory() as home:
        log.append("$ empathic learn --learner sam\n")
        c = _spawn(home, log)
        c.expect_exact("Choose")
        c.sendline("1")
        c.expect_exact("Pick a lesson")
        c.sendline("")
        c.expect_exact("(page 1/")
        c.sendline("q")
        c.expect_exact("Choose")
        c.sendline("2")
        c.expect_exact("Your answer")
        c.sendline(letter)
        c.expect_exact("next question")
        c.sendline("q")
        c.expect_exact("Choose")
        c.sendline("3")
        c.expect_exact("start with")
        c.sendline("")
        c.expect_exact("> ")
        c.sendline(WEAK)
        c.sendline("")
        c.expect_exact("retry")
        c.sendline("r")
        c.expect_exact("> ")
        c.sendline(BETTER)
        c.sendline("")
        c.expect_exact("retry")
        c.sendline("q")
        c.expect_exact("Choose")
        c.sendline("q")
        c.expect(pexpect.EOF)
        log.append("\n$ empathic learn --learner sam      # again: it resumes\n")
        c = _spawn(home, log)
        c.expect_exact("Continue there?")
        c.sendline("n")
        c.expect_exact("Choose")
        c.sendline("quit")
        c.expect(pexpect.EOF)
        log.append("\n$ empathic learn --learner sam --report\n")
        c = _spawn(home, log, "--report")
        c.expect(pexpect.EOF)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "".join(log)).replace("\r\n", "\n").replace("\r", "")
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
