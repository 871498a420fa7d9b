"""Convolution layers: the weights are the kernel elements, one bias per kernel.

Layout is NCHW, as in PyTorch: a batch ``X`` has shape (m, C, H, W) (examples,
channels, height, width); a layer's weights ``W`` have shape (N, C, kh, kw) (one
kh x kw kernel per input channel, for each of N filters) and its biases ``b`` shape
(N,). Output channel n is the cross-correlation (the kernel is NOT flipped) of the
input with filter n, summed over the input channels, plus ``b[n]``:

    Y[i, n, r, c] = b[n] + sum_{ch, p, q} W[n, ch, p, q] * Xpad[i, ch, r*s + p, c*s + q]

So a layer of N kernels of size kh x kw over C channels has kh*kw*C*N weights and
N biases.

Three implementations, one idea:

* ``conv2d_naive``: plain loops, written to be read in a lesson;
* ``conv2d_forward`` / ``conv2d_backward``: vectorised with *im2col*: every receptive
  field is copied into one column of a matrix, so the whole layer is ONE matrix
  product; the backward pass is two matrix products plus a *col2im* that loops only
  over the kh*kw kernel offsets;
* ``maxpool_forward`` / ``maxpool_backward``: non-overlapping max pooling.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._buffers import scratch

__all__ = [
    "ConvParams", "ConvCache", "PoolCache",
    "conv_output_shape", "conv_param_count",
    "conv2d_forward", "conv2d_backward", "conv2d_naive",
    "maxpool_forward", "maxpool_backward",
]


# ----------------------------------------------------------------------------- sizes
def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number, got {value!r} ({type(value).__name__}).")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}.")
    return int(value)


def conv_output_shape(h: int, w: int, kh: int, kw: int, stride: int = 1,
                      padding: int = 0) -> tuple[int, int]:
    """The (h_out, w_out) of a kh x kw convolution over an h x w input.

    ``h_out = floor((h + 2*padding - kh) / stride) + 1`` (and the same for w), with
    ``padding`` zeros added on *every* side (so 2*padding per dimension).

    Raises ValueError if the kernel is larger than the padded input.
    """
    h, w = _check_int("h", h, 1), _check_int("w", w, 1)
    kh, kw = _check_int("kh", kh, 1), _check_int("kw", kw, 1)
    stride, padding = _check_int("stride", stride, 1), _check_int("padding", padding, 0)
    if kh > h + 2 * padding or kw > w + 2 * padding:
        raise ValueError(
            f"a {kh}x{kw} kernel does not fit in a {h}x{w} input with padding={padding} "
            f"(padded size {h + 2 * padding}x{w + 2 * padding}); use a smaller kernel "
            f"or more padding.")
    return (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1


class ConvParams(NamedTuple):
    """The parameter count of a convolution layer: ``weights`` and ``biases``."""

    weights: int
    biases: int

    @property
    def total(self) -> int:
        """weights + biases."""
        return self.weights + self.biases


def conv_param_count(kh: int, kw: int, c_in: int, n_filters: int,
                     bias: bool = True) -> ConvParams:
    """Weights and biases of a layer of ``n_filters`` kh x kw kernels over ``c_in`` channels.

    Each filter has one kh x kw kernel per input channel (kh*kw*c_in weights) and ONE
    bias, so the layer has kh*kw*c_in*n_filters weights and n_filters biases (0 if
    ``bias=False``). E.g. 96 kernels of 11x11 over 3 channels: 34,848 weights, 96 biases.
    """
    kh, kw = _check_int("kh", kh, 1), _check_int("kw", kw, 1)
    c_in, n_filters = _check_int("c_in", c_in, 1), _check_int("n_filters", n_filters, 1)
    return ConvParams(kh * kw * c_in * n_filters, n_filters if bias else 0)


# ------------------------------------------------------------------------ validation
def _as_batch(X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 4:
        hint = " (a single image (C, H, W)? use X[None])" if X.ndim == 3 else ""
        raise ValueError(f"X must have shape (m, C, H, W), got {X.shape}{hint}.")
    return X


def _check_conv_args(X, W, b):
    X = _as_batch(X)
    W = np.asarray(W, dtype=np.float64)
    if W.ndim != 4:
        raise ValueError(f"W must have shape (N, C, kh, kw), got {W.shape}.")
    if W.shape[1] != X.shape[1]:
        raise ValueError(
            f"channel mismatch: X has {X.shape[1]} channels (X.shape={X.shape}) but each "
            f"filter in W expects {W.shape[1]} (W.shape={W.shape}); W must be "
            f"(N, C, kh, kw) with C = X.shape[1].")
    b = np.asarray(b, dtype=np.float64)
    if b.shape != (W.shape[0],):
        raise ValueError(
            f"b must have shape (N,) = ({W.shape[0]},), one bias per filter; got {b.shape}.")
    return X, W, b


# ------------------------------------------------------------------ conv (im2col)
class ConvCache(NamedTuple):
    """What ``conv2d_backward`` needs from the forward pass.

    ``cols`` is the im2col matrix, shape (C*kh*kw, m*H'*W'): the entry in row
    (ch, p, q) and column (i, r, c) is the padded input Xpad[i, ch, r*s + p, c*s + q],
    so column (i, r, c) is the receptive field of output position (r, c) of example i.
    """

    cols: np.ndarray
    W: np.ndarray
    x_shape: tuple
    stride: int
    padding: int


def _pad(X: np.ndarray, padding: int, reuse: bool = False) -> np.ndarray:
    """X (m, C, H, W) with ``padding`` zeros on every side: (m, C, H+2p, W+2p)
    (`reuse`: in a scratch buffer, for a result that is dead when the caller returns)."""
    if padding == 0:
        return X
    m, C, H, Wd = X.shape
    p = padding
    shape = (m, C, H + 2 * p, Wd + 2 * p)
    Xp = scratch("pad", shape) if reuse else np.empty(shape)
    Xp[:, :, :p, :] = 0.0
    Xp[:, :, H + p:, :] = 0.0
    Xp[:, :, p:H + p, :p] = 0.0
    Xp[:, :, p:H + p, Wd + p:] = 0.0
    Xp[:, :, p:H + p, p:Wd + p] = X
    return Xp


def _im2col(X: np.ndarray, kh: int, kw: int, stride: int, padding: int) -> np.ndarray:
    """(m, C, H, W) -> (C*kh*kw, m*H'*W'): every receptive field as a column."""
    m, C = X.shape[:2]
    Xp = _pad(X, padding, reuse=True)      # dead once cols is built
    # windows[i, c, r, c', p, q] = Xp[i, c, r*s + p, c'*s + q]  (a view, no copy)
    windows = sliding_window_view(Xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    h_out, w_out = windows.shape[2:4]
    cols = np.empty((C, kh, kw, m, h_out, w_out))
    # one copy into a contiguous layout whose rows are (c, p, q)
    np.copyto(cols, windows.transpose(1, 4, 5, 0, 2, 3))
    return cols.reshape(C * kh * kw, m * h_out * w_out)


def conv2d_forward(X: np.ndarray, W: np.ndarray, b: np.ndarray, stride: int = 1,
                   padding: int = 0) -> tuple[np.ndarray, ConvCache]:
    """Vectorised convolution (cross-correlation, kernel not flipped), as PyTorch's conv2d.

    X (m, C, H, W), W (N, C, kh, kw), b (N,) -> Y (m, N, H', W') and a ``ConvCache``,
    with H', W' from ``conv_output_shape``. im2col + one matrix product:
    ``Y = W.reshape(N, C*kh*kw) @ cols + b``.
    """
    X, W, b = _check_conv_args(X, W, b)
    m, C, H, Wd = X.shape
    N, _, kh, kw = W.shape
    h_out, w_out = conv_output_shape(H, Wd, kh, kw, stride, padding)
    cols = _im2col(X, kh, kw, stride, padding)                 # (C*kh*kw, m*H'*W')
    out = np.matmul(W.reshape(N, -1), cols, out=scratch("out", (N, cols.shape[1])))  # the ONE product
    Y = np.empty((m, N, h_out * w_out))
    # back to NCHW, adding one bias per filter (output channel) on the way
    np.add(out.reshape(N, m, -1).transpose(1, 0, 2), b[:, None], out=Y)
    return Y.reshape(m, N, h_out, w_out), ConvCache(cols, W, X.shape, stride, padding)


def conv2d_backward(dY: np.ndarray, cache: ConvCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of a convolution: dY (m, N, H', W') -> (dX, dW, db).

    dX (m, C, H, W), dW (N, C, kh, kw), db (N,). ``dW = dY @ cols.T`` (one matrix
    product); ``db`` sums dY over examples and positions (each bias touches every
    position of its output channel); dX scatters ``W.T @ dY`` back onto the input
    (col2im), looping over the kh*kw kernel offsets only.
    """
    cols, W, (m, C, H, Wd), s, p = cache
    N, _, kh, kw = W.shape
    dY = np.asarray(dY, dtype=np.float64)
    h_out, w_out = conv_output_shape(H, Wd, kh, kw, s, p)
    if dY.shape != (m, N, h_out, w_out):
        raise ValueError(f"dY must have the output's shape {(m, N, h_out, w_out)}, got {dY.shape}.")
    dY_mat = scratch("dY", (N, m, h_out, w_out))
    np.copyto(dY_mat, dY.transpose(1, 0, 2, 3))
    dY_mat = dY_mat.reshape(N, -1)                                   # (N, m*H'*W')
    db = dY_mat.sum(axis=1)
    dW = (dY_mat @ cols.T).reshape(W.shape)
    dcols = np.matmul(W.reshape(N, -1).T, dY_mat, out=scratch("dcols", cols.shape))
    dcols = dcols.reshape(C, kh, kw, m, h_out, w_out)
    # col2im: each kernel offset (i, j) adds a strided (C, m, H', W') block
    dXp = scratch("dXp", (C, m, H + 2 * p, Wd + 2 * p))
    dXp.fill(0.0)
    for i in range(kh):
        for j in range(kw):
            dXp[:, :, i:i + s * (h_out - 1) + 1:s, j:j + s * (w_out - 1) + 1:s] += dcols[:, i, j]
    dX = np.empty((m, C, H, Wd))              # a fresh array: dXp is reused by the next call
    np.copyto(dX, dXp[:, :, p:p + H, p:p + Wd].transpose(1, 0, 2, 3))
    return dX, dW, db


# ------------------------------------------------------------------ conv (loops)
def conv2d_naive(X: np.ndarray, W: np.ndarray, b: np.ndarray, stride: int = 1,
                 padding: int = 0) -> np.ndarray:
    """The same convolution as ``conv2d_forward``, as plain loops to read (slow).

    X (m, C, H, W), W (N, C, kh, kw), b (N,) -> Y (m, N, H', W').
    """
    X, W, b = _check_conv_args(X, W, b)
    m, C, H, Wd = X.shape
    N, _, kh, kw = W.shape
    h_out, w_out = conv_output_shape(H, Wd, kh, kw, stride, padding)
    Xp = _pad(X, padding)                      # zeros around every side
    Y = np.zeros((m, N, h_out, w_out))
    for i in range(m):                         # each example
        for n in range(N):                     # each filter -> one output channel
            for r in range(h_out):             # each output row
                for c in range(w_out):         # each output column
                    top, left = r * stride, c * stride
                    patch = Xp[i, :, top:top + kh, left:left + kw]   # (C, kh, kw)
                    # weighted sum of the patch (all channels), then ONE bias per filter
                    Y[i, n, r, c] = np.sum(patch * W[n]) + b[n]
    return Y


# -------------------------------------------------------------------- max pooling
class PoolCache(NamedTuple):
    """What ``maxpool_backward`` needs: the argmax inside each window and the input shape."""

    argmax: np.ndarray
    x_shape: tuple
    size: int


def maxpool_forward(X: np.ndarray, size: int = 2) -> tuple[np.ndarray, PoolCache]:
    """Non-overlapping max pooling (stride = size), as PyTorch's ``max_pool2d(X, size)``.

    X (m, C, H, W) -> Y (m, C, H // size, W // size); rows/columns that do not fill a
    whole window are dropped (PyTorch's default ``ceil_mode=False``).
    """
    X = _as_batch(X)
    size = _check_int("size", size, 1)
    m, C, H, Wd = X.shape
    h_out, w_out = H // size, Wd // size
    if h_out == 0 or w_out == 0:
        raise ValueError(f"a {size}x{size} pooling window does not fit in a {H}x{Wd} input; "
                         f"use size <= {min(H, Wd)}.")
    win = (X[:, :, :h_out * size, :w_out * size]
           .reshape(m, C, h_out, size, w_out, size)
           .transpose(0, 1, 2, 4, 3, 5)
           .reshape(m, C, h_out, w_out, size * size))
    argmax = win.argmax(axis=-1)       # first maximum in row-major order within the window
    Y = np.take_along_axis(win, argmax[..., None], axis=-1)[..., 0]
    return Y, PoolCache(argmax, X.shape, size)


def maxpool_backward(dY: np.ndarray, cache: PoolCache) -> np.ndarray:
    """Gradient of max pooling: dY (m, C, H', W') -> dX (m, C, H, W).

    Each window's gradient goes to the position of its maximum; everything else gets 0.
    Ties: the whole gradient goes to the FIRST maximal position in row-major order
    (top row first, then left to right), which is also what PyTorch's CPU kernel picks.
    """
    argmax, (m, C, H, Wd), size = cache
    h_out, w_out = argmax.shape[2:]
    dY = np.asarray(dY, dtype=np.float64)
    if dY.shape != (m, C, h_out, w_out):
        raise ValueError(f"dY must have the pooled output's shape {(m, C, h_out, w_out)}, got {dY.shape}.")
    dwin = np.zeros((m, C, h_out, w_out, size * size))
    np.put_along_axis(dwin, argmax[..., None], dY[..., None], axis=-1)
    dX = np.zeros((m, C, H, Wd))
    dX[:, :, :h_out * size, :w_out * size] = (
        dwin.reshape(m, C, h_out, w_out, size, size)
        .transpose(0, 1, 2, 4, 3, 5)
        .reshape(m, C, h_out * size, w_out * size))
    return dX
