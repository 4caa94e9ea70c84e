"""The web app's own tables, on the store's ``Base``: users, departments, comments, assignments.

::

    departments ─ users (role: planner | department | reviewer | admin)
    departments ─ assignments — an indicator, project or task given to one department
    comments — anchored to an indicator, project or task; state open → answered → closed
    pending_uploads — an uploaded report waiting for its review: bytes, what was shown, owner,
                      expiry (any worker process can save it)
    users ─ web_sessions — one login: a hashed id the cookie carries, created, last seen, browser
    login_failures — wrong passwords by address and by account, for the login throttle
    users ─ api_tokens — a named token for programs: hashed, expiring, revocable, last used

Plan data stays in the store's tables; these only say who may do what, and
keep the review's conversation beside the item it is about.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jihua.store.schema import Base

ROLES: dict[str, str] = {
    "planner": "计划科",
    "department": "部门",
    "reviewer": "审阅",
    "admin": "管理员",
}
COMMENT_STATES: dict[str, str] = {"open": "待答复", "answered": "已答复", "closed": "已关闭"}
ANCHORS = ("indicators", "projects", "tasks")


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_anchor", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Assignment(Base):
    """The department a planner made responsible for an item.

    The store knows a project's or task's lead unit only as printed, and an
    indicator's not at all; an assignment says which department reports on it.
    One department per item.
    """

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("table_name", "row_id", name="uq_assignments_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[int] = mapped_column(Integer)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    assigned_by: Mapped[str] = mapped_column(String(100))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PendingUpload(Base):
    """An uploaded report between its review page and 确认入库 (or 放弃), never on disk.

    In the database rather than one process's memory, so that with several
    workers the save may reach any of them. Deleted when saved, discarded or
    expired.
    """

    __tablename__ = "pending_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    owner: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(500))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    #: the review page as shown (:class:`jihua.web.uploads.Preview`), for reading the form back
    shown: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class WebSession(Base):
    """One login, on the server: logging out or an admin ends it, whatever the cookie says.

    The cookie carries a random id; only its SHA-256 is kept, so a copy of the
    database does not hand out logins.
    """

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """A wrong password, counted by ``ip:…`` and by ``user:…`` so every worker sees it."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """A token a program sends as ``Authorization: Bearer …``, with its user's role.

    Shown once when made; only its SHA-256 is kept. Revoking keeps the row (and
    when it was last used) for the record.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
