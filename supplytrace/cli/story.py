"""``supplytrace story``: what the versions of one story share, and what each adds."""

from __future__ import annotations

from typing import Any

import click

from supplytrace.cli.options import db_option, emit, existing_store, output_options
from supplytrace.model import Document
from supplytrace.pipeline import story_diff

COLUMNS = ["document", "kind", "status", "shared_with", "text"]


@click.command()
@click.argument("ref")
@db_option
@click.option(
    "--own", "own_only", is_flag=True, help="Only each version's own sentences and claims."
)
@output_options
def story(ref: str, db: str | None, own_only: bool, fmt: str) -> None:
    """The story diff of the story holding REF (a document id, story id, source path, or a
    unique prefix of an id).

    For each version of the story, every sentence is 'shared' (another version has a
    counterpart, listed in shared_with) or 'own'; every claim is 'shared' or 'only_here'
    (no other version makes it, compared on resolved supplier, item, recipient, polarity).

    \b
    Example:
      supplytrace story 3f2a9c --db cases.db
      supplytrace story reports/wire.txt --own --json
    """
    with existing_store(db) as store:
        diff, documents = story_diff(store, ref)

    def name(doc_id: str) -> str:
        doc: Document | None = documents.get(doc_id)
        return (doc.source_path if doc else None) or doc_id

    records: list[dict[str, Any]] = []
    for sentence in diff.sentences:
        if own_only and sentence.shared_with:
            continue
        records.append(
            {
                "story_id": diff.story_id,
                "document": name(sentence.document_id),
                "document_id": sentence.document_id,
                "kind": "sentence",
                "status": sentence.status,
                "shared_with": [name(d) for d in sentence.shared_with],
                "span": list(sentence.span),
                "text": sentence.text,
            }
        )
    for row in diff.claims:
        if own_only and row.also_in:
            continue
        claim = row.claim
        records.append(
            {
                "story_id": diff.story_id,
                "document": name(claim.document_id),
                "document_id": claim.document_id,
                "kind": "claim",
                "status": row.status,
                "shared_with": [name(d) for d in row.also_in],
                "span": list(claim.sentence_span),
                "text": f"{claim.supplier} -> {claim.item} -> {claim.recipient or '?'} "
                f"({claim.polarity})",
                "claim_id": claim.id,
                "evidence": claim.evidence,
            }
        )
    title = f"story {diff.story_id}: {len(diff.document_ids)} document(s)"
    emit(records, fmt, COLUMNS, title=title)
