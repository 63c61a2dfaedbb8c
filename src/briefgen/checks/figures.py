"""Figures: datasets add up, percentages match their counts, findings quote their datasets exactly.

Numbers shown rounded are allowed their rounding: a percentage written `16` may be anything
from 15.5 to 16.5, and parts written to whole percentages may miss a total of 100 by half a
point each (and the total by its own half point). Counts (integer columns) add up exactly.
A dataset's `totals` (the source's total row, not shown) is a row to its checks like any other.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ..errors import Problem
from ..model import Content, Dataset, DatasetCheck

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


def check(content: Content, where, tally=None) -> list[Problem]:
    """Return an error for every dataset check that fails and every figure that misquotes a cell;
    count in `tally` the datasets that add up, that do not, and that have nothing to check."""
    problems = []
    checked: dict[str, bool] = {}  # dataset id -> all its checks hold
    for dataset in content.datasets:
        table = _Table(dataset)
        for index, rule in enumerate(dataset.checks):
            found = _sum(table, rule, index, where) if rule.sum is not None else _percent(table, rule, index, where)
            checked[dataset.id] = checked.get(dataset.id, True) and not found
            problems += found
    datasets = {d.id: _Table(d) for d in content.datasets}
    for finding in content.findings:
        for index, figure in enumerate(finding.figures):
            table = datasets.get(figure.dataset)
            cell = table.cell(figure.row, figure.column) if table else None
            if cell is None:
                continue  # no reference, or one the loader reported already
            expected = format_cell(cell, table.types[figure.column])
            agrees = _quotes(figure.value, expected)
            checked[figure.dataset] = checked.get(figure.dataset, True) and agrees
            if not agrees:
                problems.append(where.problem(
                    "findings", finding.id, ("figures", index, "value"),
                    f"'{figure.value}' does not match dataset '{figure.dataset}', row '{figure.row}', "
                    f"column '{figure.column}': expected '{expected}'",
                    withheld=f"does not match the cell of dataset '{figure.dataset}' it names"))
    if tally is not None:
        tally.add("datasets.add_up", sum(checked.values()))
        tally.add("datasets.fail", len(checked) - sum(checked.values()))
        tally.add("datasets.nothing_to_check", len(content.datasets) - len(checked))
    return problems


def format_cell(value, column_type: str) -> str:
    """Return a cell as the briefing prints it: 20254 -> '20,254', 32 (percent) -> '32%'."""
    if column_type == "text":
        return str(value)
    return f"{value:,}%" if column_type == "percent" else f"{value:,}"


class _Table:
    """A dataset's cells by row label and column id."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.types = {c.id: c.type for c in dataset.columns}
        self.position = {c.id: i for i, c in enumerate(dataset.columns)}
        self.rows = {str(row[0]): r for r, row in enumerate(dataset.rows) if row}
        self.totals = dataset.totals
        if self.totals is not None:
            self.rows.setdefault(self.totals.label, None)

    def cell(self, row: str | None, column: str | None):
        if self.totals is not None and row == self.totals.label and self.rows.get(row) is None:
            return self.totals.values.get(column)
        r, c = self.rows.get(row), self.position.get(column)
        if r is None or c is None or c >= len(self.dataset.rows[r]):
            return None
        return self.dataset.rows[r][c]

    def numeric(self) -> list[str]:
        return [c for c, kind in self.types.items() if kind != "text"]

    def problem(self, where, row: str, message: str, withheld: str) -> Problem:
        field = ("totals",) if self.rows[row] is None else ("rows", self.rows[row])
        return where.problem("datasets", self.dataset.id, field, message, withheld=withheld)


def _sum(table: _Table, rule: DatasetCheck, index: int, where) -> list[Problem]:
    problems = []
    for column in rule.columns or table.numeric():
        total = table.cell(rule.sum, column)
        parts = [table.cell(part, column) for part in rule.parts]
        if not _numbers(total, *parts):
            continue
        added = sum(parts)
        slack = 0 if table.types[column] == "integer" else sum(map(_half_unit, (total, *parts)))
        if abs(added - total) > slack + 1e-9:
            shown = format_cell(_tidy(added), table.types[column])
            allowed = f" (rounding allows ±{slack:g})" if slack else ""
            problems.append(table.problem(where, rule.sum, (
                f"row '{rule.sum}', column '{column}' is {format_cell(total, table.types[column])}, but "
                f"its {len(parts)} parts add up to {shown}{allowed} (checks[{index}])"),
                f"its parts do not add up to it (checks[{index}])"))
    return problems


def _percent(table: _Table, rule: DatasetCheck, index: int, where) -> list[Problem]:
    problems = []
    for label in table.rows:
        shown = table.cell(label, rule.percent)
        count = table.cell(label, rule.count)
        total = table.cell(label, rule.total) if rule.total else table.cell(rule.total_row, rule.count)
        if not _numbers(shown, count, total) or total == 0:
            continue
        actual = count / total * 100
        if abs(actual - shown) > _half_unit(shown) + 1e-9:
            places = _places(shown)
            expected = Decimal(repr(actual)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
            problems.append(table.problem(where, label, (
                f"row '{label}', column '{rule.percent}' is {format_cell(shown, 'percent')}, expected "
                f"{format_cell(expected, 'percent')}: {format_cell(count, 'integer')} of "
                f"{format_cell(total, 'integer')} is {actual:.{places + 2}f}% (checks[{index}])"),
                f"its percentage does not match its count and total (checks[{index}])"))
    return problems


def _quotes(value: str, expected: str) -> bool:
    """Return True if the figure's value states `expected`, e.g. 'over 99%' states '99%'."""
    return value.strip() == expected or expected in NUMBER.findall(value)


def _numbers(*values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _places(value) -> int:
    """Return the decimal places `value` is written with: 16 -> 0, 0.06 -> 2."""
    return 0 if isinstance(value, int) else max(0, -Decimal(repr(value)).as_tuple().exponent)


def _half_unit(value) -> float:
    """Return half a unit in the last place `value` is written to: the most its rounding hides."""
    return 0.5 * 10 ** -_places(value)


def _tidy(value: float):
    return int(value) if float(value).is_integer() else round(value, 10)
