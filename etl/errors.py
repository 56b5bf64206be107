"""The exception hierarchy. Each error knows the document and the stage it
failed in, so that one bad document becomes one `rejects` row, and the CLI can
print one clear line.

May import: the standard library only.
"""

from __future__ import annotations


class AitrackError(Exception):
    """Base for every error the CLI turns into one line and a non-zero exit."""

    def __init__(self, message: str, *, origin: str | None = None, stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.origin = origin
        self.stage = stage

    def __str__(self) -> str:
        where = " ".join(x for x in (self.stage, self.origin) if x)
        return f"{where}: {self.message}" if where else self.message


class IngestError(AitrackError):
    """A file or record that cannot be read as an announcement."""

    def __init__(self, message: str, *, origin: str | None = None):
        super().__init__(message, origin=origin, stage="ingest")


class ExtractError(AitrackError):
    """An extractor failed on a document (a bug: the document is rejected, the build goes on)."""

    def __init__(self, message: str, *, origin: str | None = None):
        super().__init__(message, origin=origin, stage="extract")


class BuildError(AitrackError):
    """The build as a whole cannot finish; the previous database stays in place."""

    def __init__(self, message: str):
        super().__init__(message, stage="build")


class UsageError(AitrackError):
    """The command line asks for something that cannot be done."""
