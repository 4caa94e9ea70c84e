"""``jihua serve``, ``jihua user …`` and ``jihua token …``: the web app from the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

#: the most processes ``serve`` starts unless told: each holds about 120 MB
MAX_DEFAULT_WORKERS = 8


@click.command()
@click.option("--db", "db", help="数据库地址（默认 JIHUA_DATABASE_URL 或 jihua.sqlite）。")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=8000, show_default=True, type=int, help="端口。")
@click.option("--demo", is_flag=True, help="同时创建演示用户（各角色一个，密码相同）。")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help=f"工作进程数（默认每核一个，至多 {MAX_DEFAULT_WORKERS} 个；内存中的 SQLite 库只用 1 个）。",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    envvar="JIHUA_SECURE_COOKIES",
    help="登录 Cookie 只经 HTTPS 发送（经 HTTPS 反向代理部署时使用）。",
)
def serve(
    db: str | None, host: str, port: int, demo: bool, workers: int | None, secure_cookies: bool
) -> None:
    """启动网页应用（空库时先导入内置的涪陵区示例）。"""
    import uvicorn

    from jihua.limits import allow_interrupts
    from jihua.serving import settle_for_serving
    from jihua.store.database import create_store_engine, database_url, ensure_schema
    from jihua.store.example_year import LABEL as EXAMPLE_LABEL
    from jihua.store.example_year import load_example_year
    from jihua.web.app import create_app
    from jihua.web.auth import has_users
    from jihua.web.demo import DEMO_PASSWORD, demo_users, ingest_example

    url = database_url(db)
    engine = create_store_engine(url)
    try:
        ensure_schema(engine)
        if (ingested := ingest_example(engine)) is not None:
            click.echo(f"已导入示例：{ingested.describe()}")
        if demo:
            if (stored := load_example_year(engine)) is not None:
                click.echo(f"已导入示例年度调度数据 {stored} 条（{EXAMPLE_LABEL}）")
            for made in demo_users(engine):
                click.echo(f"演示用户 {made.name}（{made.role_name}{_dept(made.department)}）")
            click.echo(f"演示用户密码：{DEMO_PASSWORD}")
        elif not has_users(engine):
            click.echo("还没有用户：先运行 jihua user add NAME --role admin，或用 --demo 启动。")
        workers = workers or default_workers(engine.url)
        click.echo(
            f"数据库：{engine.url.render_as_string(hide_password=True)}　工作进程 {workers} 个"
        )
        click.echo(f"请在浏览器中打开 http://{_shown_host(host)}:{port}/")
        if secure_cookies:
            os.environ["JIHUA_SECURE_COOKIES"] = "1"
        allow_interrupts(False)  # no timer in the event loop's thread: uploads have workers
        with _writes_apart(engine.url, url):
            if workers == 1:
                app = create_app(engine, secure_cookies=secure_cookies)
                settle_for_serving()
                uvicorn.run(app, host=host, port=port, log_level="warning")
                return
            _share_with_workers(url)
            uvicorn.run(
                "jihua.web.app:app_from_environment",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="warning",
            )
    finally:
        engine.dispose()


@contextmanager
def _writes_apart(parsed: URL, url: str) -> Iterator[None]:
    """The web's writes go through one write process (jihua.store.write_server), except
    to an in-memory store, which lives in this process only."""
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        yield
        return
    from jihua.store.write_server import write_server

    with write_server(url) as variables:
        os.environ.update(variables)
        try:
            yield
        finally:
            for name in variables:
                os.environ.pop(name, None)


def default_workers(url: URL) -> int:
    """One process per core this one may run on, at most :data:`MAX_DEFAULT_WORKERS`.

    An in-memory SQLite database lives in one process, so it gets one.
    """
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_DEFAULT_WORKERS))


def _share_with_workers(url: str) -> None:
    """Worker processes open the same store and sign sessions with the same key."""
    import secrets

    from jihua.store.database import URL_VARIABLE
    from jihua.web.app import SECRET_VARIABLE

    os.environ[URL_VARIABLE] = url
    os.environ.setdefault(SECRET_VARIABLE, secrets.token_urlsafe(32))


def _dept(department: str | None) -> str:
    return f"·{department}" if department else ""


def _shown_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::") else host


@click.group()
def user() -> None:
    """管理网页应用的用户。"""


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["planner", "department", "reviewer", "admin"]),
    help="角色：计划科、部门、审阅、管理员。",
)
@click.option("--dept", "department", help="所属部门（部门用户必填），如 经信委。")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码。")
@click.option("--db", "db", help="数据库地址。")
def add(name: str, role: str, department: str | None, password_stdin: bool, db: str | None) -> None:
    """新增用户（例如第一个管理员）。"""
    from jihua.store.database import create_store_engine, database_url, ensure_schema
    from jihua.web.auth import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码", hide_input=True, confirmation_prompt=True)
    engine = create_store_engine(database_url(db))
    try:
        ensure_schema(engine)
        made = add_user(engine, name, role, password, department)
    finally:
        engine.dispose()
    click.echo(f"已新增用户 {made.name}（{made.role_name}{_dept(made.department)}）")


@user.command("end-sessions")
@click.argument("name")
@click.option("--db", "db", help="数据库地址。")
def end_user_sessions(name: str, db: str | None) -> None:
    """结束用户的所有网页登录（离职、电脑遗失）。"""
    from jihua.web.sessions import end_sessions

    with _engine(db) as engine:
        ended = end_sessions(engine, name)
    click.echo(f"已结束 {name} 的 {ended} 个登录")


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码。")
@click.option("--db", "db", help="数据库地址。")
def password(name: str, password_stdin: bool, db: str | None) -> None:
    """修改用户密码；该用户的所有登录随之结束。"""
    from jihua.web.auth import set_password

    if password_stdin:
        new = sys.stdin.readline().rstrip("\r\n")
    else:
        new = click.prompt("新密码", hide_input=True, confirmation_prompt=True)
    with _engine(db) as engine:
        ended = set_password(engine, name, new)
    click.echo(f"已修改 {name} 的密码，结束了 {ended} 个登录")


@click.group()
def token() -> None:
    """管理程序调用接口用的令牌（Authorization: Bearer …）。"""


@token.command("create")
@click.argument("name")
@click.option("--user", "user_name", required=True, help="令牌代表的用户（按其角色授权）。")
@click.option("--expires", default="90d", show_default=True, help="有效期：90d、12h 或 never。")
@click.option("--db", "db", help="数据库地址。")
def token_create(name: str, user_name: str, expires: str, db: str | None) -> None:
    """新建令牌；令牌只显示这一次。"""
    from jihua.web.tokens import create_token, parse_lifetime

    lifetime = parse_lifetime(expires)
    with _engine(db) as engine:
        secret, info = create_token(engine, user_name, name, lifetime)
    until = f"，{info.expires_at:%Y-%m-%d %H:%M} 到期" if info.expires_at else "，永不过期"
    click.echo(
        f"已为 {info.user} 新建令牌 {info.name}（编号 {info.id}{until}）。请立即保存，它不会再显示："
    )
    click.echo(secret)


@token.command("list")
@click.option("--user", "user_name", help="只列出该用户的令牌。")
@click.option("--db", "db", help="数据库地址。")
def token_list(user_name: str | None, db: str | None) -> None:
    """列出令牌（不显示令牌本身）。"""
    from jihua.web.tokens import list_tokens

    with _engine(db) as engine:
        tokens = list_tokens(engine, user_name)
    if not tokens:
        click.echo("没有令牌。")
    for t in tokens:
        used = f"{t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "从未使用"
        until = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "永不过期"
        click.echo(f"{t.id}\t{t.name}\t{t.user}\t{t.state}\t到期 {until}\t最近使用 {used}")


@token.command("revoke")
@click.argument("token_id", type=int)
@click.option("--db", "db", help="数据库地址。")
def token_revoke(token_id: int, db: str | None) -> None:
    """撤销令牌（按 jihua token list 的编号）。"""
    from jihua.web.tokens import revoke_token

    with _engine(db) as engine:
        info = revoke_token(engine, token_id)
    click.echo(f"已撤销 {info.user} 的令牌 {info.name}（编号 {info.id}）")


@contextmanager
def _engine(db: str | None) -> Iterator[Engine]:
    from jihua.store.database import create_store_engine, database_url, ensure_schema

    engine = create_store_engine(database_url(db))
    try:
        ensure_schema(engine)
        yield engine
    finally:
        engine.dispose()
