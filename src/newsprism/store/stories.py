"""Stories across runs: joining a batch's story groups to the stored stories, and the
independent sources within one story.

A group joins the stored story its articles are in; a group touching several merges them
into the one with the smallest id (the others keep ``merged_into``), and a group touching
none starts a story named after its first article, so the same input gives the same ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsprism.model import Story
from newsprism.sources import joins_sources
from newsprism.store.schema import QUERY_CHUNK, insert_ignore_sql, stories, story_members
from newsprism.store.search import index_tail
from newsprism.unionfind import DisjointSets

STORY_COLUMNS = ("id", "title", "created_at", "updated_at", "merged_into")


def join_stories(connection: Connection, groups: Sequence[Story], now: str) -> dict[str, str]:
    """Each group joins the stored story its articles are in (the smallest id; other
    stories it touches are merged into that one) or starts one named after its first
    article; returns group id -> stored story id. Reads every member's story in a few
    queries and writes in bulk: one statement per group cost more than the rest of
    clustering."""
    dialect = connection.dialect.name
    members = sorted({a for group in groups for a in group.articles})
    story_of: dict[str, str] = {}
    mark = "%s" if dialect == "postgresql" else "?"
    for start in range(0, len(members), QUERY_CHUNK):
        chunk = members[start : start + QUERY_CHUNK]
        query = (
            f"SELECT article_id, story_id FROM {story_members.name} "
            f"WHERE article_id IN ({', '.join(mark for _ in chunk)})"
        )
        story_of.update(
            (str(a), str(s)) for a, s in connection.exec_driver_sql(query, tuple(chunk))
        )
    merged_into: dict[str, str] = {}

    def final(story_id: str) -> str:
        while story_id in merged_into:
            story_id = merged_into[story_id]
        return story_id

    assigned: dict[str, str] = {}
    merges: list[tuple[str, str]] = []
    new_stories: dict[str, Any] = {}
    touched: set[str] = set()
    for group in groups:
        articles = list(group.articles)
        current = sorted({final(story_of[a]) for a in articles if a in story_of})
        if current:
            story_id = current[0]
            for other in current[1:]:
                merged_into[other] = story_id
                merges.append((other, story_id))
            touched.add(story_id)
        else:
            # Named after its first article: the same input gives the same ids.
            story_id = "S" + min(articles).removeprefix("a")
            new_stories.setdefault(story_id, group.title)
        assigned[group.id] = story_id
    for merged, story_id in merges:  # in order: a chain of merges ends in one story
        connection.execute(
            story_members.update()
            .where(story_members.c.story_id == merged)
            .values(story_id=story_id)
        )
        connection.execute(
            stories.update()
            .where(stories.c.id == merged)
            .values(merged_into=story_id, updated_at=now)
        )
    assigned = {group: final(story) for group, story in assigned.items()}
    if touched:
        connection.execute(
            stories.update().where(stories.c.id == sa.bindparam("story")).values(updated_at=now),
            [{"story": final(story)} for story in sorted(touched)],
        )
    if new_stories:
        # insert-or-ignore: a concurrent writer may create the same story (same id)
        connection.exec_driver_sql(
            insert_ignore_sql(stories, STORY_COLUMNS, dialect),
            [(story, title, now, now, None) for story, title in new_stories.items()],
        )
        if dialect == "sqlite":
            index_tail(connection)
    rows = [(a, assigned[group.id]) for group in groups for a in group.articles]
    if rows:
        connection.exec_driver_sql(
            insert_ignore_sql(story_members, ("article_id", "story_id"), dialect), rows
        )
    return assigned


def independent_sources(
    members: Sequence[str], found: Sequence[Mapping[str, Any]]
) -> list[list[str]]:
    """Articles joined by copying, as groups: each group is one independent source."""
    sets: DisjointSets[str] = DisjointSets(members)
    for relation in found:
        if (
            joins_sources(str(relation["kind"]), relation.get("score"), relation.get("derivation"))
            and relation["a"] in sets.parent
            and relation["b"] in sets.parent
        ):
            sets.union(relation["a"], relation["b"])
    return sets.groups()
