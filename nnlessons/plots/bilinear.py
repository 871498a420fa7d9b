"""`BilinearImage`: an image of a grid of values (origin lower), drawn bilinear faster.

matplotlib's resampler is general (any affine transform, many filters) and costs about
2 ms a frame to spread a 40 x 40 grid over 250 x 220 pixels, twice (the values and their
mask). For an axis-aligned grid, bilinear interpolation is separable: along y, then along
x, from where each pixel centre falls between two cells. The pixels match matplotlib's
within 2 of 255. Values are drawn as given: a masked cell gets the colormap's "bad" colour
and spreads to its neighbours (matplotlib would fade it out).
"""
from __future__ import annotations

import numpy as np
from matplotlib.image import AxesImage
from matplotlib.transforms import Affine2D, Bbox, TransformedBbox

__all__ = ["BilinearImage", "spread", "linear_steps"]


def linear_steps(pos: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Where fractional cell indices `pos` (cell k's centre at k) fall among n cells: the
    cell below each, `lo` (m,) ints, and how far towards the next, `frac` (m,) in [0, 1];
    beyond the end cells their values hold. ``v[lo] * (1 - frac) + v[lo + 1] * frac``
    interpolates values v (n,) (n = 1: `lo` + 1 is clipped to the one cell)."""
    pos = np.clip(np.asarray(pos, dtype=np.float64), 0, n - 1)
    lo = np.minimum(pos.astype(np.intp), max(n - 2, 0))
    return lo, pos - lo


def spread(values: np.ndarray, v: np.ndarray, u: np.ndarray) -> np.ndarray:
    """values (rows, cols) interpolated bilinearly at fractional row indices v (h,) and
    column indices u (w,): an array (h, w). Element-wise, not matrix products (a threaded
    BLAS would spin up threads for these small products)."""
    rows, cols = values.shape
    lo, f = linear_steps(v, rows)
    hi = np.minimum(lo + 1, rows - 1)
    along_y = values[lo] * (1 - f)[:, None] + values[hi] * f[:, None]          # (h, cols)
    lo, f = linear_steps(u, cols)
    hi = np.minimum(lo + 1, cols - 1)
    return along_y[:, lo] * (1 - f) + along_y[:, hi] * f                     # (h, w)


class BilinearImage(AxesImage):
    """An AxesImage (use as ``imshow(..., origin="lower", interpolation="bilinear")`` would
    make it) whose 2-D values are spread over the screen pixels by `spread`, in
    the pixel box matplotlib would fill. Anything else (RGB data, origin "upper", a
    magnified or vector output) is left to matplotlib."""

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        values = self.get_array()
        if magnification != 1.0 or unsampled or self.origin != "lower" or values is None or values.ndim != 2:
            return super().make_image(renderer, magnification, unsampled)
        x1, x2, y1, y2 = self.get_extent()
        box = TransformedBbox(Bbox([[x1, y1], [x2, y2]]), self.get_transform()).frozen()
        clipped = Bbox.intersection(box, self.get_clip_box() or self.axes.bbox)
        if clipped is None:
            return None, 0, 0, None
        left, bottom, right, top = _pixel_box(clipped.extents)
        w, h = int(right - left), int(top - bottom)
        if w <= 0 or h <= 0:
            return None, 0, 0, None
        rows, cols = values.shape
        # each pixel centre in cell units of the grid (cell k's centre at k)
        u = (left + np.arange(w) + 0.5 - box.x0) / box.width * cols - 0.5
        v = (bottom + np.arange(h) + 0.5 - box.y0) / box.height * rows - 0.5
        pixels = spread(np.ma.filled(values.astype(np.float64), np.nan), v, u)
        return self.to_rgba(pixels, alpha=self.get_alpha(), bytes=True), left, bottom, Affine2D()


def _pixel_box(extents: np.ndarray) -> tuple[float, float, float, float]:
    """The whole pixels matplotlib's image drawing fills for display `extents` (x0, y0, x1,
    y1), rounded as `matplotlib.image._ImageBase._make_image` rounds them."""
    x0, y0, x1, y1 = extents
    return (np.floor(x0 + 0.5), np.ceil(y0 - 0.5 - 1e-8), np.floor(x1 + 0.5 + 1e-8), np.ceil(y1 - 0.5))
