"""API tokens: how a program logs in without scraping the login form.

A token is made for a user with a name and an expiry (``jihua token create``,
or the user's own 接口令牌 page), shown once, and kept only as its SHA-256. A
request sending ``Authorization: Bearer TOKEN`` acts as that user, with the
user's role as it is now; it needs no CSRF token, since a browser never adds
that header by itself. An expired or revoked token is refused (401), and a
request with a ``Bearer`` header is judged by the token alone, never by a cookie
it may also carry.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request
from sqlalchemy import Connection, Engine, bindparam, or_, select, update
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import as_utc, now
from jihua.web.models import ApiToken, Department, User
from jihua.web.sessions import WHO_COLUMNS, Who

PREFIX = "jihua_"
DEFAULT_LIFETIME = timedelta(days=90)
_DURATION = re.compile(r"^\s*(\d{1,5})\s*([dhDH天时])\s*$")
#: last_used is written at most this often
_TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    user: str
    created_at: datetime
    expires_at: datetime | None
    last_used: datetime | None
    revoked_at: datetime | None

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "已撤销"
        if self.expires_at is not None and as_utc(self.expires_at) <= now():
            return "已过期"
        return "有效"


def parse_lifetime(text: str | None) -> timedelta | None:
    """``90d``, ``12h``, ``30天`` or ``never`` (no expiry, ``None``); empty is 90 days."""
    if text is None or not text.strip():
        return DEFAULT_LIFETIME
    if text.strip().lower() in ("never", "永不", "不过期"):
        return None
    found = _DURATION.match(text)
    if not found or int(found.group(1)) == 0:
        raise UserError(f"有效期写法不对：{text}（例如 90d、12h 或 never）")
    amount, unit = int(found.group(1)), found.group(2).lower()
    return timedelta(days=amount) if unit in ("d", "天") else timedelta(hours=amount)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    engine: Engine, user_name: str, name: str, lifetime: timedelta | None = DEFAULT_LIFETIME
) -> tuple[str, TokenInfo]:
    """A new token for the user: the token itself (shown once) and what is kept of it."""
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("令牌名称不能为空，且不超过 100 个字符")
    token = PREFIX + secrets.token_urlsafe(32)
    at = now()
    with Session(engine) as session, session.begin():
        user_id = session.scalar(select(User.id).where(User.name == user_name.strip()))
        if user_id is None:
            raise UserError(f"没有这个用户：{user_name}")
        row = ApiToken(
            name=name,
            user_id=user_id,
            token_hash=_hash(token),
            created_at=at,
            expires_at=at + lifetime if lifetime else None,
        )
        session.add(row)
        session.flush()
        info = TokenInfo(row.id, name, user_name.strip(), at, row.expires_at, None, None)
    return token, info


def list_tokens(engine: Engine, user_name: str | None = None) -> list[TokenInfo]:
    """Every token (of one user when named), newest first."""
    query = select(ApiToken, User.name).join(User, User.id == ApiToken.user_id)
    if user_name is not None:
        query = query.where(User.name == user_name)
    with Session(engine) as session:
        rows = session.execute(query.order_by(ApiToken.id.desc())).all()
    return [
        TokenInfo(t.id, t.name, owner, t.created_at, t.expires_at, t.last_used, t.revoked_at)
        for t, owner in rows
    ]


def revoke_token(engine: Engine, token_id: int, user_name: str | None = None) -> TokenInfo:
    """Revoke a token (only the user's own when ``user_name`` is given)."""
    mine = [t for t in list_tokens(engine, user_name) if t.id == token_id]
    if not mine:
        raise UserError(f"没有编号为 {token_id} 的令牌")
    with Session(engine) as session, session.begin():
        session.execute(
            update(ApiToken)
            .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=now())
        )
    return mine[0]


#: built once, like the session's (:mod:`jihua.web.sessions`)
_TOKEN_WHO = (
    select(ApiToken.id, ApiToken.last_used, *WHO_COLUMNS)
    .join(User, User.id == ApiToken.user_id)
    .outerjoin(Department, User.department_id == Department.id)
    .where(
        ApiToken.token_hash == bindparam("token_hash"),
        ApiToken.revoked_at.is_(None),
        or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > bindparam("at")),
    )
)


def token_user(connection: Connection, token: str) -> Who | None:
    """The user of a live token, else ``None``; notes when it was used."""
    at = now()
    row = connection.execute(_TOKEN_WHO, {"token_hash": _hash(token), "at": at}).first()
    if row is None:
        return None
    if row.last_used is None or at - as_utc(row.last_used) > _TOUCH_EVERY:
        connection.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used=at))
        connection.commit()
    return Who(row.name, row.role, row.department)


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if the request sends one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip()
