"""The one exception a user sees.

``UserError`` carries a message a planner understands (in Chinese): what is
wrong and where. The CLI prints it on one line and exits 2; the web app turns
it into a 4xx response with the same text. Anything else escaping is a bug.
:func:`os_error_text` words what the operating system refused, for such a message.
"""

import errno


class UserError(Exception):
    """A mistake in the user's input: a file, an option, a value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


#: what the operating system said, in the user's words (``strerror`` is English)
_OS_ERRORS = {
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.ENOSPC: "磁盘已满",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EROFS: "磁盘只读",
    errno.ELOOP: "路径中的符号链接循环",
}


def os_error_text(exc: OSError) -> str:
    """An ``OSError`` as a planner reads it: ``文件不存在``, ``没有读写权限``, …"""
    return _OS_ERRORS.get(exc.errno or 0, f"系统错误（错误号 {exc.errno}）")
