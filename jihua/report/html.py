"""The evaluation as one printable HTML page: inline CSS, charts as data URIs.

Nothing is fetched from elsewhere (users are on offline intranets). The page
is rendered by Jinja2 with autoescaping from :data:`TEMPLATE`; every figure
comes from :class:`jihua.report.content.ReportContent`.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment

from jihua.report.charts import GRADE_COLOURS, category_chart, tally_chart
from jihua.report.content import NO_PROJECTS_NOTE, ReportContent
from jihua.report.docx import BREAKDOWN_TITLES, project_line, project_sentence

TEMPLATE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ c.title }}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "FangSong", "Noto Serif CJK SC", serif; font-size: 16pt;
       line-height: 1.75; max-width: 156mm; margin: 2em auto; color: #111; }
h1 { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; }
p { text-indent: 2em; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4; margin: .5em 0; }
caption { font-family: "黑体", "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; }
td.name { text-align: left; }
tr.sub td.name { padding-left: 1.5em; }
tr.band td { text-align: left; background: #f2f2f2; font-family: "楷体_GB2312", "AR PL KaitiM GB", serif; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.note { font-size: 12pt; text-indent: 0; }
.box { border: 1px solid #000; padding: .5em 1em; margin: .5em 0; font-size: 12pt; }
.box p { text-indent: 0; }
.box h3 { text-align: center; font-size: 14pt; margin: 0; }
img { display: block; margin: .5em auto; max-width: 100%; }
{% for grade, colour in colours.items() %}.g-{{ loop.index }} { color: {{ colour }}; }
{% endfor %}
</style>
</head>
<body>
<h1>{{ c.title }}</h1>
<h2>一、总体情况</h2>
<p>{{ c.summary }}</p>
{% if tally_png %}<img alt="计划指标完成情况" src="data:image/png;base64,{{ tally_png }}">{% endif %}
<h2>二、{{ c.report_year or "" }}年计划执行情况</h2>
<table>
<caption>{{ c.execution_title }}</caption>
<thead><tr>{% for h in c.execution_header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for r in c.execution_rows %}<tr{% if r.subrow %} class="sub"{% endif %}><td>{{ r.no }}</td><td class="name">{{ r.name }}</td><td>{{ r.target }}</td><td>{{ r.actual }}</td><td class="{{ grade_class.get(r.grade, '') }}">{{ r.grade }}</td></tr>
{% endfor %}</tbody>
</table>
<p class="note">{{ c.execution_note }}</p>
{% if category_png %}<img alt="各类别指标完成情况" src="data:image/png;base64,{{ category_png }}">{% endif %}
<h2>三、{{ c.plan_year or "" }}年主要指标计划</h2>
<table>
<caption>{{ c.plan_title }}</caption>
<thead><tr>{% for h in c.plan_header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for g in c.plan_groups %}<tr class="band"><td colspan="{{ c.plan_header|length }}">{{ g.category }}</td></tr>
{% for r in g.rows %}<tr{% if r.subrow %} class="sub"{% endif %}><td>{{ r.no }}</td><td class="name">{{ r.name }}</td><td>{{ r.target }}</td></tr>
{% endfor %}{% endfor %}</tbody>
</table>
<p class="note">{{ c.plan_note }}</p>
<h2>四、{{ c.plan_year or "" }}年项目安排</h2>
{% for box in projects %}<div class="box"><h3>专栏{{ loop.index }}：{{ box.caption }}</h3>
{% for line in box.lines %}<p>{{ line }}</p>
{% endfor %}</div>
{% else %}<p>{{ no_projects }}</p>
{% endfor %}
{% if c.findings %}<h2>五、审核发现</h2>
<table>
<thead><tr><th>检查</th><th>严重程度</th><th>说明</th></tr></thead>
<tbody>{% for f in c.findings %}<tr><td>{{ f.check }}</td><td>{{ f.severity }}</td><td class="name">{{ f.message }}</td></tr>
{% endfor %}</tbody>
</table>{% endif %}
</body>
</html>
"""


def write_html(content: ReportContent, out: Path) -> None:
    out.write_text(html_text(content), encoding="utf-8")


def html_text(content: ReportContent) -> str:
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    template = environment.from_string(TEMPLATE)
    year = content.report_year or ""
    tally = (
        _data_uri(tally_chart(content.tally, f"{year}年计划指标完成情况")) if content.tally else ""
    )
    by_category = content.grades_by_category
    category = _data_uri(category_chart(by_category, "各类别指标完成情况")) if by_category else ""
    return template.render(
        c=content,
        colours=GRADE_COLOURS,
        grade_class={grade: f"g-{i}" for i, grade in enumerate(GRADE_COLOURS, start=1)},
        tally_png=tally,
        category_png=category,
        projects=_project_boxes(content),
        no_projects=NO_PROJECTS_NOTE,
    )


def _project_boxes(content: ReportContent) -> list[dict[str, object]]:
    boxes: list[dict[str, object]] = []
    for group in content.projects:
        lines = [project_sentence(group)]
        for kind, parts in group.breakdowns:
            lines.append(f"{BREAKDOWN_TITLES.get(kind, kind)}：")
            lines.extend(
                f"{i}. {project_line(p.label, p.count, p.annual_investment, group.unit)}"
                for i, p in enumerate(parts, start=1)
            )
        boxes.append({"caption": f"{group.year or ''}年{group.label}计划", "lines": lines})
    return boxes


def _data_uri(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")
