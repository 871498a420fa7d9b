"""`BilinearImage` draws what ``imshow(origin="lower", interpolation="bilinear")`` draws
(within 2 of 255 per channel), in the same pixels, clipped the same way."""
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import Normalize
from matplotlib.image import AxesImage

from nnlessons.plots.bilinear import BilinearImage, linear_steps, spread
from nnlessons.plots.networks import CLASS_CMAP, draw_regions
from nnlessons.plots.style import new_figure


def _picture(size, draw) -> np.ndarray:
    """The canvas, RGB (h, w, 3), of a figure of `size` inches whose one axes `draw(ax)` drew on."""
    fig = new_figure(*size, dpi=80)
    FigureCanvasAgg(fig)
    draw(fig.add_subplot())
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)


def _drawn(values, extent, limits, size, *, ours: bool, origin="lower", alpha=0.55) -> np.ndarray:
    """The canvas after drawing `values` over `extent` in axes with `limits`: a BilinearImage
    (ours) or matplotlib's AxesImage, made the same way."""
    def draw(ax):
        image = (BilinearImage if ours else AxesImage)(ax, cmap=CLASS_CMAP, norm=Normalize(0.0, 1.0), alpha=alpha,
                                                       origin=origin, interpolation="bilinear")
        image.set_data(values)
        ax.add_image(image)
        image.set_extent(extent)
        ax.set_xlim(limits[:2])
        ax.set_ylim(limits[2:])
    return _picture(size, draw)


CASES = {
    "40x40 grid in its axes": ((40, 40), (-2.2, 2.2, -2.2, 2.2), (-2.2, 2.2, -2.2, 2.2), (4, 3)),
    "non-square grid, wide axes": ((7, 12), (0, 1, 0, 1), (0, 1, 0, 1), (6, 2.5)),
    "clipped by the axes": ((30, 30), (-0.3, 3.0, -0.3, 3.0), (0.0, 2.0, 0.5, 2.5), (4, 4)),
    "inside the axes, off centre": ((20, 25), (0.2, 0.7, 0.1, 0.9), (0, 1, 0, 1), (3.3, 3.1)),
    "one row": ((1, 9), (0, 1, 0, 1), (0, 1, 0, 1), (3, 3)),
}


@pytest.mark.parametrize("case", CASES)
def test_pixels_match_matplotlibs_bilinear_imshow(case):
    shape, extent, limits, size = CASES[case]
    values = np.random.default_rng(len(case)).random(shape)
    ours = _drawn(values, extent, limits, size, ours=True)
    theirs = _drawn(values, extent, limits, size, ours=False)
    assert np.abs(ours - theirs).max() <= 2


def test_a_smooth_field_matches_closely_everywhere():
    g = np.linspace(-2, 2, 40)
    values = 1 / (1 + np.exp(-(3 * g[None, :] - 2 * g[:, None])))
    ours = _drawn(values, (-2, 2, -2, 2), (-2, 2, -2, 2), (4, 3), ours=True)
    theirs = _drawn(values, (-2, 2, -2, 2), (-2, 2, -2, 2), (4, 3), ours=False)
    differ = np.abs(ours - theirs).max(axis=2)
    assert differ.max() <= 2 and (differ > 0).mean() < 0.02


def test_origin_upper_is_left_to_matplotlib():
    values = np.random.default_rng(3).random((10, 10))
    args = (values, (0, 1, 0, 1), (0, 1, 0, 1), (3, 3))
    assert np.array_equal(_drawn(*args, ours=True, origin="upper"), _drawn(*args, ours=False, origin="upper"))


def test_draw_regions_draws_what_imshow_drew():
    values = np.random.default_rng(5).random((40, 40))
    ours = _picture((4, 3), lambda ax: draw_regions(ax, values, (-2.2, 2.2, -2.2, 2.2)))
    # what draw_regions drew before it made a BilinearImage
    theirs = _picture((4, 3), lambda ax: ax.imshow(values, origin="lower", extent=(-2.2, 2.2, -2.2, 2.2),
                                                   cmap=CLASS_CMAP, vmin=0.0, vmax=1.0, alpha=0.55,
                                                   interpolation="bilinear", aspect="auto", zorder=1))
    assert np.abs(ours - theirs).max() <= 2


def test_spread_interpolates_linearly_and_holds_the_ends():
    values = np.add.outer(10 * np.arange(4.0), np.arange(5.0))   # 10 * row + col
    v = np.array([-1.0, 0.0, 0.25, 2.5, 3.0, 4.0])
    u = np.array([-0.5, 0.0, 1.5, 3.75, 4.0, 9.0])
    expected = np.add.outer(10 * np.clip(v, 0, 3), np.clip(u, 0, 4))
    np.testing.assert_allclose(spread(values, v, u), expected)


def test_linear_steps_of_a_single_cell():
    lo, frac = linear_steps(np.array([-1.0, 0.0, 2.0]), 1)
    assert lo.tolist() == [0, 0, 0] and frac.tolist() == [0.0, 0.0, 0.0]
    np.testing.assert_allclose(spread(np.array([[0.3]]), np.array([0.0, 1.0]), np.array([-2.0, 0.0, 5.0])),
                               np.full((2, 3), 0.3))
