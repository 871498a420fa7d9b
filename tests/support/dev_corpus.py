"""The feedback engine's DEVELOPMENT corpus: wrong answers written the way learners write
them, at least five per exercise function of the course's contracts, each with the words a
message must contain to NAME the mistake.

Each entry: ``(function, source, family, words)``. ``source`` defines the function (and,
for a cascade, the learner's other function it calls); ``family`` names the kind of slip;
``words`` is a case-insensitive regex that a message naming the mistake matches.

Written for developing the diagnosis engine (`nnlessons.exercises.diagnose`), kept apart
from the known-mistakes list (a test asserts no entry's outputs equal a known mistake's on
the public cases) and from the held-out corpus (tests/support/learner_corpus.py, which the
engine is measured on but never developed against). Entries for functions that are not in
the course table yet are skipped until they are.
"""

SIG = "def _sig(z):\n    return np.exp(-np.logaddexp(0, -z))\n"

MLP = """
def train_mlp(X, y, hidden, lr, epochs, seed):
    k = int(y.max()) + 1
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((2, hidden)) * np.sqrt(2 / 2)
    b1 = np.zeros(hidden)
    W2 = rng.standard_normal((hidden, k)) * np.sqrt(2 / hidden)
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(EPOCHS):
        Z1 = X @ W1 + b1
        A1 = ACT
        Z2 = A1 @ W2 + b2
        E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        dZ2 = (P - Y) / len(X)
        dW2 = A1.T @ dZ2
        db2 = dZ2.sum(axis=0)
        dA1 = dZ2 @ W2.T
        dZ1 = dA1 * (Z1 > 0)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0)
        UPDATE
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
"""


def mlp(epochs="epochs", act="np.maximum(Z1, 0)",
        update="W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2", **subs) -> str:
    src = MLP.replace("EPOCHS", epochs).replace("ACT", act).replace("UPDATE", update)
    for old, new in subs.items():
        src = src.replace(old.replace("__", " "), new)
    return src


DIGITS = """
def train_digits(X_train, y_train):
    X = X_train.reshape(len(X_train), -1) * SCALE
    y = y_train
    rng = np.random.default_rng(0)
    W1 = rng.standard_normal((64, 64)) * np.sqrt(2 / 64)
    b1 = np.zeros(64)
    W2 = rng.standard_normal((64, 10)) * np.sqrt(2 / 64)
    b2 = np.zeros(10)
    Y = np.eye(10)[y]
    for epoch in range(EPOCHS):
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        Z2 = A1 @ W2 + b2
        E = SOFTMAX
        P = E / E.sum(axis=1, keepdims=True)
        dZ2 = (P - Y) / len(X)
        dW2 = A1.T @ dZ2
        db2 = dZ2.sum(axis=0)
        dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0)
        W1 -= LR * dW1; b1 -= LR * db1; W2 -= LR * dW2; b2 -= LR * db2
    return RETURN
"""


def digits(scale="(1 / 16)", epochs="300", lr="0.5", softmax="np.exp(Z2 - Z2.max(axis=1, keepdims=True))",
           ret='{"W1": W1, "b1": b1, "W2": W2, "b2": b2, "scale": 1 / 16}') -> str:
    return (DIGITS.replace("SCALE", scale).replace("EPOCHS", epochs).replace("LR", lr)
            .replace("SOFTMAX", softmax).replace("RETURN", ret))


PRED = """
def predict_digits(params, X):
    A = X.reshape(len(X), -1) * params.get('scale', 1 / 16)
    L = len([k for k in params if k.startswith('W')])
    for l in range(1, L + 1):
        A = A @ params[f'W{l}'] + params[f'b{l}']
        if l < L:
            A = np.maximum(A, 0)
    return np.argmax(A, axis=1)
"""

CONV = """
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] - kh) // stride + 1
    W = (x.shape[2] - kw) // stride + 1
    out = np.zeros((N, H, W))
    for n in range(N):
        for i in range(H):
            for j in range(W):
                patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[n, i, j] = np.sum(patch * kernels[n]) + bias[n]
    return out
"""

TWO_LAYER = """
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = len(X)
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    dZ2 = P.copy()
    dZ2[np.arange(m), y] -= 1
    dZ2 /= m
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
"""

ADAM = ("def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
        "    m_hat = m / (1 - beta1 ** t)\n    v_hat = v / (1 - beta2 ** t)\n"
        "    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v\n")

FIT = ("def fit_line(x, y, lr, epochs):\n    w, b = 0.0, 0.0\n    for epoch in range(epochs):\n"
       "        err = w * x + b - y\n        dw = 2 * np.mean(err * x)\n        db = 2 * np.mean(err)\n"
       "        w = w - lr * dw\n        b = b - lr * db\n    return w, b\n")

BOW = ("import re\n\ndef bag_of_words(sentences, vocab):\n    X = np.zeros((len(sentences), len(vocab)))\n"
       "    for i, s in enumerate(sentences):\n        for word in re.findall(r\"[a-z']+\", s.lower()):\n"
       "            if word in vocab:\n                X[i, vocab[word]] += 1\n    return X\n")
"""A right bag_of_words (the contract's tokens), for slips made around it."""

SENT = BOW + ("\ndef predict_sentiment(sentences, vocab, w, b):\n    z = bag_of_words(sentences, vocab) @ w + b\n"
              "    return 1 / (1 + np.exp(-z))\n")
"""A right predict_sentiment over the learner's own bag_of_words."""

TWO_LAYER_DENSE = ("def dense_backward(dZ, X, W):\n    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)\n" + """
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    Y = np.eye(W2.shape[1])[y]
    dZ2 = (P - Y) / len(X)
    dA1, dW2, db2 = dense_backward(dZ2, A1, W2)
    dZ1 = dA1 * (Z1 > 0)
    _, dW1, db1 = dense_backward(dZ1, X, W1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
""")
"""two_layer_grads over the learner's own dense_backward (ex08 asks for both)."""

STDS = ("def activation_stds(X, params, activation='relu'):\n"
        "    f = {'relu': lambda z: np.maximum(z, 0), 'tanh': np.tanh, 'sigmoid': lambda z: 1 / (1 + np.exp(-z))}\n"
        "    L = len(params) // 2\n    A, out = X, []\n    for l in range(1, L):\n"
        "        Z = A @ params[f'W{l}'] + params[f'b{l}']\n        A = f[activation](Z)\n"
        "        out.append(float(np.std(A)))\n    return out\n")

ES = ("def early_stopping_epoch(val_losses, patience):\n    best, best_epoch, wait = float('inf'), 0, 0\n"
      "    for epoch, loss in enumerate(val_losses):\n        if loss < best:\n"
      "            best, best_epoch, wait = loss, epoch, 0\n"
      "        else:\n            wait += 1\n            if wait >= patience:\n                break\n    return best_epoch\n")

DEV_CORPUS = [
    # ----------------------------------------------------------------- weighted_sum
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.sum(x * w, axis=0)\n", "axis", r"axis"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.sum(x + w, axis=-1)\n", "operator",
     r"multipl|product|x \* w|instead of \*"),
    ("weighted_sum", "def weighted_sum(x, w):\n    x = np.atleast_2d(x)\n    out = []\n    for row in x:\n"
     "        out.append(np.dot(row, w))\n        return np.array(out)\n", "first_only",
     r"first (row|example)|only (one|the first)|single number|one number"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.sum(x * w, axis=-1, dtype=int)\n", "dtype",
     r"integer|whole number|dtype|int\b"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return x.T @ w\n", "transpose", r"transpos|\.T\b|x @ w"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.sum(x * w, axis=-1) / len(x)\n", "factor",
     r"divid|factor|times|1/m|len"),
    # ----------------------------------------------------------------------- neuron
    ("neuron", "def neuron(x, w, b):\n    return np.maximum(x @ w + b, 0)\n", "sibling", r"relu|activation"),
    ("neuron", "def neuron(x, w, b):\n    z = x @ w + b\n    return z + b\n", "offset",
     r"bias.*(twice|two times|doubl)|(twice|doubl).*bias|b\b.*twice"),
    ("neuron", "def neuron(x, w, b):\n    return np.tanh(x @ w + b)\n", "sibling", r"tanh|activation"),
    ("neuron", "def neuron(x, w, b):\n    return np.sum(x * w, axis=0) + b\n", "axis", r"axis"),
    ("neuron", "def neuron(x, w, b):\n    return float(np.dot(x, w) + b)\n", "scalar_only",
     r"float\(|one number|single number|batch|array"),
    ("neuron", "def neuron(x, w, b):\n    return np.dot(w, x.T) + b.T\n", "attribute",
     r"\bb\b.*(number|float|scalar)|float.*\.T|\.T"),
    # ---------------------------------------------------------------- boundary_line
    ("boundary_line", "def boundary_line(w, b):\n    return -b / w[1], -w[0] / w[1]\n", "order",
     r"order|swap"),
    ("boundary_line", "def boundary_line(w, b):\n    return w[0] / w[1], b / w[1]\n", "sign",
     r"sign|minus|negat"),
    ("boundary_line", "def boundary_line(w, b):\n    return -w[0] / w[1], -b * w[1]\n", "operator",
     r"divid|w2|w\[1\]|intercept"),
    ("boundary_line", "def boundary_line(w, b):\n    return -w[1] / w[0], -b / w[1]\n", "slope",
     r"slope"),
    ("boundary_line", "def boundary_line(w, b):\n    return np.degrees(np.arctan(-w[0] / w[1])), -b / w[1]\n",
     "slope", r"slope|angle|degree"),
    ("boundary_line", "def boundary_line(w, b):\n    return -w[0] // w[1], -b // w[1]\n", "floor",
     r"floor|//|round|whole"),
    # ---------------------------------------------------------------------- sigmoid
    ("sigmoid", "def sigmoid(z):\n    return 1 / (1 - np.exp(-z))\n", "formula",
     r"1 \+ |plus|1 - |minus|sign|denominator"),
    ("sigmoid", "def sigmoid(z):\n    return (np.tanh(z) + 1) / 2\n", "scale",
     r"tanh|z ?/ ?2|half|twice|doubl|2 ?\* ?z|factor"),
    ("sigmoid", "def sigmoid(z):\n    return np.round(1 / (1 + np.exp(-np.clip(z, -500, 500))), 3)\n",
     "precision", r"round|decimal|precision"),
    ("sigmoid", "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.clip(z, -10, 10)))\n", "clip",
     r"clip|large|extreme|\|z\||1000|far from 0"),
    ("sigmoid", "import math\ndef sigmoid(z):\n    return np.array([1 / (1 + math.exp(-v)) for v in z])\n", "list",
     r"math\.exp|one number|np\.exp|row|2-D|array"),
    ("sigmoid", "def sigmoid(z):\n    return np.exp(z) / np.sum(np.exp(z))\n", "sibling",
     r"softmax|sum|normali"),
    # ----------------------------------------------------------------- sigmoid_grad
    ("sigmoid_grad", "def sigmoid(z):\n    return np.tanh(z)\n\ndef sigmoid_grad(z):\n    s = sigmoid(z)\n"
     "    return s * (1 - s)\n", "cascade", r"your sigmoid\b|comes from.*sigmoid|sigmoid first"),
    ("sigmoid_grad", "def sigmoid_grad(z):\n    e = np.exp(z)\n    return e / (1 + e) ** 2\n", "nonfinite",
     r"overflow|nan|inf|stable|large"),
    ("sigmoid_grad", "def sigmoid_grad(z):\n    t = np.tanh(z)\n    return 1 - t ** 2\n", "sibling", r"tanh"),
    ("sigmoid_grad", SIG + "def sigmoid_grad(z):\n    return 1 - _sig(z)\n", "formula",
     r"s \* \(1 - s\)|s\(1 - s\)|missing.*factor|factor|sigmoid\(-z\)"),
    ("sigmoid_grad", "def sigmoid_grad(z):\n    return (z > 0).astype(float)\n", "sibling", r"relu|step"),
    ("sigmoid_grad", SIG + "def sigmoid_grad(z):\n    s = _sig(z)\n    return np.float16(s * (1 - s))\n",
     "precision", r"float16|precision|dtype"),
    # ------------------------------------------------------------------------- relu
    ("relu", "def relu(z):\n    return (z > 0) * 1.0\n", "sibling", r"step|derivative|relu_grad|0 or 1|1 where"),
    ("relu", "def relu(z):\n    return np.clip(z, 0, 1)\n", "partial", r"clip|above 1|greater than 1|> 1|large"),
    ("relu", "def relu(z):\n    z[z < 0] = 0\n", "return", r"return"),
    ("relu", "def relu(z):\n    return np.array([max(0, v) for v in z])\n", "elementwise",
     r"truth value|ambiguous|elementwise|np\.maximum|row|2-D"),
    ("relu", "def relu(z):\n    return z if z.any() > 0 else 0\n", "partial",
     r"negative|z < 0|z <= 0|identity|unchanged|itself"),
    ("relu", "def relu(z):\n    return np.log1p(np.exp(z))\n", "sibling", r"softplus|smooth|log|overflow"),
    # -------------------------------------------------------------------- relu_grad
    ("relu_grad", "def relu_grad(z):\n    return (z > 0).astype(int)\n", "dtype", r"int|dtype|float"),
    ("relu_grad", "def relu_grad(z):\n    return np.where(z > 0, 1.0, -1.0)\n", "partial",
     r"negative|z < 0|z <= 0|-1"),
    ("relu_grad", "def relu_grad(z):\n    return np.heaviside(z, 0.5)\n", "partial", r"z = 0|zero|exactly 0"),
    ("relu_grad", "def relu_grad(z):\n    return (z < 0).astype(float)\n", "flipped",
     r"z < 0|negative|revers|flip|opposite|1 - "),
    ("relu_grad", SIG + "def relu_grad(z):\n    s = _sig(z)\n    return s * (1 - s)\n", "sibling", r"sigmoid"),
    ("relu_grad", "def relu_grad(z):\n    return np.array([1.0 if v > 0 else 0.0 for v in z])\n", "elementwise",
     r"truth value|ambiguous|elementwise|row|2-D|np\.where|z > 0"),
    # ---------------------------------------------------------------------- softmax
    ("softmax", "def softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / e.sum(axis=-1, keepdims=True)\n",
     "global_max", r"each row|row's (own )?max|per row|own max|axis"),
    ("softmax", "def softmax(z):\n    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
     "    return e / e.sum(axis=1)[:, None]\n", "axis", r"axis|1-D|one vector|-1"),
    ("softmax", "def softmax(z):\n    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
     "    return e / e.max(axis=-1, keepdims=True)\n", "normalise", r"sum|normali"),
    ("softmax", "def softmax(z):\n    return 1 / (1 + np.exp(-z))\n", "sibling", r"sigmoid"),
    ("softmax", "def softmax(z):\n    s = z - z.max(axis=-1, keepdims=True)\n"
     "    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))\n", "transform", r"\blog"),
    ("softmax", "def softmax(z):\n    e = np.exp(z - z.min(axis=-1, keepdims=True))\n"
     "    return e / e.sum(axis=-1, keepdims=True)\n", "nonfinite", r"max|overflow|stable|huge|large"),
    # ---------------------------------------------------------------- dense_forward
    ("dense_forward", "def dense_forward(X, W, b):\n    return X.T @ W + b\n", "matmul",
     r"transpos|\.T\b|X @ W|inner"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return X @ W + b[:, None]\n", "broadcast",
     r"\bb\b|bias|broadcast|None"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return 1 / (1 + np.exp(-(X @ W + b)))\n", "sibling",
     r"sigmoid|activation"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return X * W + b\n", "operator",
     r"elementwise|matrix product|@|broadcast|\*"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return np.mean(X @ W + b, axis=0)\n", "reduce",
     r"mean|averag|one row|axis|each example"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return np.dot(X, W) + np.sum(b)\n", "offset",
     r"\bb\b|bias|sum"),
    # ----------------------------------------------------------------- count_params
    ("count_params", "def count_params(layer_sizes):\n    total = 0\n    for i in range(len(layer_sizes) - 2):\n"
     "        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]\n    return total\n", "loop",
     r"last layer|range|off.by.one|one layer|layer"),
    ("count_params", "def count_params(layer_sizes):\n    return sum(layer_sizes)\n", "concept",
     r"weight|connection|pair"),
    ("count_params", "def count_params(layer_sizes):\n    return int(np.prod(layer_sizes))\n", "concept",
     r"weight|pair|consecutive|each layer"),
    ("count_params", "def count_params(layer_sizes):\n    s = layer_sizes\n"
     "    return sum(a * b + b for a, b in zip(s, s[1:])) + s[0]\n", "offset", r"input|bias"),
    ("count_params", "def count_params(layer_sizes):\n    s = layer_sizes\n"
     "    return float(sum(a * b + b for a, b in zip(s, s[1:])))\n", "dtype", r"int|whole|dtype"),
    # -------------------------------------------------------------------------- mse
    ("mse", "def mse(y_pred, y_true):\n    return np.sqrt(np.mean((y_pred - y_true) ** 2))\n", "transform",
     r"root|sqrt|RMSE|square"),
    ("mse", "def mse(y_pred, y_true):\n    return np.mean((y_pred - y_true) ** 2, axis=0)\n", "axis",
     r"axis|one number|single number|all"),
    ("mse", "def mse(y_pred, y_true):\n    return np.sum((y_pred - y_true) ** 2) / len(y_pred)\n", "factor",
     r"len|number of (elements|entries|values)|size|factor|times"),
    ("mse", "def mse(y_pred, y_true):\n    return np.mean(y_pred - y_true) ** 2\n", "order",
     r"square.*(each|error|before)|mean of the square|order"),
    ("mse", "def mse(y_pred, y_true):\n    return int(np.mean((y_pred - y_true) ** 2))\n", "dtype",
     r"int|integer|whole|fraction"),
    # --------------------------------------------------------- binary_cross_entropy
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    y = np.clip(y, 1e-12, 1 - 1e-12)\n"
     "    return -np.mean(p * np.log(y) + (1 - p) * np.log(1 - y))\n", "swap",
     r"swap|p and y|order|argument"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
     "    return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))\n", "factor",
     r"log10|natural|base|np\.log\b"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
     "    return -np.mean(np.log(p[y == 1]))\n", "subset",
     r"y = 0|y == 0|1 - y|both|every example|negative|nan|empty"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
     "    return -np.mean(y * np.log(p) + (1 - y) * np.log(p))\n", "formula", r"1 - p|log\(1 - p\)"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
     "    return -(y * np.log(p) + (1 - y) * np.log(1 - p))\n", "reduce",
     r"mean|one number|single number|averag"),
    # ---------------------------------------------------------------- cross_entropy
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=1, keepdims=True)\n"
     "    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
     "    return -np.mean(logp[labels])\n", "index", r"np\.arange|one entry per row|index|each row|row"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=1, keepdims=True)\n"
     "    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)\n"
     "    return -np.mean(np.log2(p[np.arange(len(labels)), labels]))\n", "factor", r"log2|base|natural|np\.log\b"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=0, keepdims=True)\n"
     "    logp = z - np.log(np.exp(z).sum(axis=0, keepdims=True))\n"
     "    return -np.mean(logp[np.arange(len(labels)), labels])\n", "axis", r"axis|row|column"),
    ("cross_entropy", "def softmax(z):\n    e = np.exp(z - z.max(axis=0))\n    return e / e.sum(axis=0)\n\n"
     "def cross_entropy(logits, labels):\n    p = softmax(logits)\n"
     "    return -np.mean(np.log(p[np.arange(len(labels)), labels]))\n", "cascade",
     r"your softmax|comes from.*softmax|softmax first"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=1, keepdims=True)\n"
     "    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
     "    onehot = np.eye(logits.shape[1])[labels]\n    return -np.mean(onehot * logp)\n", "factor",
     r"mean over|classes|factor|times|divid|k\b"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=1, keepdims=True)\n"
     "    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
     "    return -logp[np.arange(len(labels)), labels]\n", "reduce", r"mean|one number|single number|averag"),
    # ----------------------------------------------------------------- neuron_grads
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    return p - y, p - y\n",
     "chain", r"\bx\b|times x|shape|dw"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    dz = 2 * (p - y)\n"
     "    return dz * x, dz\n", "loss", r"mse|squared|extra|factor|2 times"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    return p - y, (p - y) * x\n",
     "order", r"order|swap"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w)\n    return (p - y) * x, p - y\n",
     "bias", r"\bb\b|bias"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    return (p - y) * x / len(x), p - y\n",
     "factor", r"factor|divid|len|1/n|times"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    return (p - y) * x * x, p - y\n",
     "chain", r"extra|\bx\b.*(twice|again|too often)|factor"),
    # ----------------------------------------------------------- numerical_gradient
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros_like(x)\n    h = 1e-3\n"
     "    for i in np.ndindex(x.shape):\n        xp = x.copy(); xm = x.copy()\n        xp[i] += h; xm[i] -= h\n"
     "        g[i] = (f(xp) - f(xm)) / (2 * h)\n    return g\n", "ignored_arg", r"eps"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros_like(x)\n"
     "    for i in range(len(x)):\n        xp = x.copy(); xm = x.copy()\n        xp[i] += eps; xm[i] -= eps\n"
     "        g[i] = (f(xp) - f(xm)) / (2 * eps)\n    return g\n", "rows",
     r"ndindex|every (entry|element)|each (entry|element)|2-D|row"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros(x.shape[0])\n"
     "    for i in range(x.shape[0]):\n        xp = x.copy(); xm = x.copy()\n        xp[i] += eps; xm[i] -= eps\n"
     "        g[i] = (f(xp) - f(xm)) / (2 * eps)\n    return g\n", "shape", r"shape|ndindex|each (entry|element)|x's shape"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros_like(x)\n"
     "    for i in np.ndindex(x.shape):\n        x[i] += eps\n        fp = f(x)\n        x[i] -= 2 * eps\n"
     "        fm = f(x)\n        x[i] += 2 * eps\n        g[i] = (fp - fm) / (2 * eps)\n    return g\n", "mutation",
     r"restor|chang|in place|mutat|x\[i\]|copy"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros(x.shape, dtype=int)\n"
     "    for i in np.ndindex(x.shape):\n        xp = x.copy(); xm = x.copy()\n        xp[i] += eps; xm[i] -= eps\n"
     "        g[i] = (f(xp) - f(xm)) / (2 * eps)\n    return g\n", "dtype", r"int|dtype|float"),
    # ---------------------------------------------------------------------- gd_step
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return w, b - lr * db\n", "frozen",
     r"\bw\b.*(not|never|unchanged)|unchanged|frozen|not updated"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return w - dw / lr, b - db / lr\n", "lr",
     r"lr|learning rate|divid"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    w -= lr * dw\n    b -= lr * db\n    return dw, db\n",
     "returns_input", r"return|gradient|dw"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return b - lr * db, w - lr * dw\n", "order", r"order|swap"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return w - lr * dw, b - lr * np.sum(dw)\n", "wrong_grad",
     r"\bdb\b|dw"),
    # --------------------------------------------------------------------- fit_line
    ("fit_line", FIT.replace("        b = b - lr * db\n", ""), "frozen",
     r"\bb\b.*(not|never|stays|unchanged|update)|frozen"),
    ("fit_line", FIT.replace("range(epochs)", "range(epochs + 1)"), "count",
     r"epoch|one (more|too many)|off.by.one|range"),
    ("fit_line", "def fit_line(x, y, lr, epochs):\n    w, b = 0.0, 0.0\n    err = w * x + b - y\n"
     "    dw = 2 * np.mean(err * x)\n    db = 2 * np.mean(err)\n    for epoch in range(epochs):\n"
     "        w = w - lr * dw\n        b = b - lr * db\n    return w, b\n", "stale",
     r"inside the loop|recomput|each epoch|every epoch|once|first epoch"),
    ("fit_line", FIT.replace("w, b = 0.0, 0.0", "w, b = 1.0, 1.0"), "init", r"start|initial|zero|\b0\b"),
    ("fit_line", FIT.replace("w = w - lr * dw", "w = w - 0.01 * dw").replace("b = b - lr * db", "b = b - 0.01 * db"),
     "lr", r"\blr\b|learning rate"),
    ("fit_line", FIT.replace("        b = b - lr * db\n", "        b = b - lr * db\n        return w, b\n"),
     "early_return", r"epoch|loop|return"),
    # -------------------------------------------------------------------- adam_step
    ("adam_step", ADAM.replace("m = beta1 * m + (1 - beta1) * dw", "m = beta2 * m + (1 - beta2) * dw")
     .replace("v = beta2 * v + (1 - beta2) * dw ** 2", "v = beta1 * v + (1 - beta1) * dw ** 2"), "swap",
     r"beta1|beta2|swap"),
    ("adam_step", ADAM.replace("m = beta1 * m", "m_new = beta1 * m").replace("v = beta2 * v", "v_new = beta2 * v")
     .replace("m_hat = m /", "m_hat = m_new /").replace("v_hat = v /", "v_hat = v_new /"), "stale_state",
     r"\bm\b|\bv\b|not updated|new|unchanged"),
    ("adam_step", ADAM.replace("beta1 ** t", "beta1 ** (t + 1)").replace("beta2 ** t", "beta2 ** (t + 1)"),
     "count", r"\bt\b|step count|off.by.one|one more"),
    ("adam_step", ADAM.replace("m = beta1 * m + (1 - beta1)", "m = 0.9 * m + (1 - 0.9)")
     .replace("v = beta2 * v + (1 - beta2)", "v = 0.999 * v + (1 - 0.999)")
     .replace("(1 - beta1 ** t)", "(1 - 0.9 ** t)").replace("(1 - beta2 ** t)", "(1 - 0.999 ** t)"),
     "ignored_arg", r"beta|argument|default"),
    ("adam_step", ADAM.replace("return w - lr", "return w + lr"), "sign", r"sign|ascent|uphill|minus|subtract"),
    # --------------------------------------------------------------- dense_backward
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return W @ dZ.T, X.T @ dZ, dZ.sum(axis=0)\n",
     "transpose", r"transpos|dX|\.T"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return dZ @ W.T, X.T @ dZ / len(X), dZ.sum(axis=0)\n",
     "factor", r"\bm\b|divid|1/m|mean|factor"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return X.T @ dZ, dZ @ W.T, dZ.sum(axis=0)\n",
     "order", r"order|swap"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=1)[:dZ.shape[1]]\n",
     "axis", r"axis"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    dZ = dZ * (X @ W > 0)\n"
     "    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)\n", "chain", r"relu|mask|activation|extra|factor"),
    # -------------------------------------------------------------------- train_mlp
    ("train_mlp", mlp(epochs="10"), "count", r"epoch|too few|longer|loop"),
    ("train_mlp", mlp(update="W1 -= lr * dW1; b1 -= lr * db1; b2 -= lr * db2"), "frozen",
     r"W2.*(not|never)|frozen|update"),
    ("train_mlp", mlp(epochs="0"), "untrained", r"not trained|update|chance|train|loop"),
    ("train_mlp", mlp(act="1 / (1 + np.exp(-Z1))"), "activation", r"sigmoid|relu|activation"),
    ("train_mlp", mlp(update="W1 -= lr * dW1.T; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2"), "shape",
     r"transpos|shape|\.T"),
    ("train_mlp", mlp(update="W1 += lr * dW1; b1 += lr * db1; W2 -= lr * dW2; b2 -= lr * db2"), "sign",
     r"sign|ascent|uphill|W1|subtract|against the gradient"),
    # ------------------------------------------------------------ conv_output_shape
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    o = (h + 2 * padding - k) // stride + 1\n    return (o, o)\n", "width", r"\bw\b|width|h for both|both"),
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return (h - 2 * padding - k) // stride + 1, (w - 2 * padding - k) // stride + 1\n", "padding",
     r"padding"),
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return (h + 2 * padding - k) * stride + 1, (w + 2 * padding - k) * stride + 1\n", "stride",
     r"stride|divid"),
    ("conv_output_shape", "import math\ndef conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return (math.ceil((h + 2 * padding - k) / stride) + 1, math.ceil((w + 2 * padding - k) / stride) + 1)\n",
     "rounding", r"floor|ceil|round|//"),
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return ((h + padding - k) // stride + 2, (w + padding - k) // stride + 2)\n", "padding",
     r"padding|both sides"),
    # ------------------------------------------------------------- conv_param_count
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n"
     "    return (n_filters, kh * kw * c_in * n_filters)\n", "order", r"order|swap"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n"
     "    return (kh * kh * c_in * n_filters, n_filters)\n", "kw", r"\bkw\b|width|kh"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n"
     "    return (kh * kw * c_in * n_filters, 0)\n", "bias", r"bias"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n"
     "    return (kh * kw * c_in * n_filters + n_filters, n_filters)\n", "bias", r"bias|twice"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n"
     "    return (kh * kw * c_in, n_filters)\n", "filters", r"n_filters|filter|kernel"),
    # ----------------------------------------------------------------------- conv2d
    ("conv2d", CONV.replace("x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]", "x[:, i:i + kh, j:j + kw]"),
     "stride", r"stride"),
    ("conv2d", CONV.replace("    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n", "")
     .replace("H = (x.shape[1] - kh)", "H = (x.shape[1] + 2 * padding - kh)")
     .replace("W = (x.shape[2] - kw)", "W = (x.shape[2] + 2 * padding - kw)"), "padding", r"pad|border"),
    ("conv2d", CONV.replace("np.sum(patch * kernels[n])", "np.sum(patch[0] * kernels[n, 0])"), "channel",
     r"channel|only x\[0\] counts"),
    ("conv2d", CONV.replace("+ bias[n]", "+ bias[0]"), "bias", r"bias"),
    ("conv2d", CONV.replace("np.sum(patch * kernels[n])", "np.mean(patch * kernels[n])"), "reduce",
     r"sum|mean|averag|factor"),
    ("conv2d", CONV.replace("out = np.zeros((N, H, W))", "out = np.zeros((H, W, N))")
     .replace("out[n, i, j]", "out[i, j, n]"), "axes", r"axes|channel|shape|transpos|order"),
    # ----------------------------------------------------------------- train_digits
    ("train_digits", digits(scale="1", ret='{"W1": W1, "b1": b1, "W2": W2, "b2": b2}'), "scale",
     r"scale|pixel|16"),
    ("train_digits", digits(epochs="1"), "count", r"epoch|longer|more|not trained|train"),
    ("train_digits", digits(ret='{"w1": W1, "b1": b1, "w2": W2, "b2": b2, "scale": 1 / 16}'), "keys",
     r"keys|W1"),
    ("train_digits", digits(lr="50.0"), "diverge", r"lr|learning rate|diverg|nan"),
    ("train_digits", digits(epochs="300", lr="-0.5"), "sign", r"sign|ascent|uphill|loss went up|worse"),
    # --------------------------------------------------------------- predict_digits
    ("predict_digits", PRED.replace("A = X.reshape(len(X), -1) * ", "A = X * "), "flatten",
     r"flatten|reshape|64|\(m, 64\)"),
    ("predict_digits", PRED.replace("np.argmax(A, axis=1)", "np.argmax(A, axis=0)"), "axis", r"axis"),
    ("predict_digits", PRED.replace("L = len([k for k in params if k.startswith('W')])", "L = 1"), "layers",
     r"layer|W2|all"),
    ("predict_digits", PRED.replace("np.maximum(A, 0)", "1 / (1 + np.exp(-A))"), "activation",
     r"relu|sigmoid|activation"),
    ("predict_digits", PRED.replace("* params.get('scale', 1 / 16)", "* params.get('scale', 1 / 16) / 16"),
     "scale", r"scale|16"),
    # ----------------------------------------------------------------- two_layer_grads
    # (the known mistakes cover both masks, m, db averaged or not summed, both dW transposed,
    # the softmax's axis, P - y and no max shift: these are other slips)
    ("two_layer_grads", TWO_LAYER.replace("dW2 = A1.T @ dZ2", "dW2 = A1.T @ dZ2 / m")
     .replace("dW1 = X.T @ dZ1", "dW1 = X.T @ dZ1 / m"), "factor", r"1/m|divid|factor|times|/ m\b|mean"),
    ("two_layer_grads", TWO_LAYER.replace("db1 = dZ1.sum(axis=0)", "db1 = dZ1"), "reduce", r"sum|axis"),
    ("two_layer_grads", TWO_LAYER.replace("dW1 = X.T @ dZ1", "dW1 = (X.T @ dZ1).T"), "transpose", r"transpos|\.T"),
    ("two_layer_grads", TWO_LAYER.replace("    dZ2[np.arange(m), y] -= 1\n", ""), "onehot",
     r"one-hot|subtract|P - Y|np\.eye|\by\b"),
    ("two_layer_grads", TWO_LAYER.replace("dZ2 = P.copy()\n    dZ2[np.arange(m), y] -= 1",
                                          "dZ2 = -P.copy()\n    dZ2[np.arange(m), y] += 1"), "sign",
     r"sign|negative|Y - P|P - Y|minus"),
    ("two_layer_grads", TWO_LAYER.replace("db2 = dZ2.sum(axis=0)", "db2 = dZ2.sum(axis=1)"), "axis", r"axis"),
    ("two_layer_grads", TWO_LAYER.replace("* (Z1 > 0)", "* (dZ2 @ W2.T > 0)"), "mask", r"mask|Z1 > 0|relu|dZ1"),
    ("two_layer_grads", TWO_LAYER.replace("dZ1 = (dZ2 @ W2.T)", "dZ1 = (dZ2 @ W2)"), "crash",
     r"W2\.T|transpos|shapes do not fit"),
    ("two_layer_grads", TWO_LAYER.replace('return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}',
                                          'return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}'), "keys",
     r"key|\bW1\b"),
    ("two_layer_grads", TWO_LAYER.replace("E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))\n"
                                          "    P = E / E.sum(axis=1, keepdims=True)", "P = 1 / (1 + np.exp(-Z2))"),
     "sibling", r"sigmoid|softmax"),
    ("two_layer_grads", "def softmax(z):\n    e = np.exp(z - z.max())\n    return e / e.sum()\n"
     + TWO_LAYER.replace("E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))\n    P = E / E.sum(axis=1, keepdims=True)",
                         "P = softmax(Z2)"), "cascade", r"your softmax|comes from.*softmax|softmax first"),
    ("two_layer_grads", TWO_LAYER_DENSE.replace("dZ.sum(axis=0)\n", "dZ.sum(axis=1)\n"), "cascade",
     r"your dense_backward|comes from.*dense_backward|dense_backward first"),
    # ------------------------------------------------------------------------ init_std
    # (the public cases' labels name the scheme: the words ask for more than the label)
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 // fan_in)\n"
     "    return np.sqrt(2 // (fan_in + fan_out))\n", "int_division", r"//|integer division|whole"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(1 / fan_in)\n"
     "    return np.sqrt(2 / (fan_in + fan_out))\n", "factor", r"factor|times|sqrt\(2\)|scheme = 'he'"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(1 / (fan_in + fan_out))\n", "factor", r"factor|times|sqrt\(2\)|scheme = 'xavier'"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(2 / fan_in + fan_out)\n", "precedence", r"scheme = 'xavier'|parenthes|bracket|precedence"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        std = np.sqrt(2 / fan_in)\n"
     "    else:\n        std = np.sqrt(2 / (fan_in + fan_out))\n    return np.random.normal(0, std, size=(fan_in, fan_out))\n",
     "weights", r"one (single )?number|single number|std itself|not.*weights"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(2 / ((fan_in + fan_out) / 2))\n", "average", r"scheme = 'xavier'|factor|times|sqrt\(2\)"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return round(np.sqrt(2 / fan_in), 3)\n"
     "    return round(np.sqrt(2 / (fan_in + fan_out)), 3)\n", "precision", r"round|decimal"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    elif scheme == 'glorot':\n        return np.sqrt(2 / (fan_in + fan_out))\n"
     "    raise ValueError(f'unknown scheme {scheme}')\n", "crash", r"scheme = 'xavier'"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(6 / (fan_in + fan_out))\n", "uniform", r"scheme = 'xavier'|uniform|factor|times|sqrt\(3\)"),
    # ----------------------------------------------------------------- activation_stds
    ("activation_stds", STDS.replace("float(np.std(A))", "float(np.mean(A))"), "statistic",
     r"mean|standard deviation|np\.std"),
    ("activation_stds", STDS.replace("range(1, L)", "range(1, L - 1)"), "count",
     r"last hidden|too few|L - 1|range|missing"),
    ("activation_stds", STDS.replace("L = len(params) // 2", "L = len(params)"), "crash",
     r"keys are|len\(params\)|// ?2|number of layers|past the last"),
    ("activation_stds", STDS.replace("'sigmoid': lambda z: 1 / (1 + np.exp(-z))", "'sigmoid': lambda z: 1 / (1 + np.exp(z))"),
     "sibling", r"activation = 'sigmoid'|your sigmoid|sigmoid\(-z\)|exp\(-z\)"),
    ("activation_stds", STDS.replace("float(np.std(A))", "np.std(A, axis=0)"), "axis",
     r"axis|one number|all the entries|single"),
    ("activation_stds", STDS.replace("float(np.std(A))", "round(float(np.std(A)), 2)"), "precision", r"round|decimal"),
    ("activation_stds", STDS.replace("params[f'b{l}']", "params['b1']"), "bias", r"b1|bias|its own b"),
    ("activation_stds", STDS.replace("        out.append(float(np.std(A)))\n", "    out.append(float(np.std(A)))\n"),
     "indent", r"every (hidden )?layer|each (hidden )?layer|only the last|loop|append"),
    # ---------------------------------------------------------------------- l2_penalty
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return 0.5 * lam * np.sqrt(sum(np.sum(v ** 2) for k, v in params.items() if k.startswith('W')))\n",
     "sqrt", r"sqrt|square root|norm"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return 0.5 * sum(np.sum(v ** 2) for k, v in params.items() if k.startswith('W'))\n", "ignored_arg",
     r"lam is ignored|ignores lam|lam has no effect|lam = 1 gives|without lam|lam (is )?(missing|left out)"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    total, n = 0.0, 0\n    for k, W in params.items():\n"
     "        if k.startswith('W'):\n            total += np.sum(W ** 2)\n            n += W.size\n"
     "    return lam / 2 * total / n\n", "mean", r"mean|averag|divid|number of weights"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return lam // 2 * sum(np.sum(W ** 2) for k, W in params.items() if k.startswith('W'))\n",
     "int_division", r"//|integer division|whole"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return [lam / 2 * np.sum(W ** 2) for k, W in params.items() if k.startswith('W')]\n",
     "reduce", r"one (single )?number|single number|add|sum|list"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    total = 0.0\n    for k in params:\n        if k.startswith('W'):\n"
     "            W = params[k]\n            W **= 2\n            total += W.sum()\n    return lam / 2 * total\n",
     "mutation", r"params\['W1'\]|'W1'"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    for k in [k for k in params if k.startswith('b')]:\n        del params[k]\n"
     "    return lam / 2 * sum(np.sum(W ** 2) for W in params.values())\n", "mutation",
     r"remov|delet|\bdel\b|keys of params|params.*keys"),
    # ------------------------------------------------------------------------ l2_grads
    # (a right result with an input changed gives the known mistake's outputs: no mutation here)
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g + lam * g if k.startswith('W') else g for k, g in grads.items()}\n", "operand",
     r"params\[|instead of the weight|lam \* W\b|lam \* params"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g + lam * params[k] for k, g in grads.items() if k.startswith('W')}\n", "keys",
     r"b1|bias|key|missing"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {'d' + k: g + lam * params[k] if k.startswith('W') else g for k, g in grads.items()}\n", "keys",
     r"key|\bW1\b"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    out = dict(grads)\n"
     "    out['W1'] = grads['W1'] + lam * params['W1']\n    return out\n", "partial",
     r"minus lam|lam \* params\['W2'\]|lam \* W2|every weight|each weight|all (the )?weights|grads\['W2'\] itself, unchanged"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g + lam * params['W1'] if k.startswith('W') else g for k, g in grads.items()}\n", "crash",
     r"params\[k\]|its own|params\['W1'\]"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return [g + lam * params[k] if k.startswith('W') else g for k, g in grads.items()]\n", "form",
     r"dict|key"),
    # ------------------------------------------------------------ early_stopping_epoch
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    return int(np.argmax(val_losses))\n",
     "sibling", r"argmax|largest|highest|maximum"),
    ("early_stopping_epoch", ES.replace("return best_epoch", "return float(best_epoch)"), "dtype", r"int|whole|float"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n"
     "    best = 0\n    for i in range(1, len(val_losses)):\n        if val_losses[i] <= val_losses[best]:\n"
     "            best = i\n        elif i - best > patience:\n            break\n    return best\n", "ties",
     r"tie|<=|strictly|counts? as (an )?improvement"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    for i in range(1, len(val_losses)):\n"
     "        if val_losses[i] >= val_losses[i - 1]:\n            return i - 1\n    return len(val_losses) - 1\n",
     "ignored_arg", r"patience is ignored|ignores patience|patience = \d+ gives|patience has no effect|"
                    r"does not change when patience|patience = 1"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    best, wait = 0, 0\n"
     "    for epoch in range(1, len(val_losses)):\n        if val_losses[epoch] < val_losses[best]:\n            best, wait = epoch, 0\n"
     "        else:\n            wait += 1\n            if wait == patience:\n                return best\n", "return",
     r"None|never stops|after the loop|no return"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    best = min(val_losses[:patience + 1])\n"
     "    return val_losses.index(best)\n", "crash", r"\.index|np\.argmin|list method"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    best_epoch, wait = 0, 0\n"
     "    for epoch in range(1, len(val_losses)):\n        if val_losses[epoch] < val_losses[epoch - 1]:\n"
     "            best_epoch, wait = epoch, 0\n        else:\n            wait += 1\n            if wait >= patience:\n"
     "                break\n    return best_epoch\n", "previous", r"so far|previous|best loss|lowest loss"),
    # -------------------------------------------------------------------- bag_of_words
    ("bag_of_words", BOW + "\n_bow = bag_of_words\ndef bag_of_words(sentences, vocab):\n    return _bow(sentences, vocab).T\n",
     "transpose", r"transpos|\.T|shape"),
    ("bag_of_words", BOW.replace("            if word in vocab:\n                X[i, vocab[word]] += 1",
                                 "            X[i, vocab[word]] += 1"), "unknown_word",
     r"not in (the )?vocab|skip|\.get\(|in vocab"),
    ("bag_of_words", BOW.replace("    for i, s in enumerate(sentences):\n",
                                 "    for i, s in enumerate(sentences):\n        n = len(re.findall(r\"[a-z']+\", s.lower()))\n")
     .replace("X[i, vocab[word]] += 1", "X[i, vocab[word]] += 1 / n"), "normalise",
     r"divid|normali|frequen|fraction|count (each|them)"),
    ("bag_of_words", BOW.replace("np.zeros((len(sentences), len(vocab)))",
                                 "np.zeros((len(sentences), len(vocab)), dtype=int)"), "dtype", r"float|int|dtype"),
    ("bag_of_words", BOW.replace("X[i, vocab[word]] += 1", "X[0, vocab[word]] += 1"), "row",
     r"row (1|0)|first row|each sentence|its own row|X\[i"),
    ("bag_of_words", BOW.replace("    return X\n", "    return X.sum(axis=0)\n"), "reduce",
     r"sum|axis|one row per sentence"),
    ("bag_of_words", BOW.replace("np.zeros((len(sentences), len(vocab)))",
                                 "np.zeros((len(sentences), max(vocab.values())))"), "size",
     r"len\(vocab\)|\+ ?1|too (few|small)|column"),
    ("bag_of_words", BOW.replace("s.lower()", "s.lower"), "crash", r"lower\(\)|parenthes|call"),
    ("bag_of_words", "def bag_of_words(sentences, vocab):\n    X = np.zeros((len(sentences), len(vocab)))\n"
     "    for i, s in enumerate(sentences):\n        for word in s.lower().replace(',', ' ').replace('!', ' ').split():\n"
     "            if word in vocab:\n                X[i, vocab[word]] += 1\n    return X\n", "punctuation",
     r"\[a-z'\]|findall|split|punctuation (sticks|stays)|period|full stop"),
    # --------------------------------------------------------------- predict_sentiment
    ("predict_sentiment", BOW + "\ndef predict_sentiment(sentences, vocab, w, b):\n"
     "    z = bag_of_words(sentences, vocab) @ w + b\n    return (z > 0).astype(int)\n", "labels",
     r"probabilit|0 or 1|threshold|sigmoid"),
    ("predict_sentiment", SENT.replace("np.exp(-z)", "np.exp(z)"), "flipped",
     r"revers|flip|opposite|sign|1 -|1 minus|-z"),
    ("predict_sentiment", SENT.replace("X[i, vocab[word]] += 1", "X[i, vocab[word]] = 1"), "cascade",
     r"your bag_of_words|comes from.*bag_of_words|bag_of_words first"),
    ("predict_sentiment", SENT.replace("bag_of_words(sentences, vocab) @ w", "w @ bag_of_words(sentences, vocab)"),
     "crash", r"transpos|\.T|order|shapes do not fit"),
    ("predict_sentiment", SENT.replace("return 1 / (1 + np.exp(-z))", "return np.tanh(z)"), "sibling", r"tanh"),
    ("predict_sentiment", SENT.replace("@ w + b", "@ w - b"), "sign",
     r"sign of b|-b gives|b is subtracted|minus b|b (enters|is) (with its sign )?flipped"),
    ("predict_sentiment", SENT.replace("return 1 / (1 + np.exp(-z))", "return np.exp(z) / np.exp(z).sum()"),
     "sibling", r"softmax"),
    ("predict_sentiment", SENT.replace("bag_of_words(sentences, vocab) @ w + b", "bag_of_words(sentences, vocab) @ w[:, None] + b"),
     "shape", r"shape|\(m, 1\)|extra axis|column"),
    ("predict_sentiment", SENT.replace("            if word in vocab:\n                X[i, vocab[word]] += 1",
                                       "            X[i, vocab[word]] += 1"), "cascade",
     r"your bag_of_words|comes from.*bag_of_words|bag_of_words first|not in (the )?vocab"),
]

# ------------------------- more entries, of kinds the held-out corpus's families showed
# (written here from scratch: the held-out corpus's sources are never read)
DEV_CORPUS += [
    ("sigmoid_grad", SIG + "def sigmoid_grad(z):\n    s = _sig(z)\n    return s * (s - 1)\n", "sign",
     r"sign|negative|minus|flipped"),
    ("sigmoid_grad", "def sigmoid_grad(z):\n    return np.exp(-z) / (1 + np.exp(-z))\n", "sibling",
     r"sigmoid\(-z\)|1 - s|s \* \(1 - s\)|overflow|nan|stable"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    mx = logits.max(axis=1, keepdims=True)\n"
     "    lse = np.log(np.sum(np.exp(logits - mx), axis=1))\n"
     "    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))\n", "offset",
     r"max|log-sum-exp|logsumexp|shift"),
    ("count_params", "def count_params(layer_sizes):\n    s = layer_sizes\n"
     "    return sum(a * b for a, b in zip(s, s[1:])) + sum(s[1:-1])\n", "offset",
     r"bias|last|output layer|minus"),
    ("train_digits", digits().replace("W1 -= 0.5 * dW1; b1 -= 0.5 * db1; W2 -= 0.5 * dW2; b2 -= 0.5 * db2",
                                      "W1 -= 0.5 * dW1; b1 -= 0.5 * db1; b2 -= 0.5 * db2"), "training",
     r"W2|never|frozen|updat"),
]
