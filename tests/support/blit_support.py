"""Does a blitting view (`LiveFigureView`) show what a full render of its figure shows?

If a live figure forgets an artist that its `update` changes in ``.animated``, the
blitted image keeps a stale copy of it: this compares the view's last PNG with a full
render of the same figure, pixel by pixel.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image


def blitted_equals_full_render(view, tolerance: float = 0.002) -> bool:
    """True when at most `tolerance` of the pixels differ between the view's PNG and a
    full render (animated artists included) of its figure. Leaves the view usable."""
    blitted = np.asarray(Image.open(io.BytesIO(view.png)).convert("RGB"))
    for a in view.animated:
        a.set_animated(False)
    try:
        view.fig.canvas.draw()
        full = np.asarray(view.fig.canvas.buffer_rgba())[..., :3].copy()
    finally:
        for a in view.animated:
            a.set_animated(True)
        view.refresh_background()
    differ = float(np.mean(np.any(blitted != full, axis=-1))) if blitted.shape == full.shape else 1.0
    return differ <= tolerance
