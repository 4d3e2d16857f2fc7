"""Errors of eventledger.

One base class; each stage raises its own subclass with a message that says what was wrong and
what to do. Third-party errors are translated at the adapter (``raise ... from exc``)::

    EventledgerError
    ├── SettingsError        a setting or command-line value is invalid
    │   └── CorrectionError      a hand correction of an event is invalid
    ├── StoreError           the database cannot be opened, migrated or written
    ├── IngestError          one input could not be read (recorded as a failure; the batch goes on)
    │   ├── EmptyInputError      nothing usable in it
    │   ├── BinaryInputError     not text
    │   ├── TooLargeError        over the size limit
    │   ├── DecodeError          no encoding reads it
    │   └── FetchError           a URL could not be fetched (unreachable, slow, refused scheme)
    ├── KnowledgeBaseError   the knowledge base's data files are missing or malformed
    ├── ExtractError         extraction failed on one article
    ├── GoldError            a gold file is malformed
    └── NotFoundError        an id that is not in the store
"""


class EventledgerError(Exception):
    """Base class of every error eventledger raises on purpose."""


class SettingsError(EventledgerError):
    pass


class CorrectionError(SettingsError):
    """A correction names a field that cannot be set, a value of the wrong form, or no such event."""


class StoreError(EventledgerError):
    pass


class IngestError(EventledgerError):
    pass


class EmptyInputError(IngestError):
    pass


class BinaryInputError(IngestError):
    pass


class TooLargeError(IngestError):
    pass


class DecodeError(IngestError):
    pass


class FetchError(IngestError):
    pass


class KnowledgeBaseError(EventledgerError):
    """The knowledge base cannot be loaded: a data file is missing, not YAML, or malformed."""


class ExtractError(EventledgerError):
    pass


class GoldError(EventledgerError):
    pass


class NotFoundError(EventledgerError):
    pass
