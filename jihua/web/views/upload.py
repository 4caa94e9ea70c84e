"""上传与审核: upload a report, see the extraction beside its sentences, correct it, save it.

The review page is a form: each figure's target and actual (table rows) or
value (prose facts) can be corrected, or the figure dropped; 确认入库 stores
the report with those corrections in one transaction (:mod:`jihua.web.review`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from jihua.document import Document as ReadDocument
from jihua.document import read_bytes
from jihua.errors import UserError
from jihua.store.ingest import ingest_reviewed
from jihua.web.auth import CurrentUser, require_user
from jihua.web.csrf import verify_csrf
from jihua.web.parsing import read_apart
from jihua.web.pending import forget_pending, keep_pending, pending_upload
from jihua.web.permissions import require_planner
from jihua.web.rendering import page
from jihua.web.review import corrections, filing_of
from jihua.web.uploads import MAX_BYTES, Preview, preview, safe_name, too_large

router = APIRouter(include_in_schema=False)
Login = Annotated[CurrentUser, Depends(require_user)]
#: a review form holds three fields per figure; a long report has a few hundred figures
REVIEW_FIELDS = 10_000


def limit_upload(request: Request) -> None:
    """Refuse an oversized body before it is read (a margin for the form's other fields)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BYTES + 64 * 1024:
        raise too_large(int(length))


async def uploaded_file(request: Request, what: str = "报告") -> tuple[bytes, str]:
    """The uploaded file's bytes and safe name (``what``: 报告 or 通报, for the message)."""
    form = await request.form(max_files=1, max_fields=10)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UserError(f"请选择要上传的{what}文件（.txt、.docx、.doc、.xlsx、.xls、.pdf、.html）")
    data = await upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    return data, safe_name(upload.filename)


async def preview_apart(request: Request, data: bytes, source: str) -> Preview:
    """The upload's preview, read in a worker process within the app's limits
    (:mod:`jihua.web.parsing`): the event loop serves others meanwhile."""
    limits = request.app.state.parse_limits
    return await run_in_threadpool(read_apart, preview, (data, source), source, limits)


async def read_apart_document(request: Request, data: bytes, source: str) -> ReadDocument:
    """The upload read in a worker process within the app's limits, for storing: a file
    that passed them once is still not read again where the server runs."""
    limits = request.app.state.parse_limits
    return await run_in_threadpool(read_apart, read_bytes, (data, source), source, limits)


@router.get("/upload")
def upload_form(request: Request, user: Login) -> HTMLResponse:
    require_planner(user, "上传报告")
    return page(request, "upload.html", user)


@router.post("/upload", dependencies=[Depends(limit_upload), Depends(verify_csrf)])
async def upload(request: Request, user: Login) -> HTMLResponse:
    require_planner(user, "上传报告")
    data, source = await uploaded_file(request)
    shown = await preview_apart(request, data, source)
    engine = request.app.state.engine
    token = await run_in_threadpool(keep_pending, engine, data, source, user.name, shown)
    filing = await run_in_threadpool(filing_of, engine, shown)
    return page(request, "review.html", user, preview=shown, token=token, filing=filing)


@router.post("/upload/{token}/save", dependencies=[Depends(verify_csrf)])
async def save(request: Request, token: str, user: Login) -> Response:
    require_planner(user, "保存上传的报告")
    engine = request.app.state.engine
    item = await run_in_threadpool(pending_upload, engine, token, user.name)
    form = await request.form(max_files=0, max_fields=REVIEW_FIELDS)
    fields = {name: value for name, value in form.items() if isinstance(value, str)}
    edits = corrections(item.shown, fields)
    document = await read_apart_document(request, item.data, item.source)
    result = await run_in_threadpool(
        ingest_reviewed, engine, item.data, item.source, user.name, edits, document
    )
    await run_in_threadpool(forget_pending, engine, token, user.name)
    return page(request, "saved.html", user, result=result, edits=edits, years=result.years)


@router.post("/upload/{token}/discard", dependencies=[Depends(verify_csrf)])
def discard(
    request: Request, token: str, user: Login, back: Annotated[str, Form()] = ""
) -> Response:
    forget_pending(request.app.state.engine, token, user.name)
    return RedirectResponse("/upload", status_code=303)
