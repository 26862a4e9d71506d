"""The dossier as clean Markdown for pasting into notes and tickets.

Untrusted values are escaped so that no link, image, HTML or heading can be injected:
Markdown punctuation gets a backslash and ``<``/``>``/``&`` become entities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from newsprism.dossier.build import SECTIONS, section_state

_LABEL_KEYS = ("text", "name", "what", "title")


def describe(section: str, item: Mapping[str, Any]) -> str:
    """One escaped line for an item of a later section."""
    if section == "relations":
        derived = f", copy: {item['derived']}" if item.get("derived") else ""
        return escape(
            f"{item.get('a')} ↔ {item.get('b')}: {item.get('kind')} "
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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(value: Any) -> str:
    """Escape a value for inline Markdown (tables included): one line, inert."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(dossier: Mapping[str, Any]) -> str:
    articles = dossier.get("articles", [])
    errors = dossier.get("errors", [])
    lines = [
        "# newsprism dossier",
        "",
        f"{escape(dossier.get('generated_by'))} · {len(articles)} articles · "
        f"{len(errors)} inputs rejected",
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
            lines += [f"- {describe(section, item)}" for item in dossier[section]]
    lines += ["", "## Articles, clean text", ""]
    for article in articles:
        lines += [
            f"### {escape(article['id'])} · {escape(article.get('title') or article['source'])}",
            "",
            f"Source: {escape(article['source'])} · "
            f"outlet: {escape(article.get('outlet')) or 'unknown'}",
            "",
        ]
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
        ", ".join(f"{escape(s['name'])} v{escape(s['version'])}" for s in dossier.get("stages", []))
        or "none"
    )
    return "\n".join(lines) + "\n"
