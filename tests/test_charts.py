"""Charts: print resolution, the theme's colours, equal bytes for equal charts, and the cache."""
from __future__ import annotations

import dataclasses
import io
import subprocess
import sys

import pytest
from PIL import Image

from briefgen import charts, theme
from briefgen import document as d

CHART = d.Chart(
    "Images on one forum", "grouped-bar", ("Posted", "Criminal"),
    (d.Series("September 2023", (20254, 2978)), d.Series("March-April 2024", (13906, 3512))),
    "images", "Bar chart of images posted and criminal images.", "IWF, July 2024 [2]",
)
THEME = theme.default()


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(charts, "_memory", {})
    monkeypatch.delenv("BRIEFGEN_CACHE", raising=False)


def refuse_to_draw(monkeypatch):
    def draw(chart, theme):
        raise AssertionError("matplotlib was asked to draw again")

    monkeypatch.setattr(charts, "draw", draw)


def test_chart_has_at_least_200_dots_per_inch_across_the_text_column():
    image = Image.open(io.BytesIO(charts.png(CHART, THEME)))
    text_width_inches = (210 - 2 * THEME.page.margin_mm) / 25.4
    assert image.width >= 200 * text_width_inches
    assert round(min(image.info["dpi"])) >= 200  # PNG stores whole dots per metre


def test_bars_are_in_the_accent_and_its_lighter_tint():
    image = Image.open(io.BytesIO(charts.png(CHART, THEME))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    for hex_colour in charts.series_colours(THEME, 2):
        rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, hex_colour


def test_the_same_chart_is_drawn_to_the_same_bytes():
    assert charts.draw(CHART, THEME) == charts.draw(CHART, THEME)


def test_a_second_request_is_served_from_memory(monkeypatch):
    first = charts.png(CHART, THEME)
    refuse_to_draw(monkeypatch)
    assert charts.png(CHART, THEME) == first


def test_the_disk_cache_serves_a_new_process(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFGEN_CACHE", str(tmp_path))
    first = charts.png(CHART, THEME)
    assert [p.read_bytes() for p in (tmp_path / "charts").iterdir()] == [first]
    monkeypatch.setattr(charts, "_memory", {})  # as if a new process
    refuse_to_draw(monkeypatch)
    assert charts.png(CHART, THEME) == first


def test_changed_data_or_theme_is_drawn_afresh():
    key = charts.cache_key(CHART, THEME)
    new_data = dataclasses.replace(CHART, series=(d.Series("September 2023", (1, 2)),))
    new_colour = THEME.colour.model_copy(update={"accent": "#7A0B5C"})
    new_accent = THEME.model_copy(update={"colour": new_colour})
    assert charts.cache_key(new_data, THEME) != key
    assert charts.cache_key(CHART, new_accent) != key
    assert charts.cache_key(dataclasses.replace(CHART, caption="Other words"), THEME) == key


def test_value_labels_use_thousands_separators_and_percent():
    assert charts.value_label(20254, "images") == "20,254"
    assert charts.value_label(32, "%") == "32%"
    assert charts.value_label(12.5, "%") == "12.5%"


def test_importing_charts_does_not_import_matplotlib():
    code = "import sys, briefgen.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_a_cache_folder_that_cannot_be_written_does_not_stop_a_chart(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFGEN_CACHE", str(blocker))
    charts._memory.clear()
    assert charts.png(CHART, THEME).startswith(b"\x89PNG")
