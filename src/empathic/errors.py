"""Every error empathic raises on purpose, in one place.

Each class carries the CLI exit code it maps to, so the command line and the web layer
turn a user's mistake into one clear line (or a JSON error) instead of a traceback.
"""

from __future__ import annotations


class EmpathicError(Exception):
    """Base class: something the user can act on. ``exit_code`` is what the CLI exits with."""

    exit_code = 1
    code = "error"


class InputError(EmpathicError, ValueError):
    """The input text or record is not usable (empty, too long, not UTF-8, not JSON, missing a field)."""

    exit_code = 2
    code = "bad_input"


class EmptyTextError(InputError):
    """A text that must have words is empty or only whitespace."""

    code = "empty_text"


class TextTooLongError(InputError):
    """A text is longer than the configured limit."""

    code = "text_too_long"


class WorkBudgetError(TextTooLongError):
    """A text is longer than the work budget of one analysis, whatever limit was configured.

    Analysis time grows linearly with the text; the budget keeps one request's time bounded.
    """

    code = "over_work_budget"


class EncodingError(InputError):
    """Bytes that are not valid UTF-8 text."""

    code = "bad_encoding"


class RecordError(InputError):
    """One record of a file is malformed; ``line`` is its 1-based line number when known."""

    code = "bad_record"

    def __init__(self, message: str, *, line: int | None = None, source: str | None = None) -> None:
        self.line = line
        self.source = source
        where = ""
        if source:
            where += f"{source}:"
        if line is not None:
            where += f"{line}: " if source else f"line {line}: "
        elif source:
            where += " "
        super().__init__(f"{where}{message}")
        self.reason = message


class NotFoundError(InputError):
    """A stored item (an agent's story) does not exist, or belongs to someone else: the two look the same."""

    code = "not_found"


class ReviewError(InputError):
    """A calibration review is not valid (unknown item or verdict, a label outside the taxonomy, a bad span)."""

    code = "bad_review"


class ReviewNotFoundError(ReviewError, NotFoundError):
    """No review has that id, or the stored turn a review answers is not in the store."""

    code = "not_found"


class NotYourReviewError(ReviewError):
    """A reviewer tried to change or delete a review somebody else wrote."""

    code = "not_your_review"


class ConfigError(EmpathicError):
    """A configuration value, component name or option is wrong."""

    exit_code = 3
    code = "bad_config"


class UnknownComponentError(ConfigError):
    """A pipeline asked for a component that is not registered."""

    code = "unknown_component"


class UnknownLanguageError(ConfigError):
    """A Coach asked for a language that has no folder of its own (``resources/registry/<lang>/``)."""

    code = "unknown_language"


class MissingExtraError(ConfigError, ImportError):
    """A feature needs an optional part of empathic (an extra) that is not installed.

    Also an ImportError, so code that guards an optional import with ``except ImportError`` still works.
    """

    code = "missing_extra"

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature, self.extra, self.module = feature, extra, module
        super().__init__(f"{feature} needs the '{extra}' extra ({module} is not installed): "
                         f"pip install 'empathic[{extra}]'")


class ResourceError(EmpathicError):
    """A packaged data file (lexicon, patterns, weights) is missing or damaged."""

    exit_code = 4
    code = "bad_resource"


class SchemaError(EmpathicError, ValueError):
    """A serialized analysis does not match the schema version this package reads."""

    exit_code = 2
    code = "bad_schema"


class DatasetError(InputError):
    """An evaluation data set is missing, of an unknown kind, or not in the expected format."""

    code = "bad_dataset"


class TimestampError(RecordError):
    """A timestamp that is not a time this package can hold (not ISO 8601, NaN, before year 1 or after 9999)."""

    code = "bad_timestamp"


class EnvironmentFailure(EmpathicError):
    """The machine, not the input: the disk is full, the store is damaged, a worker process died.

    Nothing is wrong with the records; what was stored before the failure stays stored, so once the
    cause is mended the same command resumes where it stopped.
    """

    exit_code = 4
    code = "environment"


class DiskFullError(EnvironmentFailure):
    """A write failed because the disk (or the user's quota) is full."""

    code = "disk_full"


class StoreDamagedError(EnvironmentFailure):
    """The results store's file is damaged (not a database, or pages are corrupt)."""

    code = "store_damaged"


class WorkerLostError(EnvironmentFailure):
    """A worker process died while scoring (killed by the system, usually for lack of memory)."""

    code = "worker_lost"


def environment_failure(exc: BaseException, *, where: str = "") -> EnvironmentFailure | None:
    """The typed :class:`EnvironmentFailure` an exception from the machine stands for, or None.

    Recognises a full disk (OSError ENOSPC/EDQUOT, SQLite's "database or disk is full", PostgreSQL's
    DiskFull), a damaged SQLite file ("database disk image is malformed", "file is not a database")
    and a lost worker process (a broken process pool, a Dask KilledWorker). ``where`` names the file
    or store involved, for the message. Everything else (a bug, a bad record) gives None.
    """
    import errno

    # "the disk cannot take more": no space, and over the user's quota.
    disk_full = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
    place = f" {where}" if where else ""
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, EnvironmentFailure):
        return exc
    if isinstance(exc, OSError) and exc.errno in disk_full:
        return DiskFullError(f"the disk is full: cannot write{place or ' ' + str(exc.filename or 'a file')}; "
                             "free some space, then run the same command again (what was stored is kept)")
    lowered = text.lower()
    if "database or disk is full" in lowered or name == "DiskFull":
        return DiskFullError(f"the disk is full: the store{place} cannot grow; free some space, then run the "
                             "same command again (what was stored is kept)")
    if "database disk image is malformed" in lowered or "file is not a database" in lowered:
        return StoreDamagedError(
            f"the store{place} is damaged ({text}); restore it from a backup, or recover what is readable with "
            "`sqlite3 OLD .recover | sqlite3 NEW`, or move it aside and score again into a new store"
        )
    if name in ("BrokenProcessPool", "KilledWorker"):
        return WorkerLostError(
            "a worker process died while scoring (killed by the system, most often for lack of memory); what "
            "was scored before is stored: run the same command again to resume, with fewer --workers or a "
            "smaller --batch-size if it happens again"
        )
    return None
