"""Reading Enhetsregisteret's bulk files as a stream, one entity at a time.

The register publishes a gzipped JSON array of entities and a gzipped CSV file with dotted
column names (``forretningsadresse.kommunenummer``); both are also read uncompressed, and main
units (enheter) and sub-units (underenheter) alike. The format is told by the first bytes,
not the file name. Memory stays flat: the JSON reader decodes one object at a time from a
small buffer, the CSV reader one row at a time. Field by field, the register's formats are
described in docs/register.md.
"""

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from typing import Any

CHUNK_CHARS = 1 << 16
# No entity comes near this; a longer unparseable stretch means the file is damaged.
MAX_ENTITY_CHARS = 1 << 20
WHITESPACE = re.compile(r"[ \t\n\r]*")
GZIP_MAGIC = b"\x1f\x8b"
REQUIRED_COLUMNS = ("organisasjonsnummer", "navn")


class RegisterFileError(Exception):
    """The file cannot be read on (damaged, truncated, or not a register file)."""


class Source:
    """A register file opened for reading: its format, and how far the reading has come."""

    def __init__(self, path: str):
        self.path = path
        try:
            self.raw = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise RegisterFileError(f"cannot read {path}: {exc.strerror}") from None
        self.compressed = self.raw.read(2) == GZIP_MAGIC
        self.raw.seek(0)
        binary = gzip.GzipFile(fileobj=self.raw, mode="rb") if self.compressed else self.raw
        self.text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        self.head = self._read(CHUNK_CHARS)
        first = self.head.lstrip()[:1]
        if not first:
            raise RegisterFileError("the file is empty")
        if first == "{":
            raise RegisterFileError(
                "the file holds one JSON object; the register's bulk file is a JSON array"
            )
        self.format = "json" if first == "[" else "csv"

    @property
    def size(self) -> int:
        """The file's size in bytes (compressed, for a gzip file)."""
        here = self.raw.tell()
        size = self.raw.seek(0, io.SEEK_END)
        self.raw.seek(here)
        return size

    def position(self) -> int:
        """Bytes of the file read so far (compressed bytes for a gzip file)."""
        return self.raw.tell()

    def _read(self, n: int) -> str:
        try:
            return self.text.read(n)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise RegisterFileError(f"the gzip data is damaged or cut short ({exc})") from None
        except UnicodeDecodeError as exc:
            raise RegisterFileError(f"the file is not UTF-8 text ({exc.reason})") from None

    def chunks(self) -> Iterator[str]:
        """The text, starting with what the format check already read."""
        chunk = self.head
        while chunk:
            yield chunk
            chunk = self._read(CHUNK_CHARS)

    def entities(self) -> Iterator[tuple[int, Any]]:
        """(where, entity) for each entity: a dict and its number in the array (JSON), or a
        list of cells and the line it starts on (CSV)."""
        return iter_json_array(self.chunks()) if self.format == "json" else self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, Any]]:
        reader = CsvReader(self)
        self.columns = reader.columns
        return iter(reader)

    def close(self) -> None:
        self.raw.close()


def _lines(chunks: Iterator[str]) -> Iterator[str]:
    """Lines ending in "\n" (a quoted cell may go on over several; csv joins them again)."""
    rest = ""
    for chunk in chunks:
        parts = (rest + chunk).split("\n")
        rest = parts.pop()
        for part in parts:
            yield part + "\n"
    if rest:
        yield rest


class CsvReader:
    """Rows of a register CSV file; ``columns`` maps lower-cased column names to positions."""

    def __init__(self, source: Source):
        self.reader = csv.reader(_lines(source.chunks()), strict=True)
        try:
            header = next(self.reader)
        except (StopIteration, csv.Error) as exc:
            raise RegisterFileError(f"line 1: no header row ({exc})") from None
        self.width = len(header)
        self.columns = {name.strip().lower(): i for i, name in enumerate(header)}
        missing = [c for c in REQUIRED_COLUMNS if c not in self.columns]
        if missing:
            raise RegisterFileError(
                f"line 1: the header has no column {', '.join(missing)}; "
                "is this a bulk file from Enhetsregisteret?"
            )

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = self.reader
        while True:
            # A quoted cell may hold line breaks: a row is named by the line it starts on.
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise RegisterFileError(f"line {reader.line_num}: {exc}") from None
            if len(row) != self.width:
                if not any(row):
                    continue
                raise RegisterFileError(
                    f"line {start} has {len(row)} cells where the header has "
                    f"{self.width}; the file is damaged or cut short"
                )
            yield start, row


def iter_json_array(chunks: Iterator[str]) -> Iterator[tuple[int, Any]]:
    """The values of a JSON array, decoded one by one from text arriving in chunks.

    Yields (number, value), counting from 1. A value split between chunks is decoded again
    once more text has arrived; values are small, so that costs little, and only the current
    value is held.
    """
    reader = _JsonArray(chunks)
    yield from reader


class _JsonArray:
    def __init__(self, chunks: Iterator[str]):
        self.chunks = chunks
        self.buf = ""
        self.pos = 0
        self.eof = False
        # Line and character offset of the start of ``buf`` in the whole text.
        self.base_line = 1
        self.base_offset = 0
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        chunk = next(self.chunks, "")
        if not chunk:
            self.eof = True
            return False
        self.base_line += self.buf.count("\n", 0, self.pos)
        self.base_offset += self.pos
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def _where(self, pos: int) -> str:
        line = self.base_line + self.buf.count("\n", 0, pos)
        return f"line {line}, character {self.base_offset + pos + 1}"

    def _next_char(self) -> str:
        """The next character after whitespace, without consuming it ("" at the end)."""
        while True:
            self.pos = WHITESPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if self._next_char() != "[":
            raise RegisterFileError(f"{self._where(self.pos)}: expected a JSON array")
        self.pos += 1
        count = 0
        if self._next_char() == "]":
            return
        while True:
            # Entities are numbered (a bulk JSON file may be one long line).
            yield count + 1, self._value(count)
            count += 1
            char = self._next_char()
            if char == ",":
                self.pos += 1
                if not self._next_char():
                    raise self._cut_short(count)
            elif char == "]":
                self.pos += 1
                self._expect_end()
                return
            elif not char:
                raise self._cut_short(count)
            else:
                raise RegisterFileError(
                    f"{self._where(self.pos)}: expected , or ] after entity {count}, found {char!r}"
                )

    def _value(self, count: int) -> Any:
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                too_long = len(self.buf) - self.pos > MAX_ENTITY_CHARS
                if not too_long and self._fill():
                    continue
                if self.eof and not too_long and _ends_early(exc, self.buf):
                    raise self._cut_short(count) from None
                raise RegisterFileError(
                    f"{self._where(exc.pos)}: entity {count + 1} is not valid JSON ({exc.msg})"
                ) from None
            self.pos = end
            return value

    def _cut_short(self, count: int) -> RegisterFileError:
        return RegisterFileError(
            f"{self._where(len(self.buf))}: the file ends inside the array after "
            f"{count} entities; it was cut short"
        )

    def _expect_end(self) -> None:
        char = self._next_char()
        if char:
            raise RegisterFileError(f"{self._where(self.pos)}: text after the end of the array")


def _ends_early(exc: json.JSONDecodeError, buf: str) -> bool:
    """Whether decoding failed because the text stopped (not because it is wrong)."""
    return exc.msg.startswith("Unterminated") or exc.pos >= len(buf.rstrip()) - 1
