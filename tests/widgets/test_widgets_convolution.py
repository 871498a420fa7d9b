"""Headless tests of lesson 12's widgets and figures: move sliders, check what the learner sees."""
from __future__ import annotations

import numpy as np
import pytest

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex

from nnlessons.conv import conv2d_forward
from nnlessons.data import load_digits
from nnlessons.plots import convolution as figures
from nnlessons.plots.style import PALETTE
from nnlessons.widgets.convolution import BENCH, KERNEL_PRESETS, conv_calculator, kernel_editor


def _xcorr_pad1(img: np.ndarray, k: np.ndarray, b: float) -> np.ndarray:
    """Independent reference: 3x3 cross-correlation with one ring of zero padding."""
    p = np.zeros((img.shape[0] + 2, img.shape[1] + 2))
    p[1:-1, 1:-1] = img
    out = np.empty_like(img)
    for r in range(img.shape[0]):
        for c in range(img.shape[1]):
            out[r, c] = sum(p[r + i, c + j] * k[i, j] for i in range(3) for j in range(3)) + b
    return out


# ------------------------------------------------------------------ calculator
def test_calculator_alexnet_first_layer():
    app = conv_calculator()
    before = app.views["diagram"].png
    for name, v in dict(H=227, W=227, C=3, kh=11, kw=11, N=96, stride=4, padding=0).items():
        app.controls[name].value = v
    assert app.state["output_shape"] == (96, 55, 55)
    assert app.state["weights"] == 34_848
    assert app.state["biases"] == 96
    assert app.state["dense_weights"] == 3 * 227 * 227 * 96 * 55 * 55
    assert "34,848" in app.state["text"] and "96&times;55&times;55" in app.state["text"]
    assert app.views["diagram"].png != before
    assert app.views["diagram"].image.value == app.views["diagram"].png


@pytest.mark.parametrize("H,W,k,s,p", [(28, 28, 3, 1, 0), (28, 28, 5, 2, 2), (7, 9, 3, 2, 1),
                                       (32, 16, 4, 3, 0), (5, 5, 5, 1, 0)])
def test_calculator_output_shape_follows_formula(H, W, k, s, p):
    app = conv_calculator()
    for name, v in dict(H=H, W=W, kh=k, kw=k, stride=s, padding=p, C=2, N=5).items():
        app.controls[name].value = v
    # count the kernel positions directly: top-left corners that fit, every s pixels
    rows = len(range(0, H + 2 * p - k + 1, s))
    cols = len(range(0, W + 2 * p - k + 1, s))
    assert app.state["output_shape"] == (5, rows, cols)
    assert app.state["weights"] == k * k * 2 * 5
    assert app.state["biases"] == 5


def test_calculator_kernel_too_big_says_what_to_do():
    app = conv_calculator(H=8, W_=8)
    app.controls["kh"].value = 11
    assert app.state["output_shape"] is None
    assert "does not fit" in app.state["text"] and "padding" in app.state["text"]
    app.controls["padding"].value = 2      # 8 + 4 = 12 >= 11: fits again
    assert app.state["output_shape"] == (8, 12 - 11 + 1, 12 - 3 + 1)  # kw is still 3


def test_calculator_biases_one_per_filter_not_per_channel():
    app = conv_calculator()
    app.controls["C"].value = 16
    app.controls["N"].value = 32
    assert app.state["biases"] == 32
    assert app.state["weights"] == 3 * 3 * 16 * 32


def _extent(patch):
    """(x0, y0, x1, y1) of a patch in data coordinates (a rectangle or a polygon)."""
    box = patch.get_path().transformed(patch.get_patch_transform()).get_extents()
    return box.x0, box.y0, box.x1, box.y1


def _kernel_and_slices(app):
    """The visible orange patches left of the arrow (the kernel) and the input slices."""
    ax = app.views["diagram"].fig.axes[0]
    visible = [p for p in ax.patches if p.get_visible()]
    kernel = [_extent(p) for p in visible if p.get_fill() and to_hex(p.get_facecolor()) == PALETTE["orange"].lower()
              and _extent(p)[0] < 15]
    slices = [_extent(p) for p in visible if p.get_fill() and to_hex(p.get_facecolor()) == PALETTE["sky"].lower()]
    return kernel, slices


@pytest.mark.parametrize("C", [1, 2, 3, 16])
def test_calculator_draws_the_kernel_through_every_drawn_channel(C):
    app = conv_calculator(H=12, W_=12, C=C, kh=5, kw=5, padding=0)
    kernel, slices = _kernel_and_slices(app)
    assert len(slices) == min(C, 3)
    front = min(slices, key=lambda b: b[0])
    back = max(slices, key=lambda b: b[0])
    # the kernel starts on the front slice's top left corner and reaches the back slice's
    assert min(b[0] for b in kernel) == pytest.approx(front[0])
    assert max(b[3] for b in kernel) == pytest.approx(back[3])
    assert max(b[2] for b in kernel) == pytest.approx(back[0] + 5 / 12 * (front[2] - front[0]))
    assert app.state["kernel_depth"] == min(C, 3)
    if C > 3:
        assert f"3 of {C} channels drawn" in app.views["diagram"].fig.axes[0].texts[0].get_text()


# --------------------------------------------------------------- kernel editor
def test_kernel_editor_feature_map_follows_sliders():
    images, labels = load_digits("train")
    app = kernel_editor(index=3)
    view = app.views["maps"]
    png0 = view.png
    expected0 = _xcorr_pad1(images[3] / 16, KERNEL_PRESETS["vertical edges"], 0.0)
    np.testing.assert_allclose(app.state["feature_map"], expected0, atol=1e-12)

    app.controls["w11"].value = 1.5
    app.controls["bias"].value = -0.5
    k = KERNEL_PRESETS["vertical edges"].copy()
    k[1, 1] = 1.5
    expected = _xcorr_pad1(images[3] / 16, k, -0.5)
    np.testing.assert_allclose(app.state["kernel"], k)
    np.testing.assert_allclose(app.state["feature_map"], expected, atol=1e-12)
    # the image artist shows exactly that map
    map_artist = view.fig.axes[2].images[0]
    np.testing.assert_allclose(np.asarray(map_artist.get_array()), expected, atol=1e-12)
    assert app.state["max"] == pytest.approx(expected.max())
    assert view.png != png0 and view.image.value == view.png


def test_kernel_editor_relu_and_digit_slider():
    images, labels = load_digits("train")
    app = kernel_editor()
    app.controls["relu"].value = True
    assert app.state["feature_map"].min() >= 0
    png = app.views["maps"].png
    app.controls["digit"].value = 10
    assert app.state["label"] == labels[10]
    np.testing.assert_allclose(app.state["image"], images[10] / 16)
    expected = np.maximum(_xcorr_pad1(images[10] / 16, KERNEL_PRESETS["vertical edges"], 0.0), 0)
    np.testing.assert_allclose(app.state["feature_map"], expected, atol=1e-12)
    assert app.views["maps"].png != png
    title = app.views["maps"].fig.axes[0].get_title()
    assert f"label {labels[10]}" in title


def test_kernel_editor_preset_moves_the_sliders():
    app = kernel_editor()
    app.controls["preset"].value = "identity"
    assert app.controls["w11"].value == 1.0 and app.controls["w00"].value == 0.0
    images, _ = load_digits("train")
    # identity kernel, no bias: the feature map is the image itself
    np.testing.assert_allclose(app.state["feature_map"], images[0] / 16, atol=1e-12)


@pytest.mark.parametrize("name", list(KERNEL_PRESETS))
def test_every_preset_loads_exactly_the_kernel_it_names(name):
    images, _ = load_digits("train")
    other = next(n for n in KERNEL_PRESETS if n != name)
    app = kernel_editor(index=5, preset=other)
    app.controls["preset"].value = name
    preset = KERNEL_PRESETS[name]
    np.testing.assert_array_equal(app.state["kernel"], preset)
    np.testing.assert_allclose(app.state["feature_map"], _xcorr_pad1(images[5] / 16, preset, 0.0), atol=1e-12)
    sliders = np.array([[app.controls[f"w{r}{c}"].value for c in range(3)] for r in range(3)])
    np.testing.assert_array_equal(sliders, preset)
    # the kernel panel shows the preset, on a colour scale that holds every weight
    k_image = app.views["maps"].fig.axes[1].images[0]
    np.testing.assert_array_equal(np.asarray(k_image.get_array()), preset)
    assert k_image.get_clim()[1] >= np.abs(preset).max()
    # and building the editor on the preset gives the same kernel
    np.testing.assert_array_equal(kernel_editor(index=5, preset=name).state["kernel"], preset)


def test_kernel_editor_rejects_bad_arguments():
    with pytest.raises(ValueError, match="preset"):
        kernel_editor(preset="nope")
    with pytest.raises(ValueError, match="index"):
        kernel_editor(index=10**6)


def test_sliders_update_continuously_and_bench_names_exist():
    for app in (conv_calculator(), kernel_editor()):
        for c in app.controls.values():
            if hasattr(c, "continuous_update"):
                assert c.continuous_update is True
            assert c.description
    import nnlessons.widgets.convolution as mod
    for builder, control, values in BENCH:
        app = getattr(mod, builder)()
        assert control in app.controls and len(values) >= 3


# ------------------------------------------------------------- lesson 12's static figures
def _texts(fig):
    FigureCanvasAgg(fig).draw()
    return [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
            if t.get_visible() and t.get_text().strip()]


def test_sliding_kernel_figure_prints_readable_numbers_that_fit_their_cells():
    images, _ = load_digits("train")
    fig = figures.conv_sliding(images[0], KERNEL_PRESETS["vertical edges"], 0.0)
    texts = _texts(fig)
    assert min(t.get_fontsize() for t in texts) >= 8, sorted({t.get_fontsize() for t in texts})
    renderer = fig.canvas.get_renderer()
    a_in = fig.axes[0]
    cell = a_in.get_window_extent(renderer).width / 8
    pixel_texts = [t for t in a_in.texts]
    assert len(pixel_texts) == 64
    assert max(t.get_window_extent(renderer).width for t in pixel_texts) < 0.8 * cell
    # the feature map writes every value computed so far: 21 of them in the third row
    assert len(fig.axes[8].texts) == 21


def test_one_filter_over_three_channels_gives_one_value_as_the_figure_adds_it_up():
    rng = np.random.default_rng(3)
    x = rng.integers(0, 8, size=(3, 5, 5)).astype(float)
    k = rng.integers(-1, 2, size=(3, 3, 3)).astype(float)
    bias = -4.0
    fig = figures.conv_one_output(x, k, bias, position=(1, 2))
    z = conv2d_forward(x[None], k[None], np.array([bias]))[0][0, 0, 1, 2]
    sums = [np.sum(x[ch, 1:4, 2:5] * k[ch]) for ch in range(3)]
    texts = [t.get_text() for t in _texts(fig)]
    assert f"z = {sum(sums):g} {'-' if bias < 0 else '+'} {abs(bias):g} = {z:g}" in texts
    assert f"a = ReLU({z:g}) = {max(z, 0):g}" in texts
    for s in sums:
        assert f"sum = {s:g}" in texts
    assert min(t.get_fontsize() for t in _texts(fig)) >= 8
    with pytest.raises(ValueError, match="same C"):
        figures.conv_one_output(x, k[:2], bias)


# ------------------------------------------------------------ the learner's functions
def test_a_flipped_kernel_shows_the_packages_value_in_each_differing_pixel():
    from learner_code import mistake

    app = kernel_editor(conv2d=mistake("conv2d", "flipped_kernel"))
    live = app.views["maps"].live
    image = app.state["image"]
    package = _xcorr_pad1(image, KERNEL_PRESETS["vertical edges"], 0.0)
    flipped = _xcorr_pad1(image, KERNEL_PRESETS["vertical edges"][::-1, ::-1], 0.0)
    np.testing.assert_allclose(app.state["feature_map"], flipped)   # the learner's map is drawn
    where = ~np.isclose(flipped, package)
    assert app.state["differ"] == where.sum() == app.state["yours"]["conv2d"]["differ"] > 0
    cols, rows = live.package_cells.get_offsets().T                 # one square per differing pixel
    assert set(zip(rows.astype(int), cols.astype(int))) == set(zip(*np.nonzero(where)))
    np.testing.assert_allclose(live.package_cells.get_array(), package[where])
    assert "package's value" in live.map_label.get_text()
    assert "62 of 64 pixels" in app.state["yours"]["conv2d"]["message"]


def test_a_loop_conv2d_is_drawn_at_full_resolution():
    """The map is 8x8 and one call computes all of it: a loop conv2d (the learner's usual
    first answer) is drawn whole, and it is right."""
    from learner_code import right

    app = kernel_editor(conv2d=right("conv2d"))
    for v in (-1.5, 0.5, 1.5):
        app.controls["w11"].value = v
    assert app.state["yours"]["conv2d"]["status"] == "same"
    assert app.state["feature_map"].shape == (8, 8) and app.state["differ"] == 0


def test_the_calculator_draws_the_learners_size_and_counts_with_the_packages_beside():
    from learner_code import mistake

    app = conv_calculator(conv_output_shape=mistake("conv_output_shape", "no_plus_one"),
                          conv_param_count=mistake("conv_param_count", "bias_per_channel"))
    app.controls["C"].value = 3
    live = app.views["diagram"].live
    assert app.state["output_shape"] == (8, 25, 25) and app.state["package_shape"] == (8, 26, 26)
    assert (app.state["weights"], app.state["biases"]) == (216, 24)
    assert live.out_package.get_visible() and live.yours_note.get_visible()
    assert "the package's: 26\u00d726" in live.yours_note.get_text()
    assert "the package's: 216, 8" in live.yours_note.get_text()
    assert "(the package's: 8)" in app.state["text"]


def test_a_non_square_kernel_asks_for_each_side_and_keeps_the_worse_answer():
    def conv_output_shape(h, w, k, stride=1, padding=0):   # right, except for a 5x5 kernel
        extra = 1 if k == 5 else 0
        return (h + 2 * padding - k) // stride + 1 + extra, (w + 2 * padding - k) // stride + 1 + extra

    app = conv_calculator(conv_output_shape=conv_output_shape)
    app.controls["kh"].value = 5      # H' from k = 5 (wrong), W' from k = 3 (right)
    assert app.state["output_shape"] == (8, 25, 26) and app.state["package_shape"] == (8, 24, 26)
    assert app.state["yours"]["conv_output_shape"]["status"] == "differs"


def test_a_kernel_that_does_not_fit_does_not_call_the_learners_shape():
    calls = []

    def conv_output_shape(h, w, k, stride=1, padding=0):
        calls.append(k)
        return (h + 2 * padding - k) // stride + 1, (w + 2 * padding - k) // stride + 1

    app = conv_calculator(H=4, W_=4, conv_output_shape=conv_output_shape)
    calls.clear()
    app.controls["kh"].value = 7
    app.controls["kw"].value = 7
    assert app.state["output_shape"] is None and not calls
    assert "conv_output_shape" not in app.state["yours"]
