"""Any input, however broken, yields articles or named errors, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import newsprism
from newsprism.api import iter_articles
from newsprism.cli import app
from newsprism.model import Article, InputError, RawDocument

TEXTISH = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)
HTMLISH = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "<h2>",
            "</h2>",
            "<script>",
            "<!--",
            "<table><tr><td>",
            "<img src=x onerror=alert(1)>",
            "&amp;",
            "&#0;",
            "<br>",
            "Harbour gates failed.",
            "“Quote,” she said.",
            "\x00",
            "<",
            ">",
            "Read more at X.example",
            "\n\n",
        ]
    ),
    max_size=60,
).map("".join)


def _check(records: list) -> None:
    for record in records:
        assert isinstance(record, Article | InputError)
        if isinstance(record, Article):
            for paragraph in record.paragraphs:
                if paragraph.kind in ("body", "heading"):
                    assert record.text[paragraph.start : paragraph.end] == paragraph.text
        else:
            assert record.code.startswith("E1")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTISH, st.sampled_from(["text", "markdown"]))
def test_any_text_is_read_or_rejected_with_a_code(text: str, fmt: str) -> None:
    _check(list(iter_articles([RawDocument("fuzz", None, text, fmt)])))  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTMLISH)
def test_any_html_is_read_or_rejected_with_a_code(html: str) -> None:
    _check(list(iter_articles([RawDocument("fuzz.html", None, html, "html")])))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_rejected_with_a_code(data: bytes) -> None:
    _check(list(iter_articles([RawDocument("fuzz.bin", None, data, "text")])))


def test_deeply_nested_html_and_huge_attributes_do_not_crash() -> None:
    nested = (
        "<div>" * 5000
        + "<p>Harbour gates failed on Tuesday night, officials said.</p>"
        + "</div>" * 5000
    )
    huge = f'<p title="{"x" * 2_000_000}">Harbour gates failed on Tuesday, the city said.</p>'
    _check(
        list(
            iter_articles(
                [
                    RawDocument("deep.html", None, nested, "html"),
                    RawDocument("huge.html", None, huge, "html"),
                ]
            )
        )
    )


# -- damaged containers and bad places: one coded line naming the input ----------------------
PAGE = (
    "<html><body><p>The harbour gates failed on Tuesday night after a long storm, officials "
    "said, and repairs will take weeks according to the city council.</p></body></html>"
)


def _warc(path: Path, uris: list[str | None], pages: list[str] | None = None) -> Path:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for number, uri in enumerate(uris):
            body = (pages[number] if pages else PAGE).encode("utf-8")
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0"
            )
            record = writer.create_warc_record(
                uri or "http://placeholder.example/",
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
            )
            if uri is None:
                record.rec_headers.remove_header("WARC-Target-URI")
            writer.write_record(record)
    return path


def _run(args: list[str]) -> Result:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def test_a_warc_response_without_a_target_uri_is_a_coded_error_for_analyze_and_ingest(
    tmp_path: Path,
) -> None:
    crawl = _warc(tmp_path / "crawl.warc", ["http://a.example/1", None])
    dossier = newsprism.analyze([crawl])
    assert len(dossier.articles) == 1
    (error,) = dossier.errors
    assert error.code == "E108" and str(crawl) in error.message and "Target-URI" in error.message
    db = str(tmp_path / "n.db")
    result = _run(["ingest", str(crawl), "--db", db, "--executor", "inline", "--json"])
    assert result.exit_code == 1
    (stored_error,) = json.loads(result.stdout)["errors"]
    assert stored_error["code"] == "E108"


def test_a_truncated_plain_warc_is_not_stored_as_an_article(tmp_path: Path) -> None:
    second = PAGE.replace("harbour gates", "ferry terminal")
    whole = _warc(
        tmp_path / "whole.warc", ["http://a.example/1", "http://a.example/2"], [PAGE, second]
    )
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[:-120])
    dossier = newsprism.analyze([cut])
    assert [a.url for a in dossier.articles] == ["http://a.example/1"]
    (error,) = dossier.errors
    assert error.code == "E108" and "record 2" in error.message


def test_a_text_file_named_warc_is_rejected_without_warcio_warnings(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("Just some notes, not a crawl.\nAnother line.\n", encoding="utf-8")
    dossier = newsprism.analyze([fake])
    (error,) = dossier.errors
    assert error.code == "E108" and str(fake) in error.message
    captured = capfd.readouterr()
    assert "WARNING" not in captured.err + captured.out


def test_an_out_that_is_a_file_or_cannot_be_written_is_a_coded_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(PAGE.replace("<", " <"), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker, blocker / "sub"):
        result = _run(["analyze", str(article), "--out", str(out)])
        assert result.exit_code == 2 and "E301" in result.output and str(out) in result.output


def test_an_empty_folder_is_rejected_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _run(["analyze", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "E101" in result.output and "no files" in result.output


def test_a_deeply_nested_page_is_rejected_as_too_deep(tmp_path: Path) -> None:
    depth = 300_000  # about 3 MB of <div>s
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>" + "<div>" * depth + "<p>Harbour gates failed on Tuesday night after "
        "the storm, officials said.</p>" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    (error,) = newsprism.analyze([page]).errors
    assert error.code == "E107" and "too deep" in error.message


def test_a_huge_text_file_under_the_file_limit_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    import resource

    big = tmp_path / "big.txt"
    line = b"The harbour gates failed on Tuesday night, officials said on the radio.\n"
    with big.open("wb") as handle:
        for _ in range(50 * 1024**2 // len(line)):
            handle.write(line)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    dossier = newsprism.analyze([big])
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    (error,) = dossier.errors
    assert error.code == "E103" and str(big) in error.message
    assert grown_mb < 200
