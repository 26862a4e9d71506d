"""A relation's reuse findings (shares taken, three-way label, direction's evidence) are
stored and read back unchanged, on both databases; stores from before revision 0008
migrate with their relations kept."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from newsprism.model import Relation, SharedPassage, StageInfo, Story, relation_fields
from newsprism.store.base import open_store
from newsprism.store.rows import relation_from_row
from newsprism.store.schema import HEAD_REVISION, MIGRATIONS

from .test_store import make_article

STAGES = (StageInfo("extract", "1"), StageInfo("clean", "1"))
REUSE_FIELDS = ("a_taken", "b_taken", "derivation", "derived_by")


def _alembic(connection: sa.Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _engine(store_url: str) -> sa.Engine:
    return sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))


def test_reuse_findings_of_a_relation_round_trip_through_the_store(store_url: str) -> None:
    ids = [make_article(i).id for i in range(3)]
    copy = Relation(
        ids[0],
        ids[1],
        "spun-copy",
        ids[1],
        0.8,
        (SharedPassage(0, 20, 0, 22, "spun"),),
        "shared sentences",
        a_taken=0.25,
        b_taken=0.875,
        derivation="partially",
        derived_by="agency",
    )
    same_story = Relation(ids[0], ids[2], "same-story", None, 0.4, (), "names")
    store = open_store(store_url)
    run = store.begin_run([], STAGES, {})
    store.add_articles([make_article(i) for i in range(3)], run)
    store.record_relations(run, [copy, same_story], [Story("s1", "One", tuple(ids))])
    story = store.story_of(ids[0])
    assert story is not None
    assert [relation_from_row(r) for r in story["relations"]] == [copy, same_story]
    (stored_copy,) = store.copies_of(ids[1])
    assert {k: stored_copy[k] for k in REUSE_FIELDS} == {
        "a_taken": 0.25,
        "b_taken": 0.875,
        "derivation": "partially",
        "derived_by": "agency",
    }
    exported = list(store.iter_relations())
    assert [{k: r[k] for k in relation_fields(copy)} for r in exported] == [
        relation_fields(copy),
        relation_fields(same_story),
    ]
    store.close()
    reader = open_store(store_url, read_only=True)
    story = reader.story_of(ids[2])
    assert story is not None
    assert [relation_from_row(r) for r in story["relations"]] == [copy, same_story]
    reader.close()


def test_relations_stored_at_revision_0007_migrate_with_null_reuse_findings(
    store_url: str,
) -> None:
    from alembic import command

    engine = _engine(store_url)
    with engine.begin() as connection:
        command.upgrade(_alembic(connection), "0007")
        connection.execute(
            sa.text(
                "insert into relations (a, b, kind, derived, score, passages, why, run_id) "
                "values ('a1', 'a2', 'near-duplicate', 'a2', 0.9, :passages, 'same text', 'r1')"
            ),
            {
                "passages": '[{"a_start": 0, "a_end": 5, "b_start": 1, "b_end": 6, "kind": "verbatim"}]'
            },
        )
    engine.dispose()
    store = open_store(store_url)
    assert store.stats()["schema_revision"] == HEAD_REVISION
    (row,) = store.iter_relations()
    store.close()
    assert relation_from_row(row) == Relation(
        "a1",
        "a2",
        "near-duplicate",
        "a2",
        0.9,
        (SharedPassage(0, 5, 1, 6, "verbatim"),),
        "same text",
    )
    assert row["run_id"] == "r1"
    assert {k: row[k] for k in REUSE_FIELDS} == dict.fromkeys(REUSE_FIELDS)


def test_downgrading_0008_drops_only_the_reuse_columns(store_url: str) -> None:
    from alembic import command

    ids = [make_article(i).id for i in range(2)]
    store = open_store(store_url)
    run = store.begin_run([], STAGES, {})
    copy = Relation(
        ids[0],
        ids[1],
        "copy",
        ids[1],
        1.0,
        a_taken=1.0,
        b_taken=1.0,
        derivation="wholly",
        derived_by="dates",
    )
    store.record_relations(run, [copy], [])
    store.close()
    engine = _engine(store_url)
    with engine.begin() as connection:
        command.downgrade(_alembic(connection), "0007")
        columns = {c["name"] for c in sa.inspect(connection).get_columns("relations")}
        kept = connection.execute(sa.text("select a, b, kind, derived, score from relations"))
        assert list(kept) == [(ids[0], ids[1], "copy", ids[1], 1.0)]
    engine.dispose()
    assert columns.isdisjoint(REUSE_FIELDS)
    assert {"a", "b", "kind", "derived", "score", "passages", "why", "run_id"} <= columns
