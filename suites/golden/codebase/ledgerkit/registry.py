"""An in-memory store of records keyed by their id, one per record kind.

The service keeps one ``Registry`` per kind (accounts, invoices, entries); tests use it as a
stand-in for the database repository, so it raises the same ``NotFound`` / ``Conflict`` errors.
"""

from typing import Callable, Generic, Iterator, TypeVar

from ledgerkit.errors import Conflict, NotFound
from ledgerkit.ids import make_id, parse_id

RecordT = TypeVar("RecordT")


class Registry(Generic[RecordT]):
    """Records of one ``kind``, keyed by the id returned by ``id_of(record)``."""

    def __init__(self, kind: str, id_of: Callable[[RecordT], str]) -> None:
        self.kind = kind
        self._id_of = id_of
        self._records: dict[str, RecordT] = {}

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[RecordT]:
        """Records in id order, which is creation order."""
        return iter([self._records[key] for key in sorted(self._records)])

    def next_id(self) -> str:
        """The id the next record of this kind gets."""
        return make_id(self.kind, len(self._records) + 1)

    def add(self, record: RecordT) -> RecordT:
        """Store a new record; its id must be well-formed for this kind and not taken yet."""
        record_id = self._id_of(record)
        parse_id(record_id, self.kind)
        if record_id in self._records:
            raise Conflict(self.kind, record_id)
        self._records[record_id] = record
        return record

    def get(self, record_id: str) -> RecordT:
        """The record with ``record_id``; raise ``NotFound`` when there is none."""
        record = self._records.get(record_id)
        if record is None:
            raise NotFound(self.kind, record_id)
        return record

    def find(self, record_id: str) -> RecordT | None:
        """The record with ``record_id``, or ``None``."""
        return self._records.get(record_id)

    def select(self, predicate: Callable[[RecordT], bool]) -> list[RecordT]:
        """Records matching ``predicate``, in id order."""
        return [record for record in self if predicate(record)]
