"""Cross-reference checks: every id an item or audience names exists, in the right vocabulary."""
from __future__ import annotations

from . import model
from .yamlfile import undotted


def check_references(reader, content: model.Content, lists: dict, audiences: list) -> None:
    """Record a problem for every unknown or duplicate id in the project."""
    vocab = content.vocabulary
    broken = lambda kind: {i for k, i in reader.broken if k == kind}  # reported already
    known = {
        "source": {s.id for s in content.sources} | broken("sources"),
        "finding": {f.id for f in content.findings} | broken("findings"),
        "dataset": {d.id for d in content.datasets} | broken("datasets"),
        "topic": set(vocab.topics),
        "sensitivity level": {lv.id for lv in vocab.sensitivity},
        "addressee": set(vocab.addressees),
        "quote kind": set(vocab.quote_kinds),
        "status": set(vocab.statuses),
    }

    unknowable = {"source": "sources", "finding": "findings", "dataset": "datasets"}

    def need(kind: str, value, where, field: str, secret: bool = False) -> None:
        if unknowable.get(kind) in reader.unreadable:
            return  # its file could not be read, which is reported already
        if value is not None and value not in known[kind]:
            located, path, label = where
            options = ", ".join(sorted(known[kind])) or "none defined"
            shown = "" if secret else f" '{value}'"
            reader.add(located, path + undotted(field), f"unknown {kind}{shown} (known: {options})")

    for source, where in lists["sources"]:
        need("sensitivity level", source.sensitivity, where, "sensitivity")
    for name, pairs in lists.items():
        _duplicates(reader, pairs)
        for item, where in pairs if name != "sources" else ():
            secret = reader.lowest is None or item.sensitivity != reader.lowest
            _item_refs(item, where, lambda *args: need(*args, secret=secret))
    _duplicates(reader, [(a, w) for a, w in audiences])
    datasets = {d.id: d for d in content.datasets}
    for finding, where in lists["findings"]:
        for i, figure in enumerate(finding.figures):
            _figure_refs(reader, figure, datasets, where, f"figures[{i}]")
    for dataset, where in lists["datasets"]:
        _dataset_shape(reader, dataset, where)
    ids_by_kind = {"findings": known["finding"], "datasets": known["dataset"],
                   "quotes": {q.id for q in content.quotes}, "glossary": {t.id for t in content.glossary},
                   "recommendations": {r.id for r in content.recommendations}, "stats": known["finding"],
                   "summary": known["finding"]}
    for audience, where in audiences:
        need("sensitivity level", audience.ceiling, where, "ceiling")
        for t in audience.select.topics:
            need("topic", t, where, "select.topics")
        for i, section in enumerate(audience.sections):
            field = f"sections[{i}]"
            for t in section.topics:
                need("topic", t, where, f"{field}.topics")
            for a in section.addressees:
                need("addressee", a, where, f"{field}.addressees")
            for k in section.quote_kinds:
                need("quote kind", k, where, f"{field}.quote_kinds")
            for j, status in enumerate(section.hide_progress):
                need("status", status, where, f"{field}.hide_progress[{j}]")
            valid = ids_by_kind.get(section.kind, set())
            for j, item_id in enumerate(section.ids or ()):
                if item_id not in valid:
                    located, path, label = where
                    reader.add(located, path + ("sections", i, "ids", j),
                               f"no {section.kind} item has id '{item_id}'")


def _item_refs(item, where, need) -> None:
    for i, t in enumerate(item.topics):
        need("topic", t, where, f"topics[{i}]")
    need("sensitivity level", item.sensitivity, where, "sensitivity")
    if hasattr(item, "source"):
        need("source", item.source, where, "source")
    if isinstance(item, model.Quote):
        need("quote kind", item.kind, where, "kind")
    if isinstance(item, model.Recommendation):
        need("addressee", item.addressee, where, "addressee")
        for i, finding_id in enumerate(item.findings):
            need("finding", finding_id, where, f"findings[{i}]")
        for i, update in enumerate(item.progress):
            need("status", update.status, where, f"progress[{i}].status")
            need("source", update.source, where, f"progress[{i}].source")
        for name in ("based_on", "regulation"):
            if getattr(item, name):
                need("source", getattr(item, name).source, where, f"{name}.source")
    if isinstance(item, model.Finding):
        for i, older in enumerate(item.supersedes):
            need("finding", older, where, f"supersedes[{i}]")


def _figure_refs(reader, figure: model.Figure, datasets: dict, where, field: str) -> None:
    located, path, label = where
    at = path + undotted(field)
    if figure.dataset is None:
        if figure.row is not None or figure.column is not None:
            reader.add(located, at, "row and column need a dataset")
        return
    dataset = datasets.get(figure.dataset)
    if dataset is None:
        reader.add(located, at + ("dataset",), f"unknown dataset '{figure.dataset}'")
        return
    columns = [c.id for c in dataset.columns]
    if figure.column not in columns:
        reader.add(located, at + ("column",), f"dataset '{dataset.id}' has no column '{figure.column}' "
                   f"(columns: {', '.join(columns)})")
    if figure.row not in _row_labels(dataset):
        reader.add(located, at + ("row",), f"dataset '{dataset.id}' has no row '{figure.row}'")


NUMERIC = {"integer": (int,), "decimal": (int, float), "percent": (int, float)}


def _dataset_shape(reader, dataset: model.Dataset, where) -> None:
    located, path, label = where
    columns = dataset.columns
    for r, row in enumerate(dataset.rows):
        at = path + ("rows", r)
        if len(row) != len(columns):
            reader.add(located, at, f"row has {len(row)} cells; the dataset has {len(columns)} columns")
            continue
        for column, cell in zip(columns, row):
            types = NUMERIC.get(column.type, (str,))
            if cell is not None and (isinstance(cell, bool) or not isinstance(cell, types)):
                secret = reader.lowest is None or dataset.sensitivity != reader.lowest
                got = "" if secret else f", got {cell!r}"
                reader.add(located, at, f"column '{column.id}' is {column.type}{got}")
    chart = dataset.chart
    if chart:
        ids = {c.id: c for c in columns}
        for field, col in [("category", chart.category)] + [("values", v) for v in chart.values]:
            if col not in ids:
                reader.add(located, path + ("chart", field), f"unknown column '{col}'")
            elif field == "values" and ids[col].type == "text":
                reader.add(located, path + ("chart", field), f"column '{col}' is text; a chart needs numbers")
        if chart.type == "bar" and len(chart.values) != 1:
            reader.add(located, path + ("chart", "values"), "a bar chart takes one value column; "
                       "use grouped-bar for several")
    _dataset_checks(reader, dataset, where)


def _dataset_checks(reader, dataset: model.Dataset, where) -> None:
    """Record a problem for every row or column a dataset's `checks:` names that is not there."""
    located, path, label = where
    columns = {c.id: c for c in dataset.columns}
    rows = _row_labels(dataset)
    if dataset.totals is not None:
        if dataset.totals.label in rows[:-1]:
            reader.add(located, path + ("totals", "label"), f"is also a row of dataset '{dataset.id}'; "
                       "the totals are the row the source gives, not one the table shows")
        for column in dataset.totals.values:
            if column not in columns or columns[column].type == "text":
                reader.add(located, path + ("totals", "values", column), f"dataset '{dataset.id}' has no "
                           f"numeric column '{column}' (columns: {', '.join(columns)})")
    for i, check in enumerate(dataset.checks):
        at = path + ("checks", i)
        named_rows = [(("sum",), check.sum), (("total_row",), check.total_row)]
        named_rows += [(("parts", j), row) for j, row in enumerate(check.parts)]
        for field, row in named_rows:
            if row is not None and row not in rows:
                reader.add(located, at + field, f"dataset '{dataset.id}' has no row '{row}'")
        named_columns = [(("columns", j), c) for j, c in enumerate(check.columns)]
        named_columns += [(("percent",), check.percent), (("count",), check.count), (("total",), check.total)]
        for field, column in named_columns:
            if column is None:
                continue
            if column not in columns:
                reader.add(located, at + field, f"dataset '{dataset.id}' has no column '{column}' "
                           f"(columns: {', '.join(columns)})")
            elif columns[column].type == "text":
                reader.add(located, at + field, f"column '{column}' is text; a check needs numbers")
            elif field == ("percent",) and columns[column].type != "percent":
                reader.add(located, at + field, f"column '{column}' is {columns[column].type}; "
                           "'percent' names a percent column")


def _row_labels(dataset: model.Dataset) -> list[str]:
    """Return the labels of a dataset's rows, its totals' last (checks and figures may name them)."""
    labels = [str(row[0]) for row in dataset.rows if row]
    return labels + ([dataset.totals.label] if dataset.totals is not None else [])


def _duplicates(reader, pairs) -> None:
    seen: dict[str, str] = {}
    for item, (located, path, label) in pairs:
        key = item.id.casefold()
        if key in seen:
            reader.add(located, path + ("id",), f"duplicate id (also used by {seen[key]})")
        else:
            seen[key] = f"line {located.line(path)}"
