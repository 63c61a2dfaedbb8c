"""Charts: direct labels, no legend, print resolution, the theme's colours, SVG with text as text,
equal bytes for equal charts, and the cache."""
from __future__ import annotations

import dataclasses
import io
import subprocess
import sys

import pytest
from PIL import Image

from briefgen import charts, theme
from briefgen import document as d
from briefgen.theme import metrics

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


ONE_SERIES = d.Chart("Realistic images", "bar", ("September 2023", "March–April 2024"),
                     (d.Series("Share realistic", (82, 90)),), "%", "Bar chart: 82% then 90%.", "IWF [2]")


def written(drawn: charts.Layout) -> list[str]:
    return [label.text for label in drawn.labels]


def test_values_are_written_at_the_bar_ends_and_series_named_on_the_bars_not_in_a_legend():
    drawn = charts.layout(CHART, THEME, charts.frame_width(THEME), beside=True)
    by_text = {label.text: label for label in drawn.labels}
    for bar, value in zip(drawn.bars, ("20,254", "13,906", "2,978", "3,512")):
        assert by_text[value].x == pytest.approx(bar.x + bar.width + charts.PAD)
        assert bar.y < by_text[value].y < bar.y + bar.height  # the baseline within the bar
    # Each series is named once, after the first category's value, in its own bar's row.
    names = [label for label in drawn.labels if label.text in ("September 2023", "March-April 2024")]
    assert [n.text for n in names] == ["September 2023", "March-April 2024"]
    assert [n.y for n in names] == [by_text["20,254"].y, by_text["13,906"].y]
    assert names[0].x > by_text["20,254"].x and names[1].x > by_text["13,906"].x


def test_a_chart_of_one_series_names_no_series():
    drawn = charts.layout(ONE_SERIES, THEME, charts.frame_width(THEME), beside=True)
    assert written(drawn) == ["September 2023", "82%", "March–April 2024", "90%"]


def test_labels_beside_the_bars_in_print_and_above_them_on_a_phone():
    wide = charts.layout(ONE_SERIES, THEME, charts.frame_width(THEME), beside=True)
    side = THEME.page.side_mm * 72 / 25.4
    assert [bar.x for bar in wide.bars] == pytest.approx([side + THEME.page.gutter_mm * 72 / 25.4] * 2)
    narrow = charts.layout(ONE_SERIES, THEME, 236, beside=False)
    assert [bar.x for bar in narrow.bars] == [0, 0]
    category = next(label for label in narrow.labels if label.text == "September 2023")
    assert category.y < narrow.bars[0].y  # above its bar


def test_every_label_fits_the_width_and_long_categories_wrap():
    long = dataclasses.replace(CHART, categories=("Images realistic enough to assess as pseudo-photographs "
                                                  "(share of all images assessed)", "Criminal"))
    for width, beside in ((charts.frame_width(THEME), True), (236, False)):
        drawn = charts.layout(long, THEME, width, beside)
        for label in drawn.labels:
            face = "cell_head" if label.bold else "cell"
            assert label.x + metrics.width(THEME, face, label.text) <= width + 0.01, label.text
        assert len([label for label in drawn.labels if not label.bold and label.x == 0]) > 2  # wrapped


def test_the_svg_keeps_text_as_text_escaped_in_the_theme_family():
    hostile = dataclasses.replace(ONE_SERIES, categories=("<b>R&D</b>", "Two"))
    svg = charts.svg(hostile, THEME, narrow=True)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ') and "width=" not in svg.split(">")[0]
    assert "<text " in svg and "&lt;b&gt;R&amp;D&lt;/b&gt;" in svg and "<b>" not in svg
    assert "font-family=\"'Noto Sans', Arial, sans-serif\"" in svg
    assert 'fill="#0B5C7A"' in svg  # the accent


def test_the_phone_drawing_is_readable_at_390_px():
    """At 390 px the page's column is 358 px (1rem of margin each side): the phone drawing's
    smallest text, scaled to that, is at least 12 px."""
    svg = charts.svg(CHART, THEME, narrow=True)
    view_width = float(svg.split('viewBox="0 0 ')[1].split()[0])
    assert THEME.text.cell.size * 358 / view_width >= 12


def test_drawing_an_svg_needs_no_matplotlib():
    code = ("import sys; from briefgen import charts, theme, document as d; "
            "c = d.Chart('c', 'bar', ('a',), (d.Series('s', (1.0,)),), 'x', 'alt'); "
            "charts.svg(c, theme.default()); print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_drawing_is_versioned_in_the_cache_key(monkeypatch):
    key = charts.cache_key(CHART, THEME)
    monkeypatch.setattr(charts, "VERSION", charts.VERSION + "-next")
    assert charts.cache_key(CHART, THEME) != key
