"""Learner code for the real course's ex03 and ex09 (correct, partly wrong, stub), as a
learner would write it, for the grader's end-to-end tests and the benchmark."""
from __future__ import annotations

CORRECT = {
    "sigmoid": ("def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n"
                "    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))"),
    "sigmoid_grad": "def sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * (1 - s)",
    "relu": "def relu(z):\n    return np.maximum(np.asarray(z, dtype=float), 0.0)",
    "relu_grad": "def relu_grad(z):\n    return (np.asarray(z) > 0).astype(float)",
    "softmax": ("def softmax(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1, keepdims=True)"),
    "conv_output_shape": ("def conv_output_shape(h, w, k, stride=1, padding=0):\n"
                          "    return ((h + 2 * padding - k) // stride + 1, (w + 2 * padding - k) // stride + 1)"),
    "conv_param_count": "def conv_param_count(kh, kw, c_in, n_filters):\n    return (kh * kw * c_in * n_filters, n_filters)",
    "conv2d": ("def conv2d(x, kernels, bias, stride=1, padding=0):\n"
               "    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n"
               "    n, c, kh, kw = kernels.shape\n"
               "    h_out = (x.shape[1] - kh) // stride + 1\n    w_out = (x.shape[2] - kw) // stride + 1\n"
               "    out = np.zeros((n, h_out, w_out))\n"
               "    for i in range(h_out):\n        for j in range(w_out):\n"
               "            patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]\n"
               "            out[:, i, j] = np.tensordot(kernels, patch, axes=3) + bias\n"
               "    return out"),
}
WRONG = {
    "sigmoid": "def sigmoid(z):\n    return 1 / (1 + np.exp(z))",
    "sigmoid_grad": "def sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * (1 - z)",
    "relu": "def relu(z):\n    return np.abs(z)",
    "relu_grad": "def relu_grad(z):\n    return (np.asarray(z) >= 0).astype(float)",
    "softmax": "def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=0)",
    "conv_output_shape": "def conv_output_shape(h, w, k, stride=1, padding=0):\n    return ((h + padding - k) // stride + 1, (w + padding - k) // stride + 1)",
    "conv_param_count": "def conv_param_count(kh, kw, c_in, n_filters):\n    return (kh * kw * n_filters, n_filters * c_in)",
    "conv2d": "def conv2d(x, kernels, bias, stride=1, padding=0):\n    return np.zeros((kernels.shape[0], 1, 1))",
}
STUB = {name: f"def {name}(*args, **kwargs):\n    # YOUR CODE HERE\n    raise NotImplementedError()" for name in CORRECT}
NOTEBOOKS = {"ex03_activations": ["sigmoid", "sigmoid_grad", "relu", "relu_grad", "softmax"],
             "ex12_convolution": ["conv_output_shape", "conv_param_count", "conv2d"]}


def sources(notebook: str, kind: str, wrong: tuple = ()) -> dict[str, str]:
    """Function sources for `notebook`: all `kind` ("correct" / "stub"), except `wrong` ones."""
    table = {"correct": CORRECT, "stub": STUB}[kind]
    return {n: (WRONG[n] if n in wrong else table[n]) for n in NOTEBOOKS[notebook]}
