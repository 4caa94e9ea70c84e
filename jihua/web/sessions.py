"""Logins kept on the server, so that logging out, a password change or an admin ends them.

The signed cookie carries only a random session id (and the CSRF token); the
row it names in ``web_sessions`` is the login. A session ends when it is
deleted (logout, :func:`end_sessions`), when it has been idle longer than
``idle`` or when it is older than ``lifetime`` — whatever the cookie says.

=================  ==========================  =========================================
setting            default                     environment variable
=================  ==========================  =========================================
idle timeout       2 hours                     ``JIHUA_SESSION_IDLE_MINUTES``
absolute timeout   8 hours                     ``JIHUA_SESSION_HOURS``
=================  ==========================  =========================================
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from sqlalchemy import Connection, Engine, bindparam, delete, select, update
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import as_utc, now
from jihua.web.models import Department, User, WebSession

SESSION_ID_KEY = "sid"
#: last_seen is written at most this often, not on every request
_TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class Timeouts:
    idle: timedelta = timedelta(hours=2)
    lifetime: timedelta = timedelta(hours=8)

    @classmethod
    def from_environment(cls) -> Timeouts:
        return cls(
            idle=timedelta(minutes=_positive("JIHUA_SESSION_IDLE_MINUTES", 120)),
            lifetime=timedelta(hours=_positive("JIHUA_SESSION_HOURS", 8)),
        )


def _positive(variable: str, default: float) -> float:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value <= 0:
        raise UserError(f"环境变量 {variable} 应为正数，现为：{raw}")
    return value


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine: Engine, user_name: str, user_agent: str = "") -> str:
    """A new session for the user; the id to put in the cookie."""
    token = secrets.token_urlsafe(32)
    at = now()
    with Session(engine) as session, session.begin():
        user_id = session.scalar(select(User.id).where(User.name == user_name))
        if user_id is None:
            raise UserError(f"没有这个用户：{user_name}")
        session.add(
            WebSession(
                token_hash=_hash(token),
                user_id=user_id,
                user_agent=user_agent[:200],
                created_at=at,
                last_seen=at,
            )
        )
    return token


class Who(NamedTuple):
    """The user a session or a token belongs to, read with it in one query."""

    name: str
    role: str
    department: str | None


#: the columns of :class:`Who`, for a query joined to ``users``
WHO_COLUMNS = (User.name, User.role, Department.name.label("department"))

#: built once: building and keying a joined select costs more than running it
_SESSION_WHO = (
    select(WebSession.id, WebSession.created_at, WebSession.last_seen, *WHO_COLUMNS)
    .join(User, User.id == WebSession.user_id)
    .outerjoin(Department, User.department_id == Department.id)
    .where(WebSession.token_hash == bindparam("token_hash"))
)


def session_user(connection: Connection, token: str, timeouts: Timeouts) -> Who | None:
    """The user whose live session ``token`` is, else ``None`` (an expired one is ended).

    Asked on every request, so on a plain connection: the ORM session's bookkeeping
    cost more than the query.
    """
    at = now()
    row = connection.execute(_SESSION_WHO, {"token_hash": _hash(token)}).first()
    if row is None:
        return None
    created, seen = as_utc(row.created_at), as_utc(row.last_seen)
    if at - created > timeouts.lifetime or at - seen > timeouts.idle:
        connection.execute(delete(WebSession).where(WebSession.id == row.id))
        connection.commit()
        return None
    if at - seen > _TOUCH_EVERY:
        connection.execute(update(WebSession).where(WebSession.id == row.id).values(last_seen=at))
        connection.commit()
    return Who(row.name, row.role, row.department)


def end_session(engine: Engine, token: str) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))


def end_sessions(engine: Engine, user_name: str) -> int:
    """End every session of a user (left the department, lost a laptop); how many ended."""
    with Session(engine) as session, session.begin():
        user_id = session.scalar(select(User.id).where(User.name == user_name))
        if user_id is None:
            raise UserError(f"没有这个用户：{user_name}")
        ended = session.execute(delete(WebSession).where(WebSession.user_id == user_id))
    return int(getattr(ended, "rowcount", 0) or 0)
