"""dramaturg: a developmental editor, first AD and subtitle QC desk for romance drafts."""

__version__ = "0.1.0"
