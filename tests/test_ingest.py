"""Readers: every format, and bad input that becomes a named error while the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from newsprism.model import InputError, RawDocument
from newsprism.readers.documents import Limits
from newsprism.readers.files import read_inputs

BODY = "The ferry council met on Tuesday and agreed on a new timetable for the winter months."


def _read(*items: str | Path, limits: Limits | None = None, stdin: bytes = b"") -> list:
    return list(read_inputs(items, limits or Limits(), stdin=io.BytesIO(stdin)))


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY)
    (tmp_path / "1.md").write_text("# Title\n\n" + BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    records = _read(tmp_path)
    assert [Path(r.source).name for r in records] == ["1.md", "2.txt"]
    assert [r.format for r in records] == ["markdown", "text"]


def test_html_is_recognised_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(f"<html><body><p>{BODY}</p></body></html>")
    (tmp_path / "page.dat").write_text(f"<!DOCTYPE html><html><body><p>{BODY}</p></body></html>")
    assert [r.format for r in _read(tmp_path)] == ["html", "html"]


def test_jsonl_lines_carry_metadata_and_bad_lines_name_their_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": BODY, "url": "https://x.example/a", "outlet": "X", "language": "en"})
        + "\n\n{not json\n"
        + json.dumps({"html": f"<p>{BODY}</p>"})
        + "\n"
        + json.dumps({"title": "no body"})
        + "\n"
        + json.dumps({"text": BODY, "title": 42})
        + "\n"
    )
    records = _read(feed)
    assert isinstance(records[0], RawDocument) and records[0].meta["outlet"] == "X"
    assert records[0].line == 1
    assert (records[1].code, records[1].line) == ("E105", 3)
    assert str(feed) in records[1].message and ":3:" in records[1].message
    assert records[2].format == "html" and records[2].line == 4
    assert (records[3].code, records[3].line) == ("E106", 5)
    assert (records[4].code, records[4].line) == ("E111", 6)


def test_gzipped_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for _ in range(3):
            handle.write(json.dumps({"text": BODY}) + "\n")
    assert len([r for r in _read(path) if isinstance(r, RawDocument)]) == 3


def test_bad_files_become_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "c_big.txt").write_text(BODY * 100)
    (tmp_path / "d_good.txt").write_text(BODY)
    records = _read(tmp_path, tmp_path / "missing.txt", limits=Limits(max_file_bytes=4000))
    codes = [r.code if isinstance(r, InputError) else "ok" for r in records]
    assert codes == ["E101", "E102", "E103", "ok", "E100"]


def test_oversized_jsonl_line_is_skipped_without_stopping_the_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": BODY}) + "\n")
    records = _read(feed, limits=Limits(max_jsonl_line_bytes=1000))
    assert isinstance(records[0], InputError) and records[0].code == "E103"
    assert isinstance(records[1], RawDocument) and records[1].line == 2


def test_stdin_text_and_stdin_jsonl(tmp_path: Path) -> None:
    (text,) = _read("-", stdin=BODY.encode())
    assert text.source == "<stdin>" and text.format == "text"
    lines = _read("-", stdin=(json.dumps({"text": BODY}) + "\n").encode() * 2)
    assert [r.line for r in lines] == [1, 2]


def test_literal_text_items_are_articles() -> None:
    (record,) = _read("Headline\n\n" + BODY)
    assert record.source == "<text 1>"


def test_warc_responses_become_documents_and_truncation_is_an_error(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in range(2):
            payload = f"<html><body><p>{BODY} {number}</p></body></html>".encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{number}",
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
            )
            writer.write_record(record)
    records = _read(path)
    assert [r.meta["url"] for r in records] == ["https://news.example/0", "https://news.example/1"]
    truncated = tmp_path / "cut.warc.gz"
    data = path.read_bytes()
    truncated.write_bytes(data[: int(len(data) * 0.75)])
    cut = _read(truncated)
    assert isinstance(cut[0], RawDocument)
    assert isinstance(cut[-1], InputError) and cut[-1].code in ("E108", "E109")
