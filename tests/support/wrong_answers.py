"""Typical wrong answers, written the way learners write them, and what `check` must say.

Each entry: (exercise, learner source, expected status, expected feedback). Right values in
the wrong form (a list, integers, shape (1,) for a number) keep most of a case's points
(the partial-credit policy, docs/grading-policy.md): such entries read "partial". The feedback
is ``"mistake:<name>"`` (that known mistake's hint is shown) or a phrase that must
appear in the report's text. A few right answers written differently are listed too
("passed"), so the checks do not reject correct code.
"""

SIG = "def _sig(z):\n    return np.exp(-np.logaddexp(0, -z))\n"

TRAIN_MLP_BODY = """
    k = int(y.max()) + 1
    rng = np.random.default_rng(seed)
    W1 = {init1}
    b1 = np.zeros(hidden)
    W2 = rng.standard_normal((hidden, k)) * np.sqrt(2 / hidden)
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        Z2 = A1 @ W2 + b2
        E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        dZ2 = (P - Y) / len(X)
        dW2 = A1.T @ dZ2
        db2 = dZ2.sum(axis=0)
        dA1 = dZ2 @ W2.T
        dZ1 = {dz1}
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0)
        W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2
    return {ret}
"""


TWO_LAYER_BODY = """
def softmax(Z):
    E = np.exp({shifted})
    return E / E.sum(axis={axis}, keepdims=True)


def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    P = softmax(Z2)
    Y = np.zeros_like(P)
    Y[np.arange(m), y] = 1
    dZ2 = {dz2}
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ W2.T
    dZ1 = {dz1}
    dW1 = {dw1}
    db1 = dZ1.sum(axis=0)
    return {ret}
"""


def _two_layer(shifted="Z - Z.max(axis=1, keepdims=True)", axis=1, dz2="(P - Y) / m", dz1="dA1 * (Z1 > 0)",
               dw1="X.T @ dZ1", ret='{"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}') -> str:
    return TWO_LAYER_BODY.format(shifted=shifted, axis=axis, dz2=dz2, dz1=dz1, dw1=dw1, ret=ret)


TWO_LAYER_WITH_DENSE = """
def dense_backward(dZ, X, W):
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


def two_layer_grads(X, y, params):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ params["W2"] + params["b2"]
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    P[np.arange(len(y)), y] -= 1
    dA1, dW2, db2 = dense_backward(P / len(y), A1, params["W2"])
    _, dW1, db1 = dense_backward(dA1 * (A1 > 0), X, params["W1"])
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
"""


def _mlp(init1="rng.standard_normal((2, hidden)) * np.sqrt(2 / 2)", dz1="dA1 * (Z1 > 0)",
         ret='{"W1": W1, "b1": b1, "W2": W2, "b2": b2}') -> str:
    return "def train_mlp(X, y, hidden, lr, epochs, seed):" + TRAIN_MLP_BODY.format(
        init1=init1, dz1=dz1, ret=ret)


DIGITS_TRAIN = """
def train_digits(X_train, y_train):
    X = X_train.reshape(len(X_train), -1) / 16
    rng = np.random.default_rng(0)
    W = rng.standard_normal((64, 10)) * 0.01
    b = np.zeros(10)
    Y = np.eye(10)[y_train]
    for epoch in range(300):
        Z = X @ W + b
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        dZ = (P - Y) / len(X)
        W -= 1.0 * X.T @ dZ
        b -= 1.0 * dZ.sum(axis=0)
    return {"W": W, "b": b}
"""

PREDICT_HEAD = "def predict_digits(params, X):\n    A = X.reshape(len(X), -1) * params.get('scale', 1 / 16)\n"
PREDICT_LOOP = ("    L = len([k for k in params if k.startswith('W')])\n    for l in range(1, L + 1):\n"
                "        A = A @ params[f'W{l}'] + params[f'b{l}']\n        if l < L:\n            A = np.maximum(A, 0)\n")

BOW = """import re
def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for word in {words}:
            {count}
    return X
"""


def _bow(words="re.findall(r\"[a-z']+\", s.lower())", count="if word in vocab:\n                X[i, vocab[word]] += 1",
         zeros="np.zeros((len(sentences), len(vocab)))") -> str:
    return BOW.format(words=words, count=count).replace("np.zeros((len(sentences), len(vocab)))", zeros)


def _sentiment(body: str) -> str:
    return _bow() + "def predict_sentiment(sentences, vocab, w, b):\n    X = bag_of_words(sentences, vocab)\n" + body


STDS = """def activation_stds(X, params, activation="relu"):
    f = {{"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}}[{act}]
    L = {L}
    A = X
    stds = []
    for l in range(1, L):
        Z = A @ params[f"W{{l}}"] + params[f"b{{l}}"]
        A = f(Z)
        stds.append({std})
    return {ret}
"""


def _stds(act="activation", L="len(params) // 2", std="float(np.std(A))", ret="stds") -> str:
    return STDS.format(act=act, L=L, std=std, ret=ret)


ESE = """
def early_stopping_epoch(val_losses, patience):
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses):
        if {better}:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if {stop}:
                break
    return {ret}
"""

WRONG_ANSWERS = [
    # ------------------------------------------------------------------ weighted_sum
    ("weighted_sum", "def weighted_sum(x, w):\n    return [float(v) for v in np.atleast_2d(x) @ w]\n",
     "partial", "a list"),
    ("weighted_sum", "def weighted_sum(x, w):\n    s = x @ w\n", "failed", "forget to `return`"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.dot(w, x)\n", "partial", "ValueError"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return sum(x * w)\n", "partial", "expected shape (4,)"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.multiply(x, w)\n", "failed", "mistake:no_sum"),
    ("weighted_sum", "def weighted_sum(x, w):\n    return np.sum(x * w, axis=-1)\n", "passed", "all 4 cases passed"),
    # ------------------------------------------------------------------------ neuron
    ("neuron", "def neuron(x, w, b):\n    return weighted_sum(x, w) + b\n", "error", "NameError"),
    ("neuron", "def neuron(x, w, b):\n    return x @ w + np.array([b])\n", "partial", "expected a single number"),
    ("neuron", "def neuron(x, w, b):\n    return (x @ w) * b\n", "failed", "values differ"),
    ("neuron", "def neuron(x, w, b):\n    z = np.dot(x, w)\n    return z\n", "failed", "mistake:no_bias"),
    ("neuron", "def neuron(x, w, b):\n    return np.dot(x, w) + b\n", "passed", "all 4 cases passed"),
    # ----------------------------------------------------------------- boundary_line
    ("boundary_line", "def boundary_line(w, b):\n    return -w[0] / w[1]\n", "failed", "expected a tuple of 2 values"),
    ("boundary_line", "def boundary_line(w, b):\n    slope = w[0] / w[1]\n    return -slope, b / w[1]\n",
     "partial", "mistake:intercept_sign"),
    ("boundary_line", "def boundary_line(w, b):\n    return (-w[0] / w[1], -b)\n", "partial", "value 2"),
    ("boundary_line", "def boundary_line(w, b):\n    w1, w2 = w\n    return [-w1 / w2, -b / w2]\n",
     "passed", "all 4 cases passed"),
    # ----------------------------------------------------------------------- sigmoid
    ("sigmoid", "import math\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n", "error", "TypeError"),
    ("sigmoid", "def sigmoid(z):\n    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))\n",
     "partial", "numpy warned"),
    ("sigmoid", "def sigmoid(z):\n    return np.tanh(z)\n", "failed", "values differ"),
    ("sigmoid", "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))\n", "passed", "all 4"),
    # ------------------------------------------------------------------ sigmoid_grad
    ("sigmoid_grad", "def sigmoid_grad(z):\n    s = sigmoid(z)\n    return s * (1 - s)\n", "error", "NameError"),
    ("sigmoid_grad", SIG + "def sigmoid_grad(z):\n    s = _sig(z)\n    return s * (1 - z)\n",
     "failed", "mistake:s_times_1_minus_z"),
    ("sigmoid_grad", "def sigmoid_grad(z):\n    return np.exp(-z) / (1 + np.exp(-z)) ** 2\n", "partial", "nan"),
    ("sigmoid_grad", SIG + "def sigmoid_grad(z):\n    s = _sig(z)\n    return s - s ** 2\n", "passed", "all 4"),
    # -------------------------------------------------------------------------- relu
    ("relu", "def relu(z):\n    return max(0, z)\n", "error", "ValueError"),
    ("relu", "def relu(z):\n    return np.maximum(z, 0).astype(int)\n", "partial", "integer"),
    ("relu", "def relu(z):\n    return np.where(z > 0, z, 0.01 * z)\n", "partial", "values differ"),
    ("relu", "def relu(z):\n    z[z < 0] = 0\n    return z\n", "passed", "all 4"),
    # --------------------------------------------------------------------- relu_grad
    ("relu_grad", "def relu_grad(z):\n    return np.greater(z, 0)\n", "partial", "mistake:bool_dtype"),
    ("relu_grad", "def relu_grad(z):\n    return np.where(z >= 0, 1.0, 0.0)\n", "partial", "mistake:one_at_zero"),
    ("relu_grad", "def relu_grad(z):\n    return np.sign(z)\n", "partial", "values differ"),
    ("relu_grad", "def relu_grad(z):\n    return 1.0 if z > 0 else 0.0\n", "error", "ValueError"),
    # ----------------------------------------------------------------------- softmax
    ("softmax", "def softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / e.sum(axis=1, keepdims=True)\n",
     "partial", "AxisError"),
    ("softmax", "def softmax(z):\n    e = np.exp(z)\n    return e / e.sum(axis=-1, keepdims=True)\n",
     "partial", "mistake:no_max_shift"),
    ("softmax", "def softmax(z):\n    e = np.exp(z - z.max(axis=0))\n    return e / e.sum(axis=0)\n",
     "partial", "mistake:wrong_axis"),
    ("softmax", "def softmax(z):\n    e = np.exp(z - z.max(axis=-1, keepdims=True))\n    return e / e.sum(axis=-1)\n",
     "partial", "ValueError"),
    # ----------------------------------------------------------------- dense_forward
    ("dense_forward", "def dense_forward(X, W, b):\n    return np.dot(W, X) + b\n", "error", "ValueError"),
    ("dense_forward", "def dense_forward(X, W, b):\n    Z = X @ W + b\n", "failed", "forget to `return`"),
    ("dense_forward", SIG + "def dense_forward(X, W, b):\n    return _sig(X @ W + b)\n", "failed", "values differ"),
    ("dense_forward", "def dense_forward(X, W, b):\n    return X @ W + b.reshape(-1, 1)\n", "error", "ValueError"),
    # ------------------------------------------------------------------ count_params
    ("count_params", "def count_params(layer_sizes):\n    s = layer_sizes\n"
     "    return sum(a * b for a, b in zip(s, s[1:])) + sum(s)\n", "failed", "differ"),
    ("count_params", "def count_params(layer_sizes):\n    s = layer_sizes\n"
     "    return float(sum(a * b + b for a, b in zip(s, s[1:])))\n", "partial", "integer"),
    ("count_params", "def count_params(layer_sizes):\n    s = np.array(layer_sizes)\n"
     "    return np.sum(s[:-1] * s[1:] + s[1:])\n", "passed", "all 4"),
    ("count_params", "def count_params(layer_sizes):\n    total = 0\n    for i in range(len(layer_sizes) - 1):\n"
     "        total += layer_sizes[i] * layer_sizes[i + 1]\n    return total\n", "failed", "mistake:no_biases"),
    # --------------------------------------------------------------------------- mse
    ("mse", "def mse(y_pred, y_true):\n    return ((y_pred - y_true) ** 2).mean(axis=0)\n",
     "partial", "expected a single number"),
    ("mse", "def mse(y_pred, y_true):\n    return np.sum((y_pred - y_true) ** 2) / len(y_pred)\n", "partial", "differ"),
    ("mse", "def mse(y_pred, y_true):\n    return np.linalg.norm(y_pred - y_true)\n", "partial", "differ"),
    ("mse", "def mse(y_pred, y_true):\n    return np.mean((y_true - y_pred) ** 2)\n", "passed", "all 4"),
    # ---------------------------------------------------------- binary_cross_entropy
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 0, 1)\n"
     "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n", "partial", "mistake:no_clip"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-7, 1 - 1e-7)\n"
     "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n", "partial", "mistake:clip_1e-7"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
     "    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)) / p.shape\n", "partial", "expected a single number"),
    ("binary_cross_entropy", "def binary_cross_entropy(p, y):\n    p = np.clip(p, 1e-12, 1 - 1e-12)\n"
     "    return -np.mean(y * np.log(p))\n", "failed", "mistake:missing_negative_term"),
    # ----------------------------------------------------------------- cross_entropy
    ("cross_entropy", "def cross_entropy(logits, labels):\n    e = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
     "    p = e / e.sum(axis=1, keepdims=True)\n    return -np.mean(np.log(p[range(len(labels)), labels]))\n",
     "partial", "inf"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=1, keepdims=True)\n"
     "    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
     "    onehot = np.eye(logits.shape[1])[labels]\n    return -np.sum(onehot * logp)\n",
     "partial", "mistake:sum_not_mean"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    return -np.mean(logits[np.arange(len(labels)), labels])\n",
     "failed", "differ"),
    ("cross_entropy", "def cross_entropy(logits, labels):\n    z = logits - logits.max(axis=1, keepdims=True)\n"
     "    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
     "    return -np.mean(logp[np.arange(len(labels)), labels.astype(float)])\n", "error", "IndexError"),
    # ------------------------------------------------------------------ neuron_grads
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    return (p - y) * x\n",
     "failed", "expected a tuple of 2 values"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    return x * (p - y), np.array([p - y])\n",
     "partial", "expected a single number"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(np.dot(w, x) + b)\n    d = (p - y) * p * (1 - p)\n"
     "    return d * x, d\n", "failed", "mistake:extra_sigmoid_grad"),
    ("neuron_grads", SIG + "def neuron_grads(x, w, b, y):\n    p = _sig(x @ w + b)\n    dz = 2 * (p - y) * p * (1 - p)\n"
     "    return dz * x, dz\n", "failed", "mistake:squared_error_chain"),
    ("neuron_grads", "def neuron_grads(x, w, b, y):\n    p = 1 / (1 + np.exp(-(x @ w + b)))\n    return (p - y) * x, p - y\n",
     "passed", "all 5"),
    # ------------------------------------------------------------ numerical_gradient
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    return (f(x + eps) - f(x - eps)) / (2 * eps)\n",
     "failed", "expected an array"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros_like(x)\n"
     "    for i in range(x.size):\n        xp = x.copy().ravel(); xp[i] += eps\n"
     "        g.ravel()[i] = (f(xp.reshape(x.shape)) - f(x)) / eps\n    return g\n",
     "failed", "mistake:forward_difference"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    grad = []\n    for i in range(len(x)):\n"
     "        xp = x.copy(); xm = x.copy(); xp[i] += eps; xm[i] -= eps\n"
     "        grad.append((f(xp) - f(xm)) / (2 * eps))\n    return grad\n", "partial", "got a list"),
    ("numerical_gradient", "def numerical_gradient(f, x, eps=1e-6):\n    g = np.zeros_like(x)\n"
     "    for i in np.ndindex(x.shape):\n        old = x[i]\n        x[i] = old + eps; fp = f(x)\n"
     "        x[i] = old - eps; fm = f(x)\n        x[i] = old\n        g[i] = (fp - fm) / (2 * eps)\n    return g\n",
     "passed", "all 4"),
    # ----------------------------------------------------------------------- gd_step
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    w = w - lr * dw\n    b = b - lr * db\n", "failed", "forget to `return`"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return w - lr * dw, b - lr * dw\n", "failed", "value 2"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    return w - lr * dw\n", "failed", "expected a tuple"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    w += lr * dw\n    b += lr * db\n    return w, b\n",
     "partial", "mistake:sign_flipped"),
    ("gd_step", "def gd_step(w, b, dw, db, lr):\n    w -= lr * dw\n    b -= lr * db\n    return w, b\n", "passed", "all 4"),
    # ---------------------------------------------------------------------- fit_line
    ("fit_line", "def fit_line(x, y, lr, epochs):\n    w = b = 0.0\n    r = w * x + b - y\n"
     "    w -= lr * 2 * np.mean(r * x)\n    b -= lr * 2 * np.mean(r)\n    return w, b\n", "partial", "differ"),
    ("fit_line", "def fit_line(x, y, lr, epochs):\n    w, b = 0.0, 0.0\n    for epoch in range(epochs):\n"
     "        pred = w * x + b\n        w -= lr * np.mean(2 * (pred - y) * x)\n"
     "        b -= lr * np.mean(2 * (w * x + b - y))\n    return w, b\n", "partial", "mistake:sequential_update"),
    ("fit_line", "def fit_line(x, y, lr, epochs):\n    w = np.zeros(1); b = np.zeros(1)\n    for epoch in range(epochs):\n"
     "        r = w * x + b - y\n        w, b = w - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)\n    return w, b\n",
     "partial", "expected a single number"),
    ("fit_line", "def fit_line(x, y, lr, epochs):\n    w = b = 0.0\n    for _ in range(epochs):\n        r = w * x + b - y\n"
     "        w, b = w - lr * np.mean(r * x), b - lr * np.mean(r)\n    return w, b\n", "partial", "mistake:missing_factor_2"),
    # --------------------------------------------------------------------- adam_step
    ("adam_step", "def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
     "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
     "    w = w - lr * m / (np.sqrt(v) + eps)\n    return w, m, v\n", "partial", "mistake:no_bias_correction"),
    ("adam_step", "def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
     "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
     "    mh = m / (1 - beta1 ** (t + 1)); vh = v / (1 - beta2 ** (t + 1))\n"
     "    return w - lr * mh / (np.sqrt(vh) + eps), m, v\n", "partial", "value 1"),
    ("adam_step", "def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
     "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
     "    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)\n",
     "failed", "expected a tuple of 3 values"),
    ("adam_step", "def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
     "    m = beta1 * m + (1 - beta1) * dw\n    v = beta2 * v + (1 - beta2) * dw ** 2\n"
     "    mh = m / (1 - beta1) ** t; vh = v / (1 - beta2) ** t\n"
     "    return w - lr * mh / (np.sqrt(vh) + eps), m, v\n", "partial", "differ"),
    # ---------------------------------------------------------------- dense_backward
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return dZ @ W.T, X.T @ dZ, np.sum(dZ)\n",
     "failed", "expected an array of shape"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    dX = np.dot(dZ, W.T)\n    dW = np.dot(dZ.T, X)\n"
     "    db = np.sum(dZ, axis=0)\n    return dX, dW, db\n", "failed", "mistake:dW_transposed"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return dZ @ W, X.T @ dZ, dZ.sum(axis=0)\n",
     "error", "ValueError"),
    ("dense_backward", "def dense_backward(dZ, X, W):\n    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=1)\n",
     "failed", "value 3"),
    # --------------------------------------------------------------- two_layer_grads
    ("two_layer_grads", _two_layer(dz1="dA1"), "failed", "mistake:no_relu_mask"),
    ("two_layer_grads", _two_layer(dz1="dA1 * (Z1 >= 0)"), "partial", "mistake:relu_mask_ge"),
    ("two_layer_grads", _two_layer(dz2="P - Y"), "partial", "mistake:sum_not_mean"),
    ("two_layer_grads", _two_layer(shifted="Z - Z.max(axis=0, keepdims=True)", axis=0), "failed",
     "mistake:softmax_wrong_axis"),
    ("two_layer_grads", _two_layer(shifted="Z"), "partial", "mistake:no_max_shift"),
    ("two_layer_grads", _two_layer(dz2="(P - y.reshape(-1, 1)) / m"), "failed", "mistake:no_onehot"),
    ("two_layer_grads", _two_layer(dw1="dZ1.T @ X"), "failed", "expected shape"),
    ("two_layer_grads", _two_layer(ret='{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}'), "failed",
     "expected keys"),
    ("two_layer_grads", _two_layer(dz1="dA1 * (A1 > 0)"), "passed", "all 5 cases passed"),
    ("two_layer_grads", TWO_LAYER_WITH_DENSE, "passed", "all 5 cases passed"),
    ("two_layer_grads", TWO_LAYER_WITH_DENSE.replace("X.T @ dZ, dZ.sum", "dZ.T @ X, dZ.sum"), "failed",
     "mistake:dW_transposed"),
    # --------------------------------------------------------------------- train_mlp
    ("train_mlp", _mlp(init1="np.zeros((2, hidden))"), "failed", "mistake:zeros_init"),
    ("train_mlp", _mlp(ret='{"w1": W1, "b1": b1, "w2": W2, "b2": b2}'), "failed", "W1, b1, W2, b2"),
    ("train_mlp", _mlp(ret="(W1, b1, W2, b2)"), "failed", "W1, b1, W2, b2"),
    ("train_mlp", _mlp(), "passed", "all 3 cases passed"),
    # ---------------------------------------------------------------------- init_std
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    return np.sqrt(2 / fan_in)\n", "partial",
     "mistake:he_for_both"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'xavier':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(2 / (fan_in + fan_out))\n", "failed", "mistake:schemes_swapped"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    return np.sqrt(2 / (fan_in + fan_out))\n", "partial",
     "mistake:xavier_for_both"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return 2 / fan_in\n"
     "    return 2 / (fan_in + fan_out)\n", "failed", "mistake:variance"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.sqrt(2 / fan_out)\n"
     "    return np.sqrt(2 / (fan_in + fan_out))\n", "partial", "mistake:he_fan_out"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    n = fan_in if scheme == 'he' else fan_in + fan_out\n"
     "    return np.sqrt(6 / n)\n", "failed", "mistake:uniform_bound"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'He':\n        return np.sqrt(2 / fan_in)\n"
     "    return np.sqrt(2 / (fan_in + fan_out))\n", "partial", "mistake:xavier_for_both"),
    ("init_std", "def init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n        return np.array([np.sqrt(2 / fan_in)])\n"
     "    return np.array([np.sqrt(2 / (fan_in + fan_out))])\n", "partial", "expected a single number"),
    ("init_std", "import math\ndef init_std(scheme, fan_in, fan_out):\n    if scheme == 'he':\n"
     "        return math.sqrt(2 / fan_in)\n    elif scheme == 'xavier':\n        return math.sqrt(2 / (fan_in + fan_out))\n"
     "    raise ValueError(f'unknown scheme {scheme}')\n", "passed", "all 4 cases passed"),
    # --------------------------------------------------------------- activation_stds
    ("activation_stds", _stds().replace("stds.append(float(np.std(A)))", "stds.append(float(np.std(Z)))"),
     "failed", "mistake:std_of_z"),
    ("activation_stds", _stds(std="float(np.var(A))"), "failed", "mistake:variance"),
    ("activation_stds", _stds(act='"relu"'), "partial", "mistake:relu_always"),
    ("activation_stds", _stds(ret="np.array(stds)"), "failed", "return a list"),
    ("activation_stds", _stds(L="len(params)"), "error", "KeyError"),
    ("activation_stds", _stds(L="len(params) // 2 + 1"), "failed", "mistake:includes_output_activated"),
    ("activation_stds", _stds(std="float(np.mean(np.std(A, axis=0)))"), "failed", "mistake:std_per_unit"),
    ("activation_stds", _stds(std="float(np.std(A, axis=1).mean())"), "partial", "mistake:std_per_example"),
    ("activation_stds", _stds(std="float(np.std(A, ddof=1))"), "failed", "mistake:ddof_1"),
    ("activation_stds", _stds(std="float(np.sqrt(np.mean(A ** 2)))"), "failed", "mistake:root_mean_square"),
    ("activation_stds", _stds(), "passed", "all 4 cases passed"),
    # -------------------------------------------------------------------- l2_penalty
    ("l2_penalty", "def l2_penalty(params, lam):\n    total = 0\n    for name in params:\n"
     "        total += np.sum(params[name] ** 2)\n    return lam / 2 * total\n", "partial", "mistake:biases_included"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    return lam * sum(np.sum(W ** 2) for k, W in params.items() if k[0] == 'W')\n",
     "partial", "mistake:no_half"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return lam / 2 * sum(np.abs(W).sum() for k, W in params.items() if k.startswith('W'))\n",
     "partial", "mistake:abs_not_square"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    return lam / 2 * np.sum(params['W1'] ** 2)\n",
     "partial", "mistake:first_layer_only"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    return lam / 2 * (np.sum(params['W1'] ** 2) + np.sum(params['W2'] ** 2))\n",
     "partial", "mistake:two_layers_only"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return lam / 2 * sum(np.linalg.norm(W) for k, W in params.items() if 'W' in k)\n",
     "partial", "mistake:norm_not_squared"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return [lam / 2 * np.sum(W ** 2) for k, W in params.items() if k.startswith('W')]\n",
     "partial", "expected a number"),
    ("l2_penalty", "def l2_penalty(params, lam):\n"
     "    return lam / 2 * sum(np.sum(W) ** 2 for k, W in params.items() if k.startswith('W'))\n",
     "partial", "mistake:square_of_sum"),
    ("l2_penalty", "def l2_penalty(params, lam):\n    L = len(params) // 2\n"
     "    return 0.5 * lam * sum(np.sum(params[f'W{l}'] * params[f'W{l}']) for l in range(1, L + 1))\n",
     "passed", "all 4 cases passed"),
    # ---------------------------------------------------------------------- l2_grads
    ("l2_grads", "def l2_grads(grads, params, lam):\n    return {k: grads[k] + lam * params[k] for k in grads}\n",
     "partial", "mistake:biases_decayed"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    for k in grads:\n        if k.startswith('W'):\n"
     "            grads[k] += lam * params[k]\n    return grads\n", "partial", "mistake:changed_grads_in_place"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    for k in grads:\n        if k.startswith('W'):\n"
     "            grads[k] = grads[k] + lam * params[k]\n    return grads\n", "partial", "mistake:changed_grads_in_place"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    new = dict(grads)\n    for k in new:\n"
     "        if k.startswith('W'):\n            new[k] += lam * params[k]\n    return new\n",
     "partial", "changed its input"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g - lam * params[k] if k.startswith('W') else g for k, g in grads.items()}\n",
     "partial", "mistake:decay_subtracted"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g + 2 * lam * params[k] if k.startswith('W') else g for k, g in grads.items()}\n",
     "partial", "mistake:factor_two"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g + lam * params[k] for k, g in grads.items() if k.startswith('W')}\n",
     "failed", "expected keys"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    for k in params:\n        if k.startswith('W'):\n"
     "            params[k] *= 1 - lam\n    return dict(grads)\n", "partial", "mistake:decay_missing"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: (1 - lam) * g if k.startswith('W') else g for k, g in grads.items()}\n",
     "partial", "mistake:shrunk_gradient"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n"
     "    return {k: g + lam / 2 * params[k] ** 2 if k.startswith('W') else g for k, g in grads.items()}\n",
     "partial", "mistake:penalty_not_gradient"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    out = dict(grads)\n"
     "    out['W1'] = grads['W1'] + lam * params['W1']\n    out['W2'] = grads['W2'] + lam * params['W2']\n"
     "    return out\n", "partial", "mistake:named_layers"),
    ("l2_grads", "def l2_grads(grads, params, lam):\n    new = dict(grads)\n    for k in new:\n"
     "        if k.startswith('W'):\n            new[k] = new[k] + lam * params[k]\n    return new\n",
     "passed", "all 4 cases passed"),
    # ---------------------------------------------------------- early_stopping_epoch
    ("early_stopping_epoch", ESE.format(better="loss <= best", stop="waited >= patience", ret="best_epoch"),
     "partial", "mistake:equal_is_better"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited > patience", ret="best_epoch"),
     "partial", "mistake:patience_off_by_one"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited >= patience", ret="epoch"),
     "failed", "mistake:stopped_epoch"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited >= patience", ret="best_epoch + 1"),
     "failed", "mistake:one_based"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    return np.argmin(val_losses)\n",
     "partial", "mistake:no_patience"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    best, best_epoch, bad = np.inf, 0, 0\n"
     "    for i in range(len(val_losses)):\n        if val_losses[i] < best:\n"
     "            best, best_epoch = val_losses[i], i\n        else:\n            bad += 1\n"
     "            if bad == patience:\n                break\n    return best_epoch\n",
     "partial", "mistake:wait_not_reset"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    best_epoch, bad = 0, 0\n"
     "    for i in range(1, len(val_losses)):\n        if val_losses[i] < val_losses[i - 1]:\n            bad = 0\n"
     "            if val_losses[i] < val_losses[best_epoch]:\n                best_epoch = i\n        else:\n"
     "            bad += 1\n            if bad == patience:\n                break\n    return best_epoch\n",
     "partial", "mistake:compared_with_previous"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited >= patience - 1", ret="best_epoch"),
     "partial", "mistake:patience_one_short"),
    ("early_stopping_epoch", ESE.replace('float("inf")', "0").format(better="loss < best", stop="waited >= patience",
                                                                      ret="best_epoch"),
     "partial", "mistake:best_starts_at_zero"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited >= patience", ret="best"),
     "failed", "mistake:returned_loss"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited >= patience", ret="float(best_epoch)"),
     "partial", "integer"),
    ("early_stopping_epoch", ESE.format(better="loss < best", stop="waited >= patience", ret="best_epoch"),
     "passed", "all 6 cases passed"),
    ("early_stopping_epoch", "def early_stopping_epoch(val_losses, patience):\n    best = 0\n"
     "    for epoch in range(1, len(val_losses)):\n        if val_losses[epoch] < val_losses[best]:\n"
     "            best = epoch\n        elif epoch - best >= patience:\n            break\n    return best\n",
     "passed", "all 6 cases passed"),
    # ------------------------------------------------------------- conv_output_shape
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return (h - k + 2 * padding) / stride + 1, (w - k + 2 * padding) / stride + 1\n",
     "partial", "mistake:true_division"),
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return (h + 2 * padding - k) // stride + 1\n", "failed", "expected a tuple"),
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return np.array([(h + 2 * padding - k) // stride + 1, (w + 2 * padding - k) // stride + 1])\n",
     "failed", "expected a tuple"),
    ("conv_output_shape", "def conv_output_shape(h, w, k, stride=1, padding=0):\n"
     "    return int((h + 2 * padding - k) / stride + 1), int((w + 2 * padding - k) / stride + 1)\n",
     "passed", "all 5"),
    # -------------------------------------------------------------- conv_param_count
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n    return kh * kw * c_in * n_filters + n_filters\n",
     "failed", "expected a tuple"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n    return (kh * kw * n_filters * c_in, c_in)\n",
     "failed", "value 2"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n"
     "    return {'weights': kh * kw * c_in * n_filters, 'biases': n_filters}\n", "failed", "expected a tuple"),
    ("conv_param_count", "def conv_param_count(kh, kw, c_in, n_filters):\n    weights = kh * kw * c_in * n_filters\n"
     "    biases = n_filters * c_in\n    return weights, biases\n", "partial", "mistake:bias_per_channel"),
    # ------------------------------------------------------------------------ conv2d
    ("conv2d", "def conv2d(x, kernels, bias, stride=1, padding=0):\n"
     "    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n    N, C, kh, kw = kernels.shape\n"
     "    out = np.zeros((N, x.shape[1] - kh + 1, x.shape[2] - kw + 1))\n    for n in range(N):\n"
     "        for i in range(out.shape[1]):\n            for j in range(out.shape[2]):\n"
     "                out[n, i, j] = np.sum(x[:, i:i+kh, j:j+kw] * kernels[n]) + bias[n]\n    return out\n",
     "partial", "expected shape"),
    ("conv2d", "def conv2d(x, kernels, bias, stride=1, padding=0):\n"
     "    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n    N, C, kh, kw = kernels.shape\n"
     "    H = (x.shape[1] - kh) // stride + 1; W = (x.shape[2] - kw) // stride + 1\n    out = np.zeros((N, H, W))\n"
     "    for n in range(N):\n        k = kernels[n, :, ::-1, ::-1]\n        for i in range(H):\n            for j in range(W):\n"
     "                p = x[:, i*stride:i*stride+kh, j*stride:j*stride+kw]\n                out[n, i, j] = np.sum(p * k) + bias[n]\n"
     "    return out\n", "partial", "mistake:flipped_kernel"),
    ("conv2d", "def conv2d(x, kernels, bias, stride=1, padding=0):\n"
     "    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n    N, C, kh, kw = kernels.shape\n"
     "    H = (x.shape[1] - kh) // stride + 1; W = (x.shape[2] - kw) // stride + 1\n    out = np.zeros((N, H, W))\n"
     "    for n in range(N):\n        for c in range(C):\n            for i in range(H):\n                for j in range(W):\n"
     "                    p = x[c, i*stride:i*stride+kh, j*stride:j*stride+kw]\n"
     "                    out[n, i, j] += np.sum(p * kernels[n, c]) + bias[n]\n    return out\n",
     "partial", "mistake:bias_per_channel"),
    ("conv2d", "def conv2d(x, kernels, bias, stride=1, padding=0):\n"
     "    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))\n    N, C, kh, kw = kernels.shape\n"
     "    H = (x.shape[1] - kh) // stride + 1; W = (x.shape[2] - kw) // stride + 1\n    out = np.zeros((H, W, N))\n"
     "    for n in range(N):\n        for i in range(H):\n            for j in range(W):\n"
     "                p = x[:, i*stride:i*stride+kh, j*stride:j*stride+kw]\n                out[i, j, n] = np.sum(p * kernels[n]) + bias[n]\n"
     "    return out\n", "failed", "expected shape"),
    # ------------------------------------------------------------------ train_digits
    ("train_digits", DIGITS_TRAIN, "failed", "W1, b1"),
    ("train_digits", "def train_digits(X_train, y_train):\n    X = X_train.reshape(len(X_train), -1)\n"
     "    return np.array([X[y_train == d].mean(axis=0) for d in range(10)])\n",
     "failed", "expected a dict"),
    ("train_digits", DIGITS_TRAIN.replace("np.random.default_rng(0)\n    W = rng.standard_normal((64, 10)) * 0.01",
                                          "np.random.default_rng(0)\n    W = np.zeros((64, 10))")
     .replace("range(300)", "range(0)").replace('{"W": W, "b": b}', '{"W1": W, "b1": b}'),
     "failed", "mistake:not_trained"),
    # ---------------------------------------------------------------- predict_digits
    ("predict_digits", PREDICT_HEAD + PREDICT_LOOP + "    return np.exp(A) / np.exp(A).sum(axis=1, keepdims=True)\n",
     "failed", "mistake:probabilities"),
    ("predict_digits", PREDICT_HEAD + PREDICT_LOOP + "    return list(np.argmax(A, axis=1))\n", "partial", "a list"),
    ("predict_digits", PREDICT_HEAD.replace(" * params.get('scale', 1 / 16)", "") + PREDICT_LOOP
     + "    return np.argmax(A, axis=1)\n", "partial", "mistake:no_scale"),
    ("predict_digits", PREDICT_HEAD + "    A = np.maximum(A @ params['W1'] + params['b1'], 0)\n"
     "    return np.argmax(A @ params['W2'] + params['b2'], axis=1)\n", "partial", "KeyError"),
    ("predict_digits", PREDICT_HEAD + PREDICT_LOOP + "    return np.argmax(A, axis=1)\n", "passed", "all 4 cases passed"),
    # ------------------------------------------------------------------ bag_of_words
    ("bag_of_words", _bow(count="if word in vocab:\n                X[i, vocab[word]] = 1"), "partial", "mistake:presence"),
    ("bag_of_words", _bow(words="s.lower().split()"), "partial", "mistake:split_at_spaces"),
    ("bag_of_words", _bow(words="re.findall(r\"[a-z']+\", s)"), "partial", "mistake:no_lower"),
    ("bag_of_words", _bow(words="re.findall(r'[a-z]+', s.lower())"), "partial", "mistake:apostrophe_dropped"),
    ("bag_of_words", "from nnlessons.data import tokenize\n" + _bow(words="tokenize(s)"), "partial",
     "mistake:apostrophe_dropped"),
    ("bag_of_words", _bow().replace("for i, s in enumerate(sentences):", "cols = {w: j for j, w in enumerate(vocab)}\n"
                                     "    for i, s in enumerate(sentences):").replace("X[i, vocab[word]]", "X[i, cols[word]]"),
     "partial", "mistake:columns_by_order"),
    ("bag_of_words", _bow(count="X[i, vocab[word]] += 1"), "partial", "KeyError: 'actors'"),
    ("bag_of_words", _bow(zeros="np.zeros((len(sentences), len(vocab)), dtype=int)"), "partial", "expected floating numbers"),
    ("bag_of_words", "import re\nfrom collections import Counter\ndef bag_of_words(sentences, vocab):\n"
     "    rows = []\n    for s in sentences:\n        c = Counter(re.findall(r\"[a-z']+\", s.lower()))\n"
     "        row = np.zeros(len(vocab))\n        for word, col in vocab.items():\n            row[col] = c[word]\n"
     "        rows.append(row)\n    return np.array(rows).reshape(len(sentences), len(vocab))\n", "passed", "all 4 cases passed"),
    # ------------------------------------------------------------- predict_sentiment
    ("predict_sentiment", _sentiment("    return X @ w + b\n"), "failed", "mistake:no_sigmoid"),
    ("predict_sentiment", _sentiment("    return 1 / (1 + np.exp(-(X @ w)))\n"), "failed", "mistake:no_bias"),
    ("predict_sentiment", _sentiment("    return 1 / (1 + np.exp(-(X @ w))) + b\n"), "failed", "mistake:bias_after_sigmoid"),
    ("predict_sentiment", _sentiment("    return 1 / (1 + np.exp(-(X @ w + b))) > 0.5\n"), "failed", "mistake:labels"),
    ("predict_sentiment", "def predict_sentiment(sentences, vocab, w, b):\n"
     "    return 1 / (1 + np.exp(-(bag_of_words(sentences, vocab) @ w + b)))\n", "error", "NameError"),
    ("predict_sentiment", _sentiment("    return 1 / (1 + np.exp(-(X @ w + b)))\n"), "passed", "all 4 cases passed"),
]
