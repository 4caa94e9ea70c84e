"""The ``jihua`` command. Each command parses its arguments and calls the library.

Messages are in Chinese, like the reports. A user mistake (``UserError``)
prints one line to stderr and exits 2; there is no traceback.

One module per command group (``analyze``, ``extract``, ``monitor``,
``report``, ``store``, ``web``), imported only when one of its commands runs:
``jihua --help`` lists every command from :data:`COMMANDS` without importing
any, and ``jihua analyze`` never loads the store, SQLAlchemy or the web app.
A planner waits for every command, so nothing heavy is imported at the top of
this package or of :mod:`jihua`.
"""

from __future__ import annotations

import importlib
import sys
from gettext import gettext as _
from typing import Any

import click

from jihua.errors import UserError

#: command → (``module:attribute`` that defines it, its help's first paragraph for the list)
COMMANDS: dict[str, tuple[str, str]] = {
    "actual": ("jihua.cli.store:actual", "完成值：录入统计快报、年报等后续口径。"),
    "analyze": (
        "jihua.cli.analyze:analyze",
        "评价计划执行情况表；没有指标表时评价正文所列的目标与实绩（不给 FILE 时用内置的涪陵区示例）。",
    ),
    "audit": (
        "jihua.cli.report:audit_command",
        "审核报告：总数与分项、正文的总数比率差值、文表一致、评价一致、批准目标（不给 FILE 时用内置的"
        " 涪陵区示例；给 --region 和 --year 时读库中的计划）。",
    ),
    "compare": (
        "jihua.cli.store:compare",
        "比较各地区同一指标的目标、完成值与评价（按完成值排序）。",
    ),
    "db": ("jihua.cli.store:db", "数据库：升级结构、备份。"),
    "export": (
        "jihua.cli.store:export",
        "导出数据库或其中一张表：json（可用 jihua import 还原）、xlsx、csv、parquet。",
    ),
    "extract": ("jihua.cli.extract:extract", "抽取报告中的全部数字事实、指标表、项目和任务。"),
    "history": ("jihua.cli.store:history", "一个指标的目标、各口径完成值、评价及全部修改记录。"),
    "import": (
        "jihua.cli.store:import_",
        "导入：jihua export 的 JSON（还原到空库）、完成值表、项目清单、年度目标或月度数据。",
    ),
    "ingest": (
        "jihua.cli.store:ingest",
        "抽取并入库计划报告或统计通报（不给 FILE 时用内置的涪陵区示例）。",
    ),
    "monitor": (
        "jihua.cli.monitor:monitor_command",
        "经济运行调度：指标序时进度与红黄绿灯、项目进度、任务进展报送情况。",
    ),
    "report": (
        "jihua.cli.report:report_command",
        "生成评价报告：docx、xlsx、pdf 或 html（不给 FILE 时用内置的涪陵区示例；"
        " 给 --region 和 --year 时读库中的计划；--monitor --period 2024-06 生成调度通报）。",
    ),
    "rules": ("jihua.cli.analyze:rules", "打印默认评价规则（复制后修改，用 --rules 指定）。"),
    "series": (
        "jihua.cli.store:series",
        "一个指标已入库的月度/季度数据（累计期间、增速或总量、口径、来源）。",
    ),
    "serve": ("jihua.cli.web:serve", "启动网页应用（空库时先导入内置的涪陵区示例）。"),
    "targets": (
        "jihua.cli.store:targets",
        "一个地区一个指标历年的目标、完成值与评价（指标名可用同义词）。",
    ),
    "template": (
        "jihua.cli.store:template",
        "生成导入模板（.xlsx 或 .csv）：完成值表、项目清单、年度目标或月度数据。",
    ),
    "token": ("jihua.cli.web:token", "管理程序调用接口用的令牌（Authorization: Bearer …）。"),
    "user": ("jihua.cli.web:user", "管理网页应用的用户。"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported from :data:`COMMANDS` when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of ``--help``: a command not loaded yet shows its summary from
        :data:`COMMANDS`, cut to the width exactly as click cuts a loaded command's help."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._listed(name).get_short_help_str(limit)) for name in names]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # suggest among all commands, loaded or not
            name = click.utils.make_str(args[0])
            possibilities = self.list_commands(ctx)
            raise click.exceptions.NoSuchCommand(
                name, possibilities=possibilities, ctx=ctx
            ) from exc

    def _listed(self, name: str) -> click.Command:
        if name in self.commands:
            return self.commands[name]
        return click.Command(name, help=COMMANDS[name][1])


def load_command(name: str) -> click.Command:
    """Import the command ``name`` from its module."""
    module_name, attribute = COMMANDS[name][0].split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{module_name}:{attribute} is not a click command")
    return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jihua")
def cli() -> None:
    """jihua：国民经济和社会发展计划的抽取、评价与报告。"""


def main() -> None:
    from jihua.limits import allow_interrupts

    allow_interrupts()  # a document past its time is stopped where it stands (jihua.limits)
    try:
        cli(standalone_mode=False)
    except UserError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    finally:
        allow_interrupts(False)  # main() called in a process that goes on (a test) leaves no timer


def __getattr__(name: str) -> Any:
    """``EXAMPLE`` and ``example_document`` as before they moved to :mod:`jihua.example`."""
    if name in ("EXAMPLE", "example_document"):
        return getattr(importlib.import_module("jihua.example"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
