"""The login throttle: wrong passwords slow down the address and the account they came from.

Failures are rows of ``login_failures`` (so every worker process sees them),
counted per ``ip:ADDRESS`` and per ``user:NAME`` over the last hour. Up to
``FREE_TRIES`` failures cost nothing; after that each further try must wait
``WAIT`` doubled for every failure beyond them, up to ``LONGEST_WAIT``. A
throttled try is refused before its password is hashed, so a flood of wrong
passwords does not tie up the processor either. A right password clears the
account's failures. The refusal itself is answered after ``REFUSAL_DELAY``
(awaited, holding no thread; :mod:`jihua.web.views.login`), so a client that
waits for its answers cannot hammer the server with refused tries.

=================  =========
FREE_TRIES         5
WAIT               30 s (then 1, 2, 4 … min)
LONGEST_WAIT       30 min
window             1 hour
REFUSAL_DELAY      1 s
=================  =========
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from jihua.errors import UserError
from jihua.store.changes import as_utc, now
from jihua.web.models import LoginFailure

FREE_TRIES = 5
WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=30)
WINDOW = timedelta(hours=1)
REFUSAL_DELAY = timedelta(seconds=1)


class TooManyTries(UserError):
    """Too many wrong passwords from one address or for one account (HTTP 429)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def keys(address: str, user_name: str) -> list[str]:
    return [f"ip:{address}"[:200], f"user:{user_name.strip()}"[:200]]


def check_allowed(engine: Engine, login_keys: list[str]) -> None:
    """Raise :class:`TooManyTries` when any key must still wait."""
    at = now()
    with Session(engine) as session:
        for key in login_keys:
            count, last = session.execute(
                select(func.count(), func.max(LoginFailure.at)).where(
                    LoginFailure.key == key, LoginFailure.at > at - WINDOW
                )
            ).one()
            if count < FREE_TRIES or last is None:
                continue
            wait = min(WAIT * 2 ** (count - FREE_TRIES), LONGEST_WAIT)
            left = as_utc(last) + wait - at
            if left > timedelta(0):
                seconds = int(left.total_seconds()) + 1
                raise TooManyTries(
                    f"登录失败次数过多（{count} 次），请 {_shown(seconds)}后再试", seconds
                )


def record_failure(engine: Engine, login_keys: list[str]) -> None:
    at = now()
    with Session(engine) as session, session.begin():
        session.execute(delete(LoginFailure).where(LoginFailure.at <= at - WINDOW))
        session.add_all(LoginFailure(key=key, at=at) for key in login_keys)


def clear_failures(engine: Engine, user_name: str) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(LoginFailure).where(LoginFailure.key == f"user:{user_name}"))


def _shown(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 120 else f"{(seconds + 59) // 60} 分钟"
