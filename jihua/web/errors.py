"""One shape for every error, in Chinese: a page for the browser, ``{"detail": …}`` for the API.

=====  =============================================  ==========================
code   when                                           message
=====  =============================================  ==========================
4xx    a :class:`jihua.errors.UserError`              its own message
404    no such page or route                          找不到页面：/path
405    a method the route does not take               不支持 POST 请求：/path
422    a field missing or of the wrong form           请求内容有误：字段 x：应为整数
422    an upload past its time or memory limit        文件解析超过 7 秒，已停止
429    too many wrong passwords                       登录失败次数过多…（Retry-After）
503    the database stayed locked past its timeout    系统繁忙，请稍后重试（Retry-After）
503    the write process did not answer               写入进程没有应答，这次修改可能没有保存…
500    a bug                                          服务器内部错误（编号 …）
=====  =============================================  ==========================

A 500 is logged with its traceback under an id the user can quote to the
administrator; the page shows the id, never the traceback.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from jihua.errors import UserError
from jihua.limits import OverBudget
from jihua.store.changes import EditConflict
from jihua.store.vintages import MissingRow
from jihua.store.write_server import WritesUnavailable
from jihua.web.auth import LoginRequired, logged_in
from jihua.web.csrf import CsrfRefused
from jihua.web.permissions import Refused
from jihua.web.plans import NotFound
from jihua.web.rendering import page
from jihua.web.throttle import TooManyTries
from jihua.web.uploads import TooLarge

LOG = logging.getLogger("jihua.web")
STATUS_OF: list[tuple[type[UserError], int]] = [
    (LoginRequired, 401),
    (Refused, 403),
    (CsrfRefused, 403),
    (NotFound, 404),
    (MissingRow, 404),
    (EditConflict, 409),
    (TooLarge, 413),
    (OverBudget, 422),
    (TooManyTries, 429),
    (WritesUnavailable, 503),
]
_PROBLEMS = {
    "missing": "缺少此项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为是或否",
    "string_type": "应为文字",
    "string_too_long": "过长",
    "string_too_short": "不能为空",
    "too_long": "过长",
    "too_short": "过短",
    "greater_than_equal": "过小",
    "less_than_equal": "过大",
    "greater_than": "过小",
    "less_than": "过大",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为列表",
    "enum": "不在可选值之中",
    "literal_error": "不在可选值之中",
    "extra_forbidden": "不应出现",
}
_WHERE = {
    "path": "路径",
    "query": "查询参数",
    "body": "请求体",
    "header": "请求头",
    "cookie": "Cookie",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(UserError, _user_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(OperationalError, _busy_or_bug)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _bug)


def status_of(error: UserError) -> int:
    return next((code for kind, code in STATUS_OF if isinstance(error, kind)), 400)


async def _user_error(request: Request, error: UserError) -> Response:
    code = status_of(error)
    if code == 401 and not _wants_json(request):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyTries) else {}
    return error_response(request, code, error.message, headers)


async def _http_error(request: Request, error: HTTPException) -> Response:
    if error.status_code == 404:
        message = f"找不到页面：{request.url.path}"
    elif error.status_code == 405:
        message = f"不支持 {request.method} 请求：{request.url.path}"
    else:
        message = f"请求无法完成（HTTP {error.status_code}）"
    return error_response(request, error.status_code, message, dict(error.headers or {}))


async def _invalid_request(request: Request, error: RequestValidationError) -> Response:
    problems = [_problem(item) for item in error.errors()]
    return error_response(request, 422, "请求内容有误：" + "；".join(problems[:5]))


def _problem(item: dict[str, Any]) -> str:
    where = [str(part) for part in item.get("loc", ())]
    place = _WHERE.get(where[0], where[0]) if where else "请求"
    field = ".".join(where[1:])
    what = _PROBLEMS.get(str(item.get("type")), "格式不对")
    return f"{place}字段 {field}：{what}" if field else f"{place}：{what}"


#: what a database says when a lock was not granted within its timeout
_BUSY_WORDS = (
    "database is locked",
    "database table is locked",
    "lock timeout",
    "could not obtain lock",
)


async def _busy_or_bug(request: Request, error: OperationalError) -> Response:
    """A write that waited on another past the busy timeout is busy, not broken: 503."""
    if any(word in str(error.orig).lower() for word in _BUSY_WORDS):
        LOG.warning("数据库繁忙：%s %s", request.method, request.url.path)
        return error_response(request, 503, "系统繁忙，请稍后重试", {"Retry-After": "5"})
    return await _bug(request, error)


async def _bug(request: Request, error: Exception) -> Response:
    error_id = secrets.token_hex(4)
    LOG.error("内部错误 %s：%s %s", error_id, request.method, request.url.path, exc_info=error)
    return error_response(request, 500, f"服务器内部错误（编号 {error_id}），请把编号告诉管理员")


def error_response(
    request: Request, code: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=code, headers=headers)
    user = _user_or_none(request)
    response = page(request, "error.html", user, status_code=code, message=message, code=code)
    response.headers.update(headers or {})
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _user_or_none(request: Request) -> Any:
    """The user for the page's navigation; an error page must render even when the store fails."""
    try:
        return logged_in(request)
    except Exception:  # the error being shown may be the store's own
        return None
