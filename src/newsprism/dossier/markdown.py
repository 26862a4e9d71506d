"""The dossier as clean Markdown for pasting into notes and tickets.

Untrusted values are escaped so that no link, image, HTML or heading can be injected:
what Markdown reads as markup gets a backslash (nothing else, so versions and dates stay
readable), bare links are broken up, and ``<``/``>``/``&`` become entities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from newsprism.dossier.build import SECTIONS, restored_phrases, section_state

_LABEL_KEYS = ("text", "name", "what", "title")


def describe(
    section: str, item: Mapping[str, Any], outlet_of: Mapping[str, Any] | None = None
) -> str:
    """One escaped line for an item of a later section; ``outlet_of`` (article id ->
    outlet) names the outlets of a relation's two articles."""
    if section == "relations":
        derived = f", copy: {item['derived']}" if item.get("derived") else ""

        def named(article: Any) -> str:
            outlet = (outlet_of or {}).get(article)
            return f"{article} ({outlet or 'outlet unknown'})" if outlet_of is not None else article

        return escape(
            f"{named(item.get('a'))} ↔ {named(item.get('b'))}: {item.get('kind')} "
            f"({item.get('score')}{derived}) — {item.get('why', '')}"
        )
    if section == "sources":
        return escape(
            f"{item.get('id')}: {', '.join(item.get('articles', []))} — {item.get('why')}"
        )
    if section == "quotes":
        speaker = item.get("speaker") or "speaker unknown"
        if item.get("kind") in ("reported", "mixed"):
            # Reported speech is the writer's words: no quotation marks around it.
            cue = item.get("cue") or "said"
            return escape(
                f"{item.get('id')} ({item.get('article')}) {speaker} {cue} (reported): "
                f"{item.get('text')}"
            )
        return escape(f"{item.get('id')} ({item.get('article')}) {speaker}: “{item.get('text')}”")
    if section == "claims":
        return escape(
            f"{item.get('id')} ({item.get('article')}) {item.get('text')}: {item.get('sentence')}"
        )
    if section == "claim_groups":
        return escape(
            f"{item.get('id')}: {item.get('status')}, {item.get('independent_sources')} "
            f"independent sources — {item.get('subject')}"
        )
    if section == "conflicts":
        values = "; ".join(
            f"{v.get('value')} ({', '.join(v.get('articles', []))})" for v in item.get("values", [])
        )
        return escape(f"{item.get('id')}: {item.get('kind')} — {item.get('what')}: {values}")
    if section == "entities":
        variants = f" (also {', '.join(item.get('variants', []))})" if item.get("variants") else ""
        role = f", {item['role']}" if item.get("role") else ""
        return escape(f"{item.get('id')}: {item.get('name')}{role}{variants}")
    label = next((item[k] for k in _LABEL_KEYS if item.get(k)), "")
    return f"{escape(item.get('id'))}: {escape(label)}"


# Inline Markdown needs these escaped anywhere: emphasis, code, links, tables, strikethrough.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# ... and these only at the start of a line (a value may start a table cell or a list
# item): a heading, a list item, a numbered list, a setext underline.
_MD_LINE_START = re.compile(r"^([#+=-]|\d+(?=[.)](?:\s|$)))")
# Bare links that GitHub-flavoured viewers turn into links by themselves: a backslash
# before the ":" of "http://", the "." of "www." or an e-mail's "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp)(?=://)|\bwww(?=\.)|(?<=[\w.+-])(?=@[\w-]+\.)")


def escape(value: Any) -> str:
    """Escape a value for inline Markdown (tables included): one line, inert. Only what
    Markdown would read as markup gets a backslash ("0.1.0" and "2026-03-11" stay as
    written); ``<``/``>``/``&`` become entities."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(_break_autolink, text)
    return _MD_LINE_START.sub(_break_line_start, text)


def _break_line_start(match: re.Match[str]) -> str:
    # "12." is no list with a backslash before its dot; "#", "-", "+", "=" get one before.
    marker = match.group(1)
    return f"{marker}\\" if marker[0].isdigit() else f"\\{marker}"


def _break_autolink(match: re.Match[str]) -> str:
    # A zero-width match sits before an "@"; a word match is a scheme or "www".
    return match.group(0) + "\\" if match.group(0) else "\\"


def _sources(count: Any) -> str:
    return f"{count} independent source{'s' if count != 1 else ''}"


def _statement_line(item: Mapping[str, Any]) -> str:
    outlets = ", ".join(item.get("outlets") or []) or "outlets unknown"
    where = ", ".join(
        f"{e.get('article')} [{e.get('start')}:{e.get('end')}]" for e in item.get("evidence") or []
    )
    spun = " (only in spun copies)" if item.get("only_spun") else ""
    return (
        f"- “{escape(item.get('text'))}” — {_sources(item.get('independent_sources'))}{spun}: "
        f"{escape(outlets)} · {escape(where)}"
    )


def brief_lines(dossier: Mapping[str, Any]) -> list[str]:
    """Each story's brief, first in the file: agreed, disputed, speakers, derivation,
    timeline and single-source lines, every value escaped."""
    lines: list[str] = []
    for story in dossier.get("stories") or []:
        brief = story.get("brief")
        if brief is None:
            continue
        title = story.get("title") or story.get("id")
        lines += ["", f"## Brief: {escape(title)} ({escape(story.get('id'))})", ""]
        lines += ["### What the coverage agrees on", ""]
        lines += [_statement_line(i) for i in brief["agreed"]] or [
            "_no fact is carried by two independent sources_"
        ]
        lines += ["", "### Where they disagree", ""]
        lines += [f"- {escape(d.get('line'))}" for d in brief["disputed"]] or [
            "_no conflict found_"
        ]
        lines += ["", "### Who said what", ""]
        for speaker in brief["speakers"]:
            role = f", {speaker['role']}" if speaker.get("role") else ""
            lines.append(f"- **{escape(speaker.get('speaker'))}**{escape(role)}")
            for said in speaker.get("statements") or []:
                versions = "; ".join(
                    f"“{v.get('text')}” ({', '.join(v.get('outlets') or []) or 'outlet unknown'})"
                    for v in said.get("versions") or []
                )
                lines.append(f"  - {_sources(said.get('independent_sources'))}: {escape(versions)}")
        if not brief["speakers"]:
            lines.append("_no attributed quote_")
        lines += ["", "### Where the versions came from", ""]
        for node in brief["derivation"].get("nodes") or []:
            indent = "  " * int(node.get("depth") or 0)
            share = round(100 * (node.get("share") or 0))
            how = (
                f"{node.get('kind')} of {node.get('parent')}, {share}% taken from it"
                if node.get("parent")
                else "independent report"
            )
            spun = ", spun" if node.get("spun") else ""
            wire = node.get("wire") or {}
            if wire.get("agency") and wire.get("origin") == node.get("article"):
                spun += f"; the agency's own copy ({wire['agency']})"
            elif wire.get("agency") and wire.get("share") is not None:
                spun += f"; {round(100 * wire['share'])}% wire copy of {wire['agency']}"
            elif wire.get("agency"):
                spun += f"; credits {wire['agency']}"
            outlet = node.get("outlet") or "outlet unknown"
            lines.append(
                f"{indent}- {escape(node.get('article'))} ({escape(outlet)}): {escape(how + spun)}"
            )
        lines += ["", "### Timeline", ""]
        for event in brief["timeline"].get("events") or []:
            expressions = ", ".join(
                f"“{x.get('text')}”" + (f" of {x['relative_to']}" if x.get("relative_to") else "")
                for x in event.get("expressions") or []
            )
            carriers = len(event.get("evidence") or [])
            lines.append(
                f"- {escape(event.get('date') or 'date not given')}: “{escape(event.get('text'))}” "
                f"({escape(expressions)}; {carriers} article{'s' if carriers != 1 else ''})"
            )
        for item in brief["timeline"].get("published") or []:
            lines.append(
                f"- published {escape(item.get('published') or 'date not given')}: "
                f"{escape(item.get('article'))} ({escape(item.get('outlet') or 'outlet unknown')})"
            )
        lines += ["", "### Single-source", ""]
        lines += [_statement_line(i) for i in brief["single_source"]] or ["_none_"]
    return lines


def restored_lines(article: Mapping[str, Any]) -> list[str]:
    """A spun article's words restored with no original to compare, each with its span
    and gain; nothing when there are none."""
    restored = restored_phrases(article)
    if not restored:
        return []
    lines = ["Words restored with no original to compare (spin):", ""]
    for r in restored:
        lines.append(
            f"- “{escape(r.get('text'))}” [{escape(r.get('start'))}:{escape(r.get('end'))}] → "
            f"likely “{escape(r.get('likely_original'))}” (gain {escape(r.get('gain'))})"
        )
    return [*lines, ""]


def render_markdown(dossier: Mapping[str, Any]) -> str:
    articles = dossier.get("articles", [])
    outlet_of = {a.get("id"): a.get("outlet") for a in articles}
    errors = dossier.get("errors", [])
    lines = [
        "# newsprism dossier",
        "",
        f"{escape(dossier.get('generated_by'))} · {len(articles)} articles · "
        f"{len(errors)} inputs rejected",
        *brief_lines(dossier),
        "",
        "## Articles",
        "",
        "| id | outlet | title | published | language | kept | removed |",
        "|---|---|---|---|---|---|---|",
    ]
    removed_total: Counter[str] = Counter()
    for article in articles:
        kinds = Counter(p["kind"] for p in article["paragraphs"])
        kept = kinds["body"] + kinds["heading"]
        for p in article["paragraphs"]:
            if p["kind"] not in ("body", "heading"):
                removed_total[p["reason"].split(":", 1)[0]] += 1
        lines.append(
            f"| {escape(article['id'])} | {escape(article.get('outlet')) or 'unknown'} | "
            f"{escape(article.get('title'))} | {escape(article.get('published'))} | "
            f"{escape(article.get('language'))} | {kept} | {len(article['paragraphs']) - kept} |"
        )
    lines += ["", "## What the cleaning removed", ""]
    if removed_total:
        lines += ["| reason | paragraphs |", "|---|---|"]
        lines += [
            f"| {escape(reason)} | {count} |" for reason, count in removed_total.most_common()
        ]
    else:
        lines.append("Nothing.")
    for section in SECTIONS:
        state = section_state(dossier, section)
        lines += ["", f"## {section.replace('_', ' ').capitalize()}", ""]
        if state != "found":
            lines.append(f"_{state}_")
        else:
            lines += [f"- {describe(section, item, outlet_of)}" for item in dossier[section]]
    lines += ["", "## Articles, clean text", ""]
    for article in articles:
        lines += [
            f"### {escape(article['id'])} · {escape(article.get('title') or article['source'])}",
            "",
            f"Source: {escape(article['source'])} · "
            f"outlet: {escape(article.get('outlet')) or 'unknown'}",
            "",
        ]
        lines += restored_lines(article)
        for p in article["paragraphs"]:
            if p["kind"] in ("body", "heading"):
                kept_text = escape(article["text"][p["start"] : p["end"]])
                lines += [f"**{kept_text}**" if p["kind"] == "heading" else kept_text, ""]
    lines += ["## Inputs that could not be read", ""]
    if errors:
        lines += ["| source | line | code | message |", "|---|---|---|---|"]
        lines += [
            f"| {escape(e['source'])} | {escape(e.get('line'))} | "
            f"{escape(e['code'])} | {escape(e['message'])} |"
            for e in errors
        ]
    else:
        lines.append("None: every input was read.")
    lines += ["", "## Stages that ran", ""]
    lines.append(
        ", ".join(
            f"{escape(s['name'])} v{escape(s['version'])}"
            + (f" ({escape(s['model'])})" if s.get("model") else "")
            for s in dossier.get("stages", [])
        )
        or "none"
    )
    return "\n".join(lines) + "\n"
