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


class ConfigError(EmpathicError):
    """A configuration value, component name or option is wrong."""

    exit_code = 3
    code = "bad_config"


class UnknownComponentError(ConfigError):
    """A pipeline asked for a component that is not registered."""

    code = "unknown_component"


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
