"""Who is logged in: users, argon2 password hashes, and the session that carries a login.

Passwords are hashed with argon2 (pwdlib). The login is a row of
``web_sessions`` (:mod:`jihua.web.sessions`) whose id rides in Starlette's
signed cookie; each request looks the session and the user up again, so a
logout, an ended session, a removed user or a changed role takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from pwdlib import PasswordHash
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import now
from jihua.web.models import ROLES, Department, User
from jihua.web.sessions import SESSION_ID_KEY, Who, end_sessions, session_user
from jihua.web.tokens import bearer_token, token_user

_HASHER = PasswordHash.recommended()


class LoginRequired(UserError):
    """The page or the write needs a logged-in user."""


@dataclass(frozen=True)
class CurrentUser:
    name: str
    role: str
    department: str | None

    @property
    def role_name(self) -> str:
        return ROLES.get(self.role, self.role)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def department_named(session: Session, name: str) -> Department:
    found = session.scalar(select(Department).where(Department.name == name))
    if found is None:
        found = Department(name=name)
        session.add(found)
        session.flush()
    return found


def add_user(
    engine: Engine, name: str, role: str, password: str, department: str | None = None
) -> CurrentUser:
    """Create a user; a department user needs the department it reports for."""
    name, department = name.strip(), (department or "").strip() or None
    _check_new_user(name, role, password, department)
    with Session(engine) as session, session.begin():
        if session.scalar(select(User.id).where(User.name == name)) is not None:
            raise UserError(f"用户已存在：{name}")
        dept = department_named(session, department) if department else None
        session.add(
            User(
                name=name,
                role=role,
                department_id=dept.id if dept else None,
                password_hash=hash_password(password),
                created_at=now(),
            )
        )
    return CurrentUser(name, role, department)


def _check_new_user(name: str, role: str, password: str, department: str | None) -> None:
    if not name:
        raise UserError("用户名不能为空")
    if role not in ROLES:
        raise UserError(f"未知角色：{role}（可用：{'、'.join(ROLES)}）")
    if role == "department" and not department:
        raise UserError("部门用户需要指定所属部门（--dept）")
    if len(password) < 8:
        raise UserError("密码至少 8 个字符")


def set_password(engine: Engine, name: str, password: str) -> int:
    """A new password; every session of the user ends. How many sessions ended."""
    if len(password) < 8:
        raise UserError("密码至少 8 个字符")
    with Session(engine) as session, session.begin():
        found = session.scalar(select(User).where(User.name == name.strip()))
        if found is None:
            raise UserError(f"没有这个用户：{name}")
        found.password_hash = hash_password(password)
        user_name = found.name
    return end_sessions(engine, user_name)


def has_users(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.scalar(select(User.id).limit(1)) is not None


def load_user(session: Session, name: str) -> CurrentUser | None:
    row = session.execute(
        select(User.name, User.role, Department.name)
        .outerjoin(Department, User.department_id == Department.id)
        .where(User.name == name)
    ).first()
    return CurrentUser(row[0], row[1], row[2]) if row else None


def authenticate(engine: Engine, name: str, password: str) -> CurrentUser | None:
    """The user when the password is right, else ``None`` (no hint which part was wrong)."""
    with Session(engine) as session:
        stored = session.scalar(select(User.password_hash).where(User.name == name.strip()))
        if stored is None:
            _HASHER.hash(password)  # spend the same time as a real check
            return None
        if not _HASHER.verify(password, stored):
            return None
        return load_user(session, name.strip())


def logged_in(request: Request) -> CurrentUser | None:
    """The user of the request: by its API token when it sends one, else by its session."""
    if isinstance(cached := request.scope.get("jihua.user"), CurrentUser):
        return cached
    token = bearer_token(request)
    if token is None and not isinstance(request.session.get(SESSION_ID_KEY), str):
        return None
    with request.app.state.engine.connect() as connection:  # one query for the whole check
        if token is not None:
            who = token_user(connection, token) if token else None
        else:
            who = _session_user(request, connection)
    user = CurrentUser(*who) if who is not None else None
    request.scope["jihua.user"] = user
    return user


def _session_user(request: Request, connection: Connection) -> Who | None:
    token = request.session.get(SESSION_ID_KEY)
    if not isinstance(token, str):
        return None
    who = session_user(connection, token, request.app.state.session_timeouts)
    if who is None:
        request.session.pop(SESSION_ID_KEY, None)
    return who


def require_user(request: Request) -> CurrentUser:
    """Dependency: the logged-in user, or :class:`LoginRequired`."""
    user = logged_in(request)
    if user is None and bearer_token(request) is not None:
        raise LoginRequired("接口令牌无效、已过期或已撤销")
    if user is None:
        raise LoginRequired("请先登录")
    return user
