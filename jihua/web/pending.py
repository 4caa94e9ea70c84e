"""Uploads waiting for review, kept in the database so that any worker can save them.

``jihua serve --workers N`` runs N processes; the review page may come from
one and 确认入库 reach another. An upload therefore waits in the web app's
``pending_uploads`` table (:class:`jihua.web.models.PendingUpload`): its bytes,
the review as shown, its owner and when it expires, under a random token.
It is deleted when saved or discarded; expired ones are purged whenever an
upload is kept. Only its owner may see, save or discard it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import now
from jihua.store.database import writer
from jihua.web.models import PendingUpload
from jihua.web.uploads import Preview

KEEP_FOR = timedelta(minutes=30)
#: a planner's uploads waiting at once; the oldest give way
KEEP_AT_MOST = 20
GONE = "待保存的上传已过期或不存在，请重新上传"


class Shown(Protocol):
    """A review as shown (a report's :class:`Preview`, a bulletin's preview)."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Pending:
    data: bytes
    source: str
    owner: str
    shown: Preview


def keep_pending(engine: Engine, data: bytes, source: str, owner: str, shown: Shown) -> str:
    """Keep an upload (a report or a bulletin) for its review; the token that names it."""
    token = secrets.token_urlsafe(16)
    at = now()
    with Session(writer(engine)) as session, session.begin():
        session.execute(delete(PendingUpload).where(PendingUpload.expires_at <= at))
        _make_room(session, owner)
        session.add(
            PendingUpload(
                token=token,
                owner=owner,
                source=source,
                data=data,
                shown=shown.to_dict(),
                created_at=at,
                expires_at=at + KEEP_FOR,
            )
        )
    return token


def _make_room(session: Session, owner: str) -> None:
    kept = session.scalars(
        select(PendingUpload.id)
        .where(PendingUpload.owner == owner)
        .order_by(PendingUpload.id.desc())
        .offset(KEEP_AT_MOST - 1)
    ).all()
    if kept:
        session.execute(delete(PendingUpload).where(PendingUpload.id.in_(kept)))


def pending_upload(engine: Engine, token: str, owner: str) -> Pending:
    """The owner's upload under ``token``, unless it expired (a UserError then)."""
    with Session(engine) as session:
        row = session.scalar(
            select(PendingUpload).where(
                PendingUpload.token == token,
                PendingUpload.owner == owner,
                PendingUpload.expires_at > now(),
            )
        )
        if row is None or row.shown.get("kind") == "bulletin":  # a bulletin's: its own review
            raise UserError(GONE)
        return Pending(row.data, row.source, row.owner, Preview.from_dict(row.shown))


def forget_pending(engine: Engine, token: str, owner: str) -> None:
    """Delete the owner's upload (saved or discarded); one already gone is a UserError."""
    with Session(writer(engine)) as session, session.begin():
        gone = session.execute(
            delete(PendingUpload).where(PendingUpload.token == token, PendingUpload.owner == owner)
        )
        if not gone.rowcount:  # type: ignore[attr-defined]
            raise UserError(GONE)
