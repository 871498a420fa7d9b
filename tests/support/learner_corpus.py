"""A held-out corpus of learner wrong answers for the nnlessons exercise functions.

Each entry is a complete notebook cell (a ``def``, sometimes with a helper the learner
wrote) that a learner could plausibly submit, and that is wrong: it returns different
values from a correct answer on ordinary inputs, warns or returns nan on the inputs the
contract says must be stable, mutates its input, returns the wrong dtype or shape, or
raises.  The corpus exists to *measure* the course's feedback: run ``check`` / the grader
on every entry and count how often the message names the mistake (``words``).

It was written from the exercise contracts only, WITHOUT looking at the feedback code
(``nnlessons/exercises/mistakes.py``, ``report.py``, ``tests/wrong_answers.py`` or any
diagnosis module), so it is held out from what it measures.  Do not tune the corpus to the
feedback, or the feedback to individual entries' wording, or the measurement is worthless.

Fields of each entry ``(function, source, family, words)``:

* ``function``: the exercise function the source defines.
* ``source``: the cell; it expects ``np`` in scope (other imports are in the cell).
* ``family``: the kind of mistake, one of ``FAMILIES``.  Entries whose mistake is a
  transpose, a missing ``keepdims`` and so on keep that family even when the mistake
  makes numpy raise; ``"crash"`` is for mistakes that are nothing but a crash
  (a wrong index or key, a Python ``if`` on an array, ...).
* ``words``: a case-insensitive regular expression that a message which *names* the
  mistake would match (the idea a teacher would point at, not any particular wording);
  a generic "your values differ" does not match it.

Notes on evaluation: ``train_mlp`` entries are wrong by held-out accuracy (< 95 % on at
least one of moons / blobs / circles with hidden=32, lr=0.5, epochs=500, seed=0) or by
raising; ``train_digits`` entries by held-out accuracy far below a correct net, or by
raising.  The ``numerical_gradient`` forward-difference entry is only visibly wrong
with a larger ``eps`` (e.g. ``eps=1e-3``); with ``eps=1e-6`` its error is ~1e-6 relative.
The ``predict_digits`` entries that drop or misuse the pixel scale, or add the bias after
the ReLU, agree with a correct answer on nets trained from zero biases (the argmax barely
moves) and only differ on nets with sizeable biases (e.g. random ones); those that
hard-code two layers only differ on deeper nets.  Several entries are right on some
inputs only (1-D vs 2-D input, stride or padding > 0, ties, exact 0, |z| = 1000), and
some return the right values but warn (overflow), mutate an input or return the wrong
dtype; a check that compares values only will not see the latter.
"""

FAMILIES = (
    "factor", "sign", "offset", "axis", "transpose", "shape", "reduction", "sibling",
    "partial", "stability", "dtype", "mutation", "training", "crash", "other",
)

# Reusable bits of regex (the concept, several wordings).
_BIAS = r"bias|intercept|\+ ?b\b"
_SIGN = r"\bsign\b|minus|negat|opposite|flip(ped)?\b|backwards|wrong direction|the other way"
_MEAN = r"\bmean\b|np\.mean|averag|divid\w* by|/ ?m\b|/ ?len|number of (examples|samples|rows|elements|entries|points)|batch size|\bsumm(ed|ing)\b|instead of (the )?(mean|averag)"
_AXIS = r"\baxis\b|per (example|sample|row)|each (example|sample|row)|along (the )?(rows|columns|last)|across (the )?(rows|columns|batch)|wrong dimension"
_BATCH = r"\bbatch|each (row|example|sample)|every (row|example|sample)|per (row|example|sample)|\baxis\b|one number|single number|a scalar|2-?d input|summ(ed|ing) (over|across) (the )?(batch|rows|examples|everything|all)"
_TRANSPOSE = r"transpos|\.T\b|order of (the )?(operands|arguments|factors|multiplication|product)|swap|the other way round|\(n_out, ?n_in\)|\(n_in, ?n_out\)|rows and columns"
_MUTATE = r"in[- ]?place|mutat|modif(y|ies|ied|ying) (the |its |your )?(input|argument|array|caller)|overwr|\bcopy\b|\.copy\(|\+=|-=|\*=|/=|side.?effect|changes? (the |its |your )?(input|argument|array)|input (was|is) changed"
_DTYPE = r"\bint\b|int64|float|dtype|\bbool|integer|astype|True/False"
_STABLE = r"overflow|stab|\bnan\b|\binf\b|infinit|warning|exp\(|np\.exp|\b1000\b|huge|extreme|large (inputs|values of z|\|z\||negative|positive|z|logits|numbers)|\|z\|"
_CLIP = r"np\.clip|\bclip|log\(0\)|log of (0|zero)|infinit|\binf\b|\bnan\b|exactly (0|1|zero|one)|epsilon|1e-12"
_KEY = r"KeyError|\bkeys?\b|spell|capital|upper.?case|lower.?case|case.?sensitiv"
_INDEX = r"IndexError|out of (range|bounds)|off.by.one|range\(|len\(|past the end|last (index|element)"
_RELU_MASK = r"relu|mask|Z1 ?> ?0|z ?> ?0|derivative of the (hidden )?activation|negative pre-?activations"
_EPOCHS = r"epochs? ?\+ ?1|one (extra|more|too many) (epoch|iteration|step|update)|off.by.one|range\(epochs|number of (epochs|iterations|steps|updates)"
_SIGMOID = r"sigmoid|logistic|squash|logit|raw score|not (a )?probabilit|between 0 and 1|\(0, ?1\)"
_EARLY_RETURN = r"indent|inside the loop|in the loop|one (epoch|step|iteration)|first (epoch|iteration|step)|returns? (too )?early|early return|stops? after"

CORPUS = [
    # (function, source, family, words)

    # ------------------------------------------------------------------ weighted_sum
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.sum(x * w)
""", "reduction", _BATCH),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.sum(x * w, axis=0)
""", "axis", _AXIS + r"|axis ?= ?(-1|1)|last axis|columns? instead"),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return w @ x
""", "transpose", _TRANSPOSE + r"|x ?@ ?w|np\.dot\(x, ?w\)|argument order"),
    ("weighted_sum", """\
def weighted_sum(x, w):
    total = 0
    for i in range(len(w)):
        total += x[i] * w[i]
    return total
""", "shape", _BATCH + r"|x\[i\]|loop over|matrix input|rows? of x"),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.dot(x, w) / len(w)
""", "factor", r"\bmean\b|averag|divid|len\(w\)|/ ?n\b|/ ?len"),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.sum(x + w, axis=-1)
""", "other", r"multipl|product|\badd(ed|ing|s)?\b|x ?\+ ?w|x ?\* ?w|instead of \*"),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.sum(x * w, axis=-1, keepdims=True)
""", "shape", r"keepdims|\(m, ?1\)|\(1,\)|\bshape\b|extra (axis|dimension)|squeeze|ravel|flatten|\bfloat\b|plain number"),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.dot(x.T, w)
""", "transpose", _TRANSPOSE),
    ("weighted_sum", """\
def weighted_sum(x, w):
    return np.sum(x) * np.sum(w)
""", "other", r"elementwise|element-wise|pair(s|wise|ed)?\b|product of (the )?sums|multipl(y|ied) (first|each)|x ?\* ?w|x\[i\] ?\* ?w\[i\]|each input (with|by) its weight"),

    # ------------------------------------------------------------------ neuron
    ("neuron", """\
def neuron(x, w, b):
    return np.dot(x, w)
""", "offset", _BIAS),
    ("neuron", """\
def neuron(x, w, b):
    return np.dot(x, w) - b
""", "sign", _SIGN + r"|subtract"),
    ("neuron", """\
def neuron(x, w, b):
    return np.dot(x + b, w)
""", "offset", _BIAS + r"|inside the (dot|product|sum)|added to (the |each )?inputs?|before (the )?(multipl|dot)"),
    ("neuron", """\
def neuron(x, w, b):
    return b + np.sum(x * w)
""", "reduction", _BATCH),
    ("neuron", """\
def neuron(x, w, b):
    z = x @ w + b
    return 1 / (1 + np.exp(-z))
""", "sibling", r"sigmoid|activation|squash|linear|pre-?activation|raw (value|score|sum)"),
    ("neuron", """\
def neuron(x, w, b):
    return np.dot(w, x) + b
""", "transpose", _TRANSPOSE + r"|x ?@ ?w|np\.dot\(x, ?w\)"),
    ("neuron", """\
def neuron(x, w, b):
    return x @ w.reshape(-1, 1) + b
""", "shape", r"\(m, ?1\)|\(1,\)|\bshape\b|reshape|extra (axis|dimension)|squeeze|ravel|flatten|column vector|1-?d"),
    ("neuron", """\
def neuron(x, w, b):
    return np.maximum(0, x @ w + b)
""", "sibling", r"relu|activation|np\.maximum|linear|pre-?activation|clipp?\w* (the )?negative|negative (values|sums) (become|set|clipped|to) (0|zero)"),
    ("neuron", """\
def neuron(x, w, b):
    return x * w + b
""", "reduction", r"\bsum\b|np\.sum|np\.dot|\bdot\b|add (them |it )?up|elementwise|element-wise|@|weighted sum|\bshape\b"),

    # ------------------------------------------------------------------ boundary_line
    ("boundary_line", """\
def boundary_line(w, b):
    return w[0] / w[1], b / w[1]
""", "sign", _SIGN + r"|-w1 ?/ ?w2|-w\[0\]"),
    ("boundary_line", """\
def boundary_line(w, b):
    slope = -w[0] / w[1]
    intercept = b / w[1]
    return slope, intercept
""", "sign", _SIGN + r"|-b ?/ ?w|- ?b ?/"),
    ("boundary_line", """\
def boundary_line(w, b):
    return -w[1] / w[0], -b / w[0]
""", "other", r"swap|x1|solv\w* for|invert|recipro|w1 ?/ ?w2|w\[0\] ?/ ?w\[1\]|divide by w2|divid\w* by w\[1\]"),
    ("boundary_line", """\
def boundary_line(w, b):
    w1, w2 = w
    return -w1 / w2, -b
""", "factor", r"w2|w\[1\]|divid"),
    ("boundary_line", """\
def boundary_line(w, b):
    return -w[0] / w[1], -b / w[0]
""", "other", r"w2|w\[1\]|divid\w* by w1|w\[0\]"),
    ("boundary_line", """\
def boundary_line(w, b):
    slope = -w[1] / w[2]
    intercept = -b / w[2]
    return slope, intercept
""", "crash", r"IndexError|out of (range|bounds)|0-based|zero-based|w\[0\]|w\[2\]|start(s|ing)? (at|from) (0|zero)|only two (entries|elements)"),
    ("boundary_line", """\
def boundary_line(w, b):
    return -w[0] * w[1], -b * w[1]
""", "factor", r"divid|multipl|w2|w\[1\]"),
    ("boundary_line", """\
def boundary_line(w, b):
    return -w[1] / w[0], -b / w[1]
""", "other", r"invert|recipro|upside|w1 ?/ ?w2|w\[0\] ?/ ?w\[1\]|swap|numerator|denominator"),

    # ------------------------------------------------------------------ sigmoid
    ("sigmoid", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
""", "stability", _STABLE),
    ("sigmoid", """\
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
""", "stability", _STABLE),
    ("sigmoid", """\
def sigmoid(z):
    return 1 / (1 + np.exp(z))
""", "sign", _SIGN + r"|exp\(-z\)|-z\b|1 ?- ?sigmoid|mirror"),
    ("sigmoid", """\
def sigmoid(z):
    e = np.exp(-z)
    return e / (1 + e)
""", "sign", _SIGN + r"|exp\(-z\)|1 ?- ?sigmoid|mirror|numerator|1 ?/ ?\(1"),
    ("sigmoid", """\
def sigmoid(z):
    return 1 / (1 - np.exp(-z))
""", "sign", r"\bsign\b|plus|1 ?\+ ?(np\.)?exp|denominator|minus|\+ instead"),
    ("sigmoid", """\
def sigmoid(z):
    return np.tanh(z)
""", "sibling", r"tanh|logistic|\(0, ?1\)|between 0 and 1|\(-1, ?1\)"),
    ("sigmoid", """\
def sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
""", "stability", _STABLE + r"|both branches|np\.where|evaluat"),
    ("sigmoid", """\
def sigmoid(z):
    z = np.clip(z, -10, 10)
    return 1 / (1 + np.exp(-z))
""", "partial", r"clip|saturat|large (z|inputs|values)|\|z\||too (tight|narrow|small)"),
    ("sigmoid", """\
import math

def sigmoid(z):
    return np.array([1 / (1 + math.exp(-v)) for v in np.ravel(z)]).reshape(np.shape(z))
""", "stability", _STABLE + r"|math\.exp|OverflowError"),
    ("sigmoid", """\
def sigmoid(z):
    return 0.5 * (1 + np.tanh(z))
""", "factor", r"z ?/ ?2|\bhalf|tanh|0\.5 ?\* ?z|scale"),

    # ------------------------------------------------------------------ sigmoid_grad
    ("sigmoid_grad", """\
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def sigmoid_grad(z):
    return sigmoid(z) * (1 - z)
""", "sibling", r"sigmoid\(z\)|s ?\* ?\(1 ?- ?s\)|1 ?- ?sigmoid|1 ?- ?s\b|1 ?- ?z"),
    ("sigmoid_grad", """\
def sigmoid_grad(z):
    return z * (1 - z)
""", "sibling", r"sigmoid\(z\)|s ?\* ?\(1 ?- ?s\)|\bz\b instead|instead of sigmoid|apply (the )?sigmoid|call sigmoid|z ?\* ?\(1 ?- ?z\)"),
    ("sigmoid_grad", """\
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def sigmoid_grad(z):
    return sigmoid(z)
""", "sibling", r"forward|sigmoid itself|the sigmoid (value|itself|instead)|s ?\* ?\(1 ?- ?s\)|1 ?- ?s\b|returns? sigmoid\(z\)"),
    ("sigmoid_grad", """\
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 + s)
""", "sign", _SIGN + r"|1 ?- ?s\b|1 ?\+ ?s\b|\(1 ?- ?sigmoid"),
    ("sigmoid_grad", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_grad(z):
    return sigmoid(z) * (1 - sigmoid(z))
""", "stability", _STABLE),
    ("sigmoid_grad", """\
def sigmoid_grad(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2
""", "stability", _STABLE),
    ("sigmoid_grad", """\
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def sigmoid_grad(z):
    return sigmoid(z) * (1 - sigmoid(-z))
""", "sign", _SIGN + r"|-z\b|1 ?- ?sigmoid\(z\)|s ?\* ?\(1 ?- ?s\)|s\^?2|s ?\*\* ?2|squared"),
    ("sigmoid_grad", """\
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def sigmoid_grad(z):
    return 1 - sigmoid(z) ** 2
""", "sibling", r"tanh|1 ?- ?s\^?2|1 ?- ?s ?\*\* ?2|s ?\* ?\(1 ?- ?s\)"),
    ("sigmoid_grad", """\
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

def sigmoid_grad(z):
    s = sigmoid(z)
    return s @ (1 - s)
""", "other", r"elementwise|element-wise|@|np\.dot|\bdot product|matrix (multipl|product)|\*"),

    # ------------------------------------------------------------------ relu
    ("relu", """\
def relu(z):
    return np.max(z, 0)
""", "reduction", r"np\.max\b|np\.max\(|np\.maximum|elementwise|element-wise|reduc|\baxis\b|largest"),
    ("relu", """\
def relu(z):
    return np.maximum(0, z).astype(int)
""", "dtype", _DTYPE + r"|truncat|round"),
    ("relu", """\
def relu(z):
    return z > 0
""", "sibling", r"mask|\bbool|True|False|derivative|step function|comparison|z itself|0s? and 1s?|keep (the )?(value|z)"),
    ("relu", """\
def relu(z):
    return np.where(z < 0, z, 0.0)
""", "sign", _SIGN + r"|z ?< ?0|<|wrong side|positive (part|values)|negative (part|values)"),
    ("relu", """\
def relu(z):
    return np.abs(z)
""", "other", r"\babs|absolute|negative (values|inputs|entries|numbers)|negatives"),
    ("relu", """\
def relu(z):
    z[z < 0] = 0
    return z
""", "mutation", _MUTATE),
    ("relu", """\
def relu(z):
    return np.maximum(z, 0.01 * z)
""", "sibling", r"leaky|0\.01|negative (values|inputs|side|part)|slope"),
    ("relu", """\
def relu(z):
    return np.minimum(z, 0)
""", "sibling", r"np\.minimum|minimum|np\.maximum|maximum|negative (part|values)|positive (part|values)"),
    ("relu", """\
def relu(z):
    out = np.zeros(len(z))
    for i in range(len(z)):
        out[i] = max(z[i], 0)
    return out
""", "crash", r"2-?d|matrix|ambiguous|elementwise|element-wise|any shape|\bloop|np\.maximum|truth value|python max|built-?in max"),

    # ------------------------------------------------------------------ relu_grad
    ("relu_grad", """\
def relu_grad(z):
    return (z >= 0).astype(float)
""", "partial", r"exactly (0|zero)|at (z ?= ?)?(0|zero)\b|>=|strict|z ?= ?0|zero input|when z is (0|zero)"),
    ("relu_grad", """\
def relu_grad(z):
    return z > 0
""", "dtype", _DTYPE),
    ("relu_grad", """\
def relu_grad(z):
    return np.maximum(z, 0)
""", "sibling", r"forward|relu itself|relu\(z\)|slope|0 or 1|ones and zeros|mask|step function|instead of (the |its )?(gradient|derivative)|z itself|returns? z"),
    ("relu_grad", """\
def relu_grad(z):
    return np.where(z > 0, z, 0.0)
""", "sibling", r"forward|relu itself|relu\(z\)|slope|0 or 1|ones and zeros|mask|step function|instead of (the |its )?(gradient|derivative)|z itself|returns? z"),
    ("relu_grad", """\
def relu_grad(z):
    return np.where(z > 0, 1, 0)
""", "dtype", _DTYPE),
    ("relu_grad", """\
def relu_grad(z):
    return (z < 0).astype(float)
""", "sign", _SIGN + r"|z ?< ?0|<|invert|positive|negative"),
    ("relu_grad", """\
def relu_grad(z):
    return np.sign(z)
""", "other", r"np\.sign|\bsign\b|-1|negative (inputs|values|entries|z)|minus one"),
    ("relu_grad", """\
def relu_grad(z):
    return np.heaviside(z, 1.0)
""", "partial", r"exactly (0|zero)|at (z ?= ?)?(0|zero)\b|z ?= ?0|heaviside|second argument|zero input|when z is (0|zero)"),
    ("relu_grad", """\
def relu_grad(z):
    z[z > 0] = 1
    z[z <= 0] = 0
    return z
""", "mutation", _MUTATE),
    ("relu_grad", """\
def relu_grad(z):
    if z > 0:
        return 1.0
    return 0.0
""", "crash", r"ambiguous|\bif\b|vectori|np\.where|truth value|elementwise|element-wise|whole array|a python if"),

    # ------------------------------------------------------------------ softmax
    ("softmax", """\
def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()
""", "axis", _AXIS + r"|last axis|axis ?= ?-1|keepdims|whole (array|batch|matrix)|all (the )?(entries|elements)|each row"),
    ("softmax", """\
def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=0)
""", "axis", _AXIS + r"|last axis|axis ?= ?-1|keepdims|each row"),
    ("softmax", """\
def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
""", "stability", _STABLE + r"|subtract(ing)? the (max|maximum)|shift|\.max\("),
    ("softmax", """\
def softmax(z):
    e = np.exp(z - z.max(axis=-1))
    return e / e.sum(axis=-1, keepdims=True)
""", "shape", r"keepdims|broadcast|\bshape\b|\(m, ?1\)|column|\[:, ?None\]|reshape"),
    ("softmax", """\
def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
""", "sibling", r"\blog\b|np\.log|log.?softmax|sum to 1|add up to 1|negative (values|probabilit)"),
    ("softmax", """\
def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.max(axis=-1, keepdims=True)
""", "other", r"\bsum\b|np\.sum|normali[sz]|add up to 1|sum to 1|divid\w* by (the )?max"),
    ("softmax", """\
def softmax(z):
    return z / z.sum(axis=-1, keepdims=True)
""", "other", r"\bexp\b|np\.exp|exponen"),
    ("softmax", """\
def softmax(z):
    e = np.exp(z - z.min(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
""", "stability", _STABLE + r"|subtract(ing)? the (max|maximum|min)|\bmin\b|minimum|\.max\("),
    ("softmax", """\
def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
""", "axis", r"\baxis\b|last axis|axis ?= ?-1|1-?d|vector|AxisError|single (example|row)"),
    ("softmax", """\
def softmax(z):
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z
""", "mutation", _MUTATE),

    # ------------------------------------------------------------------ dense_forward
    ("dense_forward", """\
def dense_forward(X, W, b):
    return W @ X + b
""", "transpose", _TRANSPOSE + r"|X ?@ ?W"),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return X @ W.T + b
""", "transpose", _TRANSPOSE),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return X @ W
""", "offset", _BIAS),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return W.T @ X.T + b.reshape(-1, 1)
""", "transpose", _TRANSPOSE + r"|\(n_out, ?m\)|\(m, ?n_out\)"),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return X @ W + b.reshape(-1, 1)
""", "shape", r"bias|reshape|broadcast|column|\(n_out, ?1\)"),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return np.maximum(0, np.dot(X, W) + b)
""", "sibling", r"relu|activation|linear|pre-?activation|np\.maximum"),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return X @ W + np.sum(b)
""", "reduction", r"bias|each (unit|neuron|output|column)|per (unit|neuron|output|column)|np\.sum\(b\)|sum of (the )?bias"),
    ("dense_forward", """\
def dense_forward(X, W, b):
    return X * W + b
""", "other", r"@|matmul|matrix (multipl|product)|np\.dot|\bdot\b|elementwise|element-wise|\*"),
    ("dense_forward", """\
def dense_forward(X, W, b):
    Z = np.zeros((X.shape[0], W.shape[1]))
    for i in range(1, X.shape[0]):
        Z[i] = X[i] @ W + b
    return Z
""", "partial", r"first (row|example|sample)|row 0|range\(1|off.by.one|index 0|skip|every (row|example)|zeros? row"),

    # ------------------------------------------------------------------ count_params
    ("count_params", """\
def count_params(layer_sizes):
    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
""", "offset", r"bias"),
    ("count_params", """\
def count_params(layer_sizes):
    total = 0
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += n_in * n_out + n_in
    return total
""", "offset", r"bias|n_in|n_out|fan.?in|output (size|units|neurons)"),
    ("count_params", """\
def count_params(layer_sizes):
    total = 0
    for i in range(len(layer_sizes) - 2):
        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]
    return total
""", "partial", r"last layer|off.by.one|range\(|every layer|each layer|missing (a |the )?layer|len\(.{0,20}\) ?- ?(1|2)|one layer (short|too few|missing)"),
    ("count_params", """\
def count_params(layer_sizes):
    total = 0
    for i in range(len(layer_sizes)):
        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]
    return total
""", "crash", _INDEX),
    ("count_params", """\
def count_params(layer_sizes):
    return int(np.prod(layer_sizes)) + sum(layer_sizes[1:])
""", "other", r"np\.prod|product of all|consecutive|pairs?\b|adjacent|each (pair|layer)|every layer"),
    ("count_params", """\
def count_params(layer_sizes):
    weights = sum(layer_sizes[i] * layer_sizes[i + 1] for i in range(len(layer_sizes) - 1))
    return weights + sum(layer_sizes)
""", "offset", r"bias|input layer|first layer"),
    ("count_params", """\
def count_params(layer_sizes):
    return sum((a + 1) * (b + 1) for a, b in zip(layer_sizes, layer_sizes[1:]))
""", "other", r"bias|\(a ?\+ ?1\)|\+ ?1|extra (unit|neuron|row|column)"),
    ("count_params", """\
def count_params(layer_sizes):
    weights = 0
    for a, b in zip(layer_sizes, layer_sizes[1:]):
        weights += a * b
    return weights + len(layer_sizes) - 1
""", "offset", r"bias"),

    # ------------------------------------------------------------------ mse
    ("mse", """\
def mse(y_pred, y_true):
    return np.sum((y_pred - y_true) ** 2)
""", "factor", _MEAN),
    ("mse", """\
def mse(y_pred, y_true):
    return np.mean(np.abs(y_pred - y_true))
""", "sibling", r"square|\babs|MAE|absolute|\*\* ?2"),
    ("mse", """\
def mse(y_pred, y_true):
    return np.mean(y_pred - y_true) ** 2
""", "other", r"square.{0,30}(each|before|inside|element|first)|mean of (the )?square|square of (the )?mean|order|inside|parenthes|bracket"),
    ("mse", """\
def mse(y_pred, y_true):
    return np.sum((y_pred - y_true) ** 2) / len(y_pred)
""", "factor", r"all (the )?(elements|entries)|every (element|entry)|\.size|len\(|\brows\b|number of (elements|entries)|\bmean\b|np\.mean|divid|2-?d"),
    ("mse", """\
def mse(y_pred, y_true):
    return np.mean((y_pred - y_true) ** 2, axis=0)
""", "axis", r"\baxis\b|all (the )?(elements|entries)|single number|a scalar|every (element|entry)|mean over|one number"),
    ("mse", """\
def mse(y_pred, y_true):
    return 0.5 * np.mean((y_pred - y_true) ** 2)
""", "factor", r"1/2|0\.5 ?\*|\bhalf|halv|factor of (2|two|0\.5)"),
    ("mse", """\
def mse(y_pred, y_true):
    return np.mean((y_pred - y_true) * 2)
""", "other", r"\*\*|square|\* ?2|power|times 2|doubl"),
    ("mse", """\
def mse(y_pred, y_true):
    return np.sqrt(np.mean((y_pred - y_true) ** 2))
""", "sibling", r"sqrt|root|RMSE|square root"),

    # ------------------------------------------------------------------ binary_cross_entropy
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
""", "stability", _CLIP),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
""", "sign", _SIGN),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
""", "factor", _MEAN),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log(p))
""", "partial", r"1 ?- ?y|negative (examples|class)|y ?= ?0|second term|both terms|log\(1 ?- ?p\)|label 0|class 0"),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(p))
""", "other", r"1 ?- ?p|log\(1"),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 0, 1)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
""", "stability", _CLIP),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))
""", "factor", r"log10|natural|base|\bln\b|np\.log\b"),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(p * np.log(y) + (1 - p) * np.log(1 - y))
""", "other", r"swap|order of (the )?arg|argument order|p and y|y and p|log\(y\)|labels? (and|vs) (the )?probabilit"),
    ("binary_cross_entropy", """\
def binary_cross_entropy(p, y):
    np.clip(p, 1e-12, 1 - 1e-12, out=p)
    loss = y * np.log(p) + (1 - y) * np.log(1 - p)
    return -loss.mean()
""", "mutation", _MUTATE + r"|out="),

    # ------------------------------------------------------------------ cross_entropy
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return -np.mean(np.log(probs[np.arange(len(labels)), labels]))
""", "stability", _STABLE + r"|subtract(ing)? the (max|maximum)|shift|\.max\(|log.?sum.?exp|log.?softmax"),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -np.mean(log_probs[:, labels])
""", "other", r"arange|range\(m\)|its own (label|row)|\[:, ?labels\]|fancy|\(m, ?m\)|pairs?\b|every label for every"),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -np.sum(log_probs[np.arange(len(labels)), labels])
""", "factor", _MEAN),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    return -np.mean(logits[np.arange(len(labels)), labels])
""", "sibling", r"softmax|log.?softmax|normali[sz]|log.?sum.?exp|np\.log|log of (the )?(softmax|probabilit)"),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return np.mean(np.log(probs[np.arange(len(labels)), labels]))
""", "sign", _SIGN),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    m = logits.shape[0]
    return -np.mean(np.log(probs[labels, np.arange(m)]))
""", "crash", r"IndexError|out of bounds|rows? and columns?|swap|order of (the )?ind|\[labels, ?np\.arange"),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    k = logits.shape[1]
    onehot = np.eye(k)[labels]
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -np.mean(onehot * log_probs)
""", "factor", r"\bmean\b|averag|divid\w* by k|\bk\b|classes|factor"),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    z = logits - logits.max(axis=0)
    log_probs = z - np.log(np.exp(z).sum(axis=0))
    return -np.mean(log_probs[np.arange(len(labels)), labels])
""", "axis", _AXIS + r"|class(es)? axis|axis ?= ?(1|-1)"),
    ("cross_entropy", """\
def cross_entropy(logits, labels):
    m = len(labels)
    mx = logits.max(axis=1)
    lse = np.log(np.sum(np.exp(logits - mx[:, None]), axis=1))
    return np.mean(lse - logits[np.arange(m), labels])
""", "offset", r"add(ed|ing)? (it |the max(imum)? )?back|log.?sum.?exp|\.max\(|subtract(ed|ing)? the max|shift|constant"),

    # ------------------------------------------------------------------ neuron_grads
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(x @ w + b)
    return (y - p) * x, y - p
""", "sign", _SIGN + r"|p ?- ?y|y ?- ?p"),
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(np.dot(x, w) + b)
    err = p - y
    return err, err * x
""", "other", r"order|swap|\(dw, ?db\)|wrong way round"),
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(x @ w + b)
    return (p - y) * w, p - y
""", "other", r"\* ?x\b|times x|w instead|weights instead|multipl\w* by (the input|x|w)"),
    ("neuron_grads", """\
def neuron_grads(x, w, b, y):
    p = x @ w + b
    dw = (p - y) * x
    db = p - y
    return dw, db
""", "sibling", r"sigmoid|pre-?activation|activation|\bz\b"),
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(x @ w + b)
    d = (p - y) * p * (1 - p)
    return d * x, d
""", "factor", r"p ?\* ?\(1 ?- ?p\)|sigmoid.?grad|sigmoid'|derivative of (the )?sigmoid|cancel|\bmse\b|squared error"),
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(x @ w)
    return (p - y) * x, p - y
""", "offset", _BIAS),
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(x @ w + b)
    dw = (p - y) * x
    db = np.sum(dw)
    return dw, db
""", "other", r"\bdb\b|bias gradient|gradient of (the )?bias|sum of dw"),
    ("neuron_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def neuron_grads(x, w, b, y):
    p = sigmoid(x @ w + b)
    dw = (p - y) @ x
    return dw, p - y
""", "crash", r"scalar|matmul|@|\* instead|multipl|0-?d"),

    # ------------------------------------------------------------------ numerical_gradient
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    fx = f(x)
    for i in np.ndindex(x.shape):
        x_plus = x.copy()
        x_plus[i] += eps
        grad[i] = (f(x_plus) - fx) / eps
    return grad
""", "other", r"central|forward difference|one-sided|x ?- ?eps|both sides|f\(x ?- ?eps\)|2 ?\* ?eps"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / eps
    return grad
""", "factor", r"2 ?\* ?eps|2eps|twice|doubl|half|factor of (2|two)|divid\w* by eps"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / 2 * eps
    return grad
""", "factor", r"parenthes|precedence|2 ?\* ?eps|bracket|multipl\w* by eps"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
""", "mutation", _MUTATE + r"|restore|put back|reset|unchanged"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xm) - f(xp)) / (2 * eps)
    return grad
""", "sign", _SIGN + r"|order|f\(x ?- ?eps\) ?- ?f\(x ?\+ ?eps\)"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in range(len(x)):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / (2 * eps)
    return grad
""", "shape", r"2-?d|\bshape\b|nditer|ndindex|ravel|flat|every (entry|element)|each (entry|element)|multi.?index|any shape|whole row"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x
        xp[i] += eps
        fp = f(xp)
        xm = x
        xm[i] -= eps
        fm = f(xm)
        grad[i] = (fp - fm) / (2 * eps)
    return grad
""", "mutation", r"\bcopy\b|\.copy\(|alias|same array|\bview\b|in[- ]?place|mutat"),
    ("numerical_gradient", """\
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros(x.shape, dtype=int)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / (2 * eps)
    return grad
""", "dtype", _DTYPE + r"|truncat|round|zeros_like"),

    # ------------------------------------------------------------------ gd_step
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    return w + lr * dw, b + lr * db
""", "sign", _SIGN + r"|ascent|uphill|\+ ?lr"),
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    w = w - lr * dw
    return w, b
""", "training", r"\bbias|\bb\b.{0,30}(never|not|unchanged)|never updated|not updated|unchanged|\bdb\b"),
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    return w - dw, b - db
""", "factor", r"\blr\b|learning rate|step size"),
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    return w - lr * dw, b - lr * dw
""", "other", r"\bdb\b|bias gradient|dw (for|on|to) (the )?(b|bias)"),
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    w -= lr * dw
    b -= lr * db
    return w, b
""", "mutation", _MUTATE),
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    new_w = w - lr * dw
    new_b = b - lr * db
    return new_b, new_w
""", "other", r"order|swap|\(w, ?b\)|wrong way round"),
    ("gd_step", """\
def gd_step(w, b, dw, db, lr):
    return lr * dw, lr * db
""", "other", r"subtract\w* from|w ?- ?lr|new (weights|values|parameters)|updated (w|weights|values|parameters)|the step itself|just the step|current|old (w|weights|values)"),

    # ------------------------------------------------------------------ fit_line
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        r = w * x + b - y
        dw = np.mean(r * x)
        db = np.mean(r)
        w -= lr * dw
        b -= lr * db
    return w, b
""", "factor", r"\b2 ?\*|factor of (2|two)|twice|doubl|half|derivative of (the )?square"),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        r = y - (w * x + b)
        dw = 2 * np.mean(r * x)
        db = 2 * np.mean(r)
        w -= lr * dw
        b -= lr * db
    return w, b
""", "sign", _SIGN + r"|y ?- ?\(|ascent|prediction minus|residual"),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        r = w * x + b - y
        dw = 2 * np.mean(r * x)
        w = w - lr * dw
    return w, b
""", "training", r"\bbias|intercept|\bb\b.{0,30}(never|not|unchanged|stays)|never updated|not updated|\bdb\b"),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for epoch in range(epochs + 1):
        r = w * x + b - y
        w, b = w - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)
    return w, b
""", "training", _EPOCHS),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        w -= lr * 2 * np.mean((w * x + b - y) * x)
        b -= lr * 2 * np.mean(w * x + b - y)
    return w, b
""", "training", r"same prediction|stale|simultan|recompute|updated w|new w|same residual|(both|the two) (gradients|updates)|at the same time|before (updating|the update)|old (w|prediction)"),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        r = w * x + b - y
        dw = 2 * np.sum(r * x)
        db = 2 * np.sum(r)
        w -= lr * dw
        b -= lr * db
    return w, b
""", "factor", _MEAN),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        r = w * x + b - y
        dw = 2 * np.mean(r)
        db = 2 * np.mean(r)
        w -= lr * dw
        b -= lr * db
    return w, b
""", "other", r"\* ?x\b|times x|r ?\* ?x|multipl\w* by x|missing x|\bdw\b"),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w = b = 0
    for _ in range(epochs):
        r = w * x + b - y
        w = w - lr * 2 * np.mean(r * x)
        b = b - lr * 2 * np.mean(r)
    return b, w
""", "other", r"order|swap|\(w, ?b\)|wrong way round"),
    ("fit_line", """\
def fit_line(x, y, lr, epochs):
    w, b = 0.0, 0.0
    for _ in range(epochs):
        r = w * x + b - y
        w = w - lr * 2 * np.mean(r * x)
        b = b - lr * 2 * np.mean(r)
        return w, b
""", "training", _EARLY_RETURN),

    # ------------------------------------------------------------------ adam_step
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    w = w - lr * m / (np.sqrt(v) + eps)
    return w, m, v
""", "other", r"bias.?correct|1 ?- ?beta1? ?\*\* ?t|\bhat\b|m_hat|v_hat|beta\d?\^t|warm.?up|early steps"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** (t + 1))
    v_hat = v / (1 - beta2 ** (t + 1))
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
""", "other", r"\bt\b|t ?\+ ?1|off.by.one|step (number|count)|start(s|ing)? (at|from) (0|1)|counted from"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
""", "other", r"square|\*\* ?2|dw\^?2|dw ?\* ?dw|second moment"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = (1 - beta1) * m + beta1 * dw
    v = (1 - beta2) * v + beta2 * dw ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
""", "other", r"swap|1 ?- ?beta|moving average|decay|beta1? ?\* ?m|weights? (of|on) the (old|new)"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    w = w + lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
""", "sign", _SIGN + r"|ascent"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    m = m / (1 - beta1 ** t)
    v = v / (1 - beta2 ** t)
    w = w - lr * m / (np.sqrt(v) + eps)
    return w, m, v
""", "other", r"\bhat\b|m_hat|v_hat|bias.?corrected (m|v|moments|values)|raw (m|v|moments)|uncorrect|stored"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    w = w - lr * m_hat / (v_hat + eps)
    return w, m, v
""", "other", r"sqrt|square root|root"),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * dw
    v *= beta2
    v += (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    w -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
""", "mutation", _MUTATE),
    ("adam_step", """\
def adam_step(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw ** 2
    m_hat = m / (1 - beta1)
    v_hat = v / (1 - beta2)
    w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, m, v
""", "other", r"\*\* ?t|power|\^ ?t|exponent|beta1? ?\*\* ?t"),

    # ------------------------------------------------------------------ dense_backward
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    dX = dZ @ W.T
    dW = X.T @ dZ
    db = dZ.mean(axis=0)
    return dX, dW, db
""", "factor", _MEAN),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    return dZ @ W.T, X.T @ dZ, np.sum(dZ)
""", "reduction", r"\baxis\b|per (unit|output|column|neuron)|a scalar|each (unit|column|output|neuron)|axis ?= ?0|sum over (the )?(batch|rows|examples)|\bshape\b|one number"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=1)
""", "axis", r"\baxis\b|over (the )?(batch|examples|rows)|per (unit|output|column)|\bshape\b"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    dX = dZ @ W.T
    dW = dZ.T @ X
    db = dZ.sum(axis=0)
    return dX, dW, db
""", "transpose", _TRANSPOSE + r"|X\.T ?@ ?dZ|\bshape\b"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    dX = dZ @ W
    dW = X.T @ dZ
    db = dZ.sum(axis=0)
    return dX, dW, db
""", "transpose", _TRANSPOSE + r"|W\.T"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    dX = np.dot(dZ, W.T)
    dW = np.dot(X, dZ)
    db = np.sum(dZ, axis=0)
    return dX, dW, db
""", "transpose", _TRANSPOSE + r"|X\.T"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    dX = W @ dZ.T
    dW = X.T @ dZ
    db = dZ.sum(axis=0)
    return dX, dW, db
""", "transpose", _TRANSPOSE + r"|\(m, ?n_in\)|\(n_in, ?m\)|\bshape\b"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    m = X.shape[0]
    dX = dZ @ W.T
    dW = X.T @ dZ / m
    db = dZ.sum(axis=0) / m
    return dX, dW, db
""", "factor", r"\bmean\b|averag|divid\w* by m|/ ?m\b|already (averaged|divided|includes)|extra (factor|division)"),
    ("dense_backward", """\
def dense_backward(dZ, X, W):
    dW = X.T @ dZ
    db = dZ.sum(axis=0)
    dX = dZ @ W.T
    return dW, dX, db
""", "other", r"order|swap|\(dX, ?dW, ?db\)|wrong way round"),

    # ------------------------------------------------------------------ two_layer_grads
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dZ1 = dZ2 @ W2.T
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
""", "training", _RELU_MASK),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(len(y)), y] -= 1
    dZ2 = P
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dZ1 = dZ2 @ W2.T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": dW2, "b2": db2}
""", "factor", _MEAN),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dW2 = Z1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dZ1 = dZ2 @ W2.T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": dW2, "b2": db2}
""", "sibling", r"pre-?activation|Z1|after (the )?relu|activation|\bH\b|A1|hidden (activations|outputs)|output of (the )?(relu|hidden)"),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dA1 = dZ2 @ W2.T
    dZ1 = dA1 * (dA1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
""", "other", _RELU_MASK + r"|dA1 ?> ?0|gradient (is )?positive"),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1 = params["w1"], params["b1"]
    W2, b2 = params["w2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dZ1 = dZ2 @ W2.T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
""", "crash", _KEY),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    dZ2 = (P - y[:, None]) / m
    dZ1 = dZ2 @ W2.T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
""", "other", r"one.?hot|subtract(ing)? 1|true class|np\.eye|y\[:, ?None\]|labels? (as|are) (a )?(value|number)s?|index(ed)? by (the )?label"),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dZ1 = dZ2 @ W2.T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": np.sum(dZ1), "W2": A1.T @ dZ2, "b2": np.sum(dZ2)}
""", "reduction", r"\baxis\b|per (unit|output|neuron)|a scalar|each (unit|neuron)|axis ?= ?0|\bshape\b|one number"),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dZ1 = dZ2 @ W2 * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
""", "transpose", _TRANSPOSE + r"|W2\.T"),
    ("two_layer_grads", """\
def two_layer_grads(X, y, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ W2 + b2
    P = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    Y = np.eye(P.shape[1])[y]
    dZ2 = (Y - P) / m
    dZ1 = dZ2 @ W2.T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
""", "sign", _SIGN + r"|P ?- ?Y|Y ?- ?P|p ?- ?y"),
    ("two_layer_grads", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def two_layer_grads(X, y, params):
    m = X.shape[0]
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    P = sigmoid(Z2)
    P[np.arange(m), y] -= 1
    dZ2 = P / m
    dZ1 = dZ2 @ params["W2"].T * (Z1 > 0)
    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
""", "sibling", r"softmax|sigmoid"),

    # ------------------------------------------------------------------ train_mlp
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = np.zeros((n, hidden))
    b1 = np.zeros(hidden)
    W2 = np.zeros((hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 -= lr * H.T @ dS
        b2 -= lr * dS.sum(axis=0)
        W1 -= lr * X.T @ dZ1
        b1 -= lr * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", r"zero|random|symmetr|initiali[sz]"),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 += lr * H.T @ dS
        b2 += lr * dS.sum(axis=0)
        W1 += lr * X.T @ dZ1
        b1 += lr * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", _SIGN + r"|ascent|\+="),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 -= lr * H.T @ dS
        b2 -= lr * dS.sum(axis=0)
        W1 -= lr * X.T @ dZ1
        b1 -= lr * dZ1.sum(axis=0)
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", _EARLY_RETURN),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max()
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 -= lr * H.T @ dS
        b2 -= lr * dS.sum(axis=0)
        W1 -= lr * X.T @ dZ1
        b1 -= lr * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "crash", r"y\.max\(\) ?\+ ?1|number of classes|\bk\b|off.by.one|IndexError|out of bounds|one class (short|too few|missing)"),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    w1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    w2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        z1 = X @ w1 + b1
        h = np.maximum(z1, 0)
        s = h @ w2 + b2
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
        ds = (p - Y) / m
        dz1 = (ds @ w2.T) * (z1 > 0)
        w2 -= lr * h.T @ ds
        b2 -= lr * ds.sum(axis=0)
        w1 -= lr * X.T @ dz1
        b1 -= lr * dz1.sum(axis=0)
    return {"w1": w1, "b1": b1, "w2": w2, "b2": b2}
""", "crash", _KEY),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 -= lr * H.T @ dS
        b2 -= lr * dS.sum(axis=0)
        W1 -= lr * H.T @ dZ1
        b1 -= lr * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "transpose", r"transpos|X\.T|H\.T|dW1|hidden (activations|layer) instead|the input X|broadcast"),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T
        W2 -= lr * H.T @ dS
        b2 -= lr * dS.sum(axis=0)
        W1 -= lr * X.T @ dZ1
        b1 -= lr * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", _RELU_MASK),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 -= lr * H.T @ dS
        W1 -= lr * X.T @ dZ1
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", r"\bbias|\bb1\b|\bb2\b|never updated|not updated"),
    ("train_mlp", """\
def train_mlp(X, y, hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    m, n = X.shape
    k = y.max() + 1
    W1 = rng.normal(0, np.sqrt(2 / n), (n, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, k))
    b2 = np.zeros(k)
    Y = np.eye(k)[y]
    for epoch in range(epochs):
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        S = H @ W2 + b2
        S = S - S.max(axis=1, keepdims=True)
        P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        dS = P - Y
        dZ1 = (dS @ W2.T) * (Z1 > 0)
        W2 -= lr * (H.T @ dS)
        b2 -= lr * dS.sum(axis=0)
        W1 -= lr * (X.T @ dZ1)
        b1 -= lr * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "factor", _MEAN + r"|diverg|too (big|large) (a )?(step|learning rate|gradient|update)|exploding"),

    # ------------------------------------------------------------------ init_std
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "he":
        return np.sqrt(1 / fan_in)
    return np.sqrt(2 / (fan_in + fan_out))
""", "factor", r"sqrt\(2|factor of (2|two)|2 ?/ ?fan|numerator|lecun|1 ?/ ?fan_in|\bhalf|twice|doubl|\bsqrt ?2"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "he":
        return 2 / fan_in
    return 2 / (fan_in + fan_out)
""", "other", r"sqrt|square root|variance|std|standard deviation"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "he":
        return np.sqrt(2 / fan_in)
    else:
        return np.sqrt(2 / (fan_in * fan_out))
""", "other", r"\bsum\b|fan_in ?\+ ?fan_out|\badd|product|fan_in ?\* ?fan_out"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "xavier":
        return np.sqrt(1 / (fan_in + fan_out))
    return np.sqrt(2 / fan_in)
""", "factor", r"sqrt\(2|factor of (2|two)|2 ?/ ?\(|numerator|\bhalf|twice|doubl|\bsqrt ?2"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "he":
        return np.sqrt(2 / (fan_in + fan_out))
    return np.sqrt(2 / fan_in)
""", "sibling", r"\bhe\b|xavier|swap|glorot|other (way|scheme)|mix"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "he":
        return np.sqrt(2 / fan_out)
    return np.sqrt(2 / (fan_in + fan_out))
""", "other", r"fan_in|fan.?out|number of inputs"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "He":
        return np.sqrt(2 / fan_in)
    elif scheme == "Xavier":
        return np.sqrt(2 / (fan_in + fan_out))
""", "other", r"lower.?case|upper.?case|capital|spell|\bNone\b|\"he\"|'he'|case.?sensitiv|string (comparison|match)"),
    ("init_std", """\
def init_std(scheme, fan_in, fan_out):
    if scheme == "he":
        return np.sqrt(2 // fan_in)
    return np.sqrt(2 // (fan_in + fan_out))
""", "dtype", r"//|integer division|floor|\bint\b|integer|rounds? (down )?to (0|zero)"),

    # ------------------------------------------------------------------ activation_stds
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params) // 2
    A = X
    stds = []
    for l in range(1, L):
        Z = A @ params[f"W{l}"] + params[f"b{l}"]
        A = funcs[activation](Z)
        stds.append(Z.std())
    return stds
""", "sibling", r"pre-?activation|after (the )?activation|\bZ\b|before (the )?activation|activations? (themselves|output)"),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params) // 2
    A = X
    stds = []
    for l in range(1, L + 1):
        A = funcs[activation](A @ params[f"W{l}"] + params[f"b{l}"])
        stds.append(float(A.std()))
    return stds
""", "other", r"output layer|last layer|L ?- ?1|hidden layers? only|linear (output|layer)|one too many|extra (value|layer|entry)|off.by.one|range\("),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params)
    A = X
    stds = []
    for l in range(1, L):
        A = funcs[activation](A @ params[f"W{l}"] + params[f"b{l}"])
        stds.append(float(A.std()))
    return stds
""", "crash", r"len\(params\)|// ?2|KeyError|number of layers|\bhalf|W4|\bkeys?\b"),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    L = len(params) // 2
    A = X
    stds = []
    for l in range(1, L):
        A = np.maximum(0, A @ params[f"W{l}"] + params[f"b{l}"])
        stds.append(float(np.std(A)))
    return stds
""", "other", r"ignor|always (uses? )?relu|the activation (parameter|argument)|activation argument|only relu|relu (for|instead)|regardless"),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params) // 2
    A = X
    stds = []
    for l in range(1, L):
        A = funcs[activation](A @ params[f"W{l}"] + params[f"b{l}"])
        stds.append(float(A.std(axis=0).mean()))
    return stds
""", "reduction", r"all (the )?entries|axis|over (all|every)|per.?unit|mean of|flatten|whole|every entry|overall"),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params) // 2
    stds = []
    for l in range(1, L):
        A = funcs[activation](X @ params[f"W{l}"] + params[f"b{l}"])
        stds.append(float(A.std()))
    return stds
""", "other", r"previous (layer|activation)|chain|feed|output of (the )?(previous|last)|input of the next|next layer|X ?@|instead of A"),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params) // 2
    A = X
    stds = []
    for l in range(1, L):
        A = funcs[activation](A @ params[f"W{l}"])
        stds.append(float(A.std()))
    return stds
""", "offset", _BIAS),
    ("activation_stds", """\
def activation_stds(X, params, activation="relu"):
    funcs = {"relu": lambda z: np.maximum(0, z),
             "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
             "tanh": np.tanh}
    L = len(params) // 2
    A = X
    out = []
    for l in range(1, L):
        A = funcs[activation](A @ params[f"W{l}"] + params[f"b{l}"])
        out.append(float(A.var()))
    return out
""", "sibling", r"\bstd\b|np\.std|variance|\bvar\b|square root|standard deviation|sqrt"),

    # ------------------------------------------------------------------ l2_penalty
    ("l2_penalty", """\
def l2_penalty(params, lam):
    return lam / 2 * sum(np.sum(p ** 2) for p in params.values())
""", "other", r"bias|\bb\d|exclud|only (the )?weights|W keys"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    total = 0.0
    for name, value in params.items():
        if name.startswith("W"):
            total += np.sum(value ** 2)
    return lam * total
""", "factor", r"1/2|0\.5 ?\*|\bhalf|halv|/ ?2|factor of (2|two)"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    return lam / 2 * sum(np.sum(np.abs(v)) for k, v in params.items() if k.startswith("W"))
""", "sibling", r"\bL1\b|\babs|absolute|square"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    return lam / 2 * sum(np.sum(v) ** 2 for k, v in params.items() if k[0] == "W")
""", "other", r"square.{0,30}(each|entries|element|first|before)|sum of (the )?squares|square of (the )?sum|\*\* ?2 (inside|before)|parenthes"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    return lam / 2 * np.sum(params["W1"] ** 2)
""", "partial", r"every (weight|layer|matrix)|all (the )?(weights|layers|matrices)|each (weight|layer|matrix)|W2|other layers|only W1|\bloop"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    total = 0
    for k in params:
        if k.startswith("w"):
            total += np.sum(params[k] ** 2)
    return lam / 2 * total
""", "other", r"capital|upper.?case|lower.?case|startswith|\"W\"|'W'|no (weights|keys?) (match|found)|zero penalty|penalty (is|of) (0|zero)|key names?|case.?sensitiv"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    return lam / 2 * sum(np.linalg.norm(v) for k, v in params.items() if k.startswith("W"))
""", "other", r"square|norm|\*\* ?2|sqrt"),
    ("l2_penalty", """\
def l2_penalty(params, lam):
    total = 0
    for i in range(len(params) // 2):
        total += np.sum(params["W" + str(i)] ** 2)
    return lam / 2 * total
""", "crash", r"KeyError|W0|start(s|ing)? (at|from) (1|one)|1-based|range\(1|no (key|entry) .?W0"),

    # ------------------------------------------------------------------ l2_grads
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    for k in grads:
        if k.startswith("W"):
            grads[k] += lam * params[k]
    return grads
""", "mutation", _MUTATE + r"|new dict"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    return {k: grads[k] + lam * params[k] for k in grads}
""", "other", r"bias|\bdb|\bb\d|exclud|only (the )?weights"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    return {k: (g - lam * params[k] if k.startswith("W") else g) for k, g in grads.items()}
""", "sign", _SIGN),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    return {k: (g + lam / 2 * params[k] if k.startswith("W") else g) for k, g in grads.items()}
""", "factor", r"lam ?/ ?2|\bhalf|factor of (2|two)|cancel|derivative of (the )?(penalty|lam)"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    new = {}
    for k, g in grads.items():
        if k.startswith("W"):
            new[k] = g + 2 * lam * params[k]
        else:
            new[k] = g
    return new
""", "factor", r"2 ?\* ?lam|twice|doubl|factor of (2|two)|cancel|derivative of (the )?(penalty|lam)"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    new = {}
    for k in grads:
        if k.startswith("W"):
            new[k] = grads[k] + lam * params[k]
    return new
""", "partial", r"bias|\bdb|missing (key|entries|gradients)|dropp|every key|all (the )?keys|same keys"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    new = grads.copy()
    for k in new:
        if k.startswith("W"):
            new[k] += lam * params[k]
    return new
""", "mutation", r"\bcopy\b|shallow|in[- ]?place|mutat|\+=|deep"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    return {k: (lam * params[k] if k.startswith("W") else grads[k]) for k in grads}
""", "other", r"\bdW|grads?\[|\badd(ed|ing)?\b|data gradient|original gradient|loss gradient|\+ ?lam"),
    ("l2_grads", """\
def l2_grads(grads, params, lam):
    out = {}
    for k in params:
        out[k] = grads["d" + k] + lam * params[k] if k[0] == "W" else grads["d" + k]
    return out
""", "crash", r"KeyError|\bkeys?\b|same keys|dW1|\"d\" ?\+"),

    # ------------------------------------------------------------------ early_stopping_epoch
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    return int(np.argmin(val_losses))
""", "other", r"patience|stop(ping)? (early|training)|argmin|all epochs|never stop|whole (list|history)"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best = float("inf")
    best_epoch = 0
    wait = 0
    for i, loss in enumerate(val_losses):
        if loss <= best:
            best, best_epoch, wait = loss, i, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return best_epoch
""", "other", r"strict|<=|ties?\b|equal (loss|value)s?|same (loss|value)|not (strictly )?lower"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best = float("inf")
    best_epoch = 0
    wait = 0
    for i, loss in enumerate(val_losses):
        if loss < best:
            best, best_epoch, wait = loss, i, 0
        else:
            wait += 1
            if wait > patience:
                break
    return best_epoch
""", "training", r"patience|off.by.one|>=|one (epoch )?(too )?(late|many)|stop\w* (one|too) (late|epoch)"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best = float("inf")
    wait = 0
    for epoch, loss in enumerate(val_losses):
        if loss < best:
            best = loss
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
    return len(val_losses) - 1
""", "other", r"best (epoch|loss|weights)|stopp(ing|ed) epoch|epoch (where|when|at which) (you|it|training) stop|kept|restore|lowest (loss|validation)"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best = float("inf")
    best_epoch = 0
    bad_epochs = 0
    for i, loss in enumerate(val_losses):
        if loss < best:
            best = loss
            best_epoch = i
        else:
            bad_epochs += 1
        if bad_epochs == patience:
            break
    return best_epoch
""", "training", r"reset|in a row|consecutive|counter"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best = float("inf")
    best_epoch = 0
    wait = 0
    for epoch in range(1, len(val_losses) + 1):
        loss = val_losses[epoch - 1]
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return best_epoch
""", "offset", r"0-based|zero.based|\+ ?1|off.by.one|1-based|start(s|ing)? (at|from) (0|1|zero|one)|one (too )?(late|high)|shifted"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best_epoch = 0
    wait = 0
    for i in range(1, len(val_losses)):
        if val_losses[i] < val_losses[i - 1]:
            best_epoch = i
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                break
    return best_epoch
""", "other", r"previous (epoch|loss)|last epoch|(best|lowest|minimum) so far|compar\w* (with|to) (the )?(previous|last)"),
    ("early_stopping_epoch", """\
def early_stopping_epoch(val_losses, patience):
    best_epoch = 0
    wait = 0
    for i in range(len(val_losses)):
        if val_losses[i + 1] < val_losses[best_epoch]:
            best_epoch = i + 1
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                break
    return best_epoch
""", "crash", _INDEX),

    # ------------------------------------------------------------------ conv_output_shape
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    return ((h + 2 * padding - k) // stride, (w + 2 * padding - k) // stride)
""", "offset", r"\+ ?1|off.by.one|plus one|one (too )?(few|small)"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    h_out = (h + padding - k) // stride + 1
    w_out = (w + padding - k) // stride + 1
    return h_out, w_out
""", "factor", r"2 ?\* ?padding|both sides|twice|2p\b|each side"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    return ((h + 2 * padding - k) / stride + 1, (w + 2 * padding - k) / stride + 1)
""", "dtype", r"//|\bint|float|integer|floor|round"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    return ((h + 2 * padding - k + 1) // stride, (w + 2 * padding - k + 1) // stride)
""", "other", r"divid\w* .{0,20}before|\+ ?1 .{0,20}(after|outside|inside)|after (the )?divi|parenthes|brackets|order of (the )?operations"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    return h - k + 1, w - k + 1
""", "partial", r"stride|padding"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    h_out = int(np.ceil((h + 2 * padding - k) / stride)) + 1
    w_out = int(np.ceil((w + 2 * padding - k) / stride)) + 1
    return h_out, w_out
""", "other", r"floor|ceil|round(ing|s)? (up|down)|//|integer division"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    out = (h + 2 * padding - k) // stride + 1
    return out, out
""", "partial", r"width|non-?square|both (dimensions|h and w)|h and w|rectang|second (value|dimension|entry)|w_out"),
    ("conv_output_shape", """\
def conv_output_shape(h, w, k, stride=1, padding=0):
    return (h + 2 * padding - k) // stride + 1
""", "shape", r"tuple|width|both (dimensions|values)|pair|two (values|numbers)|h_out, ?w_out|\(h_out"),

    # ------------------------------------------------------------------ conv_param_count
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    return kh * kw * n_filters, n_filters
""", "factor", r"c_in|channel|depth|input channels"),
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    return kh * kw * c_in * n_filters, c_in * n_filters
""", "other", r"bias|one (per|for each) filter|per filter|c_in|channel"),
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    return kh * kw * c_in * n_filters + n_filters
""", "shape", r"tuple|pair|separate|two (values|numbers)|weights and biases|\(weights, ?biases\)|\btotal\b"),
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    weights = kh * kw * c_in * n_filters
    biases = 1
    return weights, biases
""", "offset", r"bias|per filter|each filter|n_filters|one (per|for each)"),
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    weights = (kh * kw * c_in + 1) * n_filters
    return weights, n_filters
""", "offset", r"bias|\+ ?1|separate|twice|doubl|weights only|counted (the )?bias"),
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    return kh * kh * c_in * n_filters, n_filters
""", "partial", r"\bkw\b|width|square|kh ?\* ?kh"),
    ("conv_param_count", """\
def conv_param_count(kh, kw, c_in, n_filters):
    return n_filters, kh * kw * c_in * n_filters
""", "other", r"order|swap|\(weights, ?biases\)|wrong way round"),

    # ------------------------------------------------------------------ conv2d
    ("conv2d", """\
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
                out[n, i, j] = np.sum(patch * kernels[n])
    return out
""", "offset", _BIAS),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] - kh) // stride + 1
    W = (x.shape[2] - kw) // stride + 1
    out = np.zeros((N, H, W))
    for n in range(N):
        k = kernels[n, :, ::-1, ::-1]
        for i in range(H):
            for j in range(W):
                patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[n, i, j] = np.sum(patch * k) + bias[n]
    return out
""", "other", r"flip|convolution|cross.?correlation|rotat|\[::-1|180"),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] - kh) // stride
    W = (x.shape[2] - kw) // stride
    out = np.zeros((N, H, W))
    for n in range(N):
        for i in range(H):
            for j in range(W):
                patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[n, i, j] = np.sum(patch * kernels[n]) + bias[n]
    return out
""", "offset", r"\+ ?1|off.by.one|border|edge|last (row|column)|\bshape\b|one (too )?(few|small)|output size"),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] - kh) // stride + 1
    W = (x.shape[2] - kw) // stride + 1
    out = np.zeros((N, H, W))
    for n in range(N):
        for i in range(H):
            for j in range(W):
                patch = x[:, i:i + kh, j:j + kw]
                out[n, i, j] = np.sum(patch * kernels[n]) + bias[n]
    return out
""", "partial", r"stride|i ?\* ?stride"),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] + 2 * padding - kh) // stride + 1
    W = (x.shape[2] + 2 * padding - kw) // stride + 1
    out = np.zeros((N, H, W))
    for n in range(N):
        for i in range(H):
            for j in range(W):
                patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[n, i, j] = np.sum(patch * kernels[n]) + bias[n]
    return out
""", "other", r"np\.pad|\bpad(ding|ded)?\b|zero.?pad"),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, padding)
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
""", "crash", r"np\.pad|channel|\baxes\b|\(0, ?0\)|pad(s|ded|ding)? (every|all|each) (axis|axes|dimension)"),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] - kh) // stride + 1
    W = (x.shape[2] - kw) // stride + 1
    out = np.zeros((N, H, W))
    for n in range(N):
        for i in range(H):
            for j in range(W):
                patch = x[0, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[n, i, j] = np.sum(patch * kernels[n, 0]) + bias[n]
    return out
""", "partial", r"channel|c_in|depth|x\[0\]"),
    ("conv2d", """\
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
                out[n, i, j] = np.sum(patch * kernels[n])
    out += bias
    return out
""", "shape", r"bias|broadcast|\[:, ?None, ?None\]|reshape|each filter|per filter"),
    ("conv2d", """\
def conv2d(x, kernels, bias, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    N, C, kh, kw = kernels.shape
    H = (x.shape[1] - kh) // stride + 1
    W = (x.shape[2] - kw) // stride + 1
    out = np.zeros((N, H, W))
    for n in range(N):
        for i in range(H - 1):
            for j in range(W - 1):
                patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
                out[n, i, j] = np.sum(patch * kernels[n]) + bias[n]
    return out
""", "partial", r"border|edge|last (row|column)|range\(|off.by.one|every (position|output)|H ?- ?1|W ?- ?1"),

    # ------------------------------------------------------------------ train_digits
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1) / 16
    Y = np.eye(10)[y_train]
    m = len(X)
    W1 = np.zeros((64, 64)); b1 = np.zeros(64)
    W2 = np.zeros((64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 -= 0.5 * H.T @ dS; b2 -= 0.5 * dS.sum(axis=0)
        W1 -= 0.5 * X.T @ dZ1; b1 -= 0.5 * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", r"zero|random|symmetr|initiali[sz]"),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1) / 16
    Y = np.eye(10)[y_train]
    m = len(X)
    W1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)); b1 = np.zeros(64)
    W2 = rng.normal(0, np.sqrt(2 / 64), (64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 += 0.5 * H.T @ dS; b2 += 0.5 * dS.sum(axis=0)
        W1 += 0.5 * X.T @ dZ1; b1 += 0.5 * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", _SIGN + r"|ascent|\+="),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1) / 16
    Y = np.eye(y_train.max())[y_train]
    m = len(X)
    W1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)); b1 = np.zeros(64)
    W2 = rng.normal(0, np.sqrt(2 / 64), (64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 -= 0.5 * H.T @ dS; b2 -= 0.5 * dS.sum(axis=0)
        W1 -= 0.5 * X.T @ dZ1; b1 -= 0.5 * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "crash", r"max\(\) ?\+ ?1|number of classes|ten classes|np\.eye\(10\)|off.by.one|IndexError|out of bounds|one class (short|too few|missing)"),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1) / 16
    Y = np.eye(10)[y_train]
    m = len(X)
    params = {"w1": rng.normal(0, np.sqrt(2 / 64), (64, 64)), "b1": np.zeros(64),
              "w2": rng.normal(0, np.sqrt(2 / 64), (64, 10)), "b2": np.zeros(10)}
    for epoch in range(300):
        Z1 = X @ params["w1"] + params["b1"]
        H = np.maximum(0, Z1)
        S = H @ params["w2"] + params["b2"]
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ params["w2"].T * (Z1 > 0)
        params["w2"] -= 0.5 * H.T @ dS; params["b2"] -= 0.5 * dS.sum(axis=0)
        params["w1"] -= 0.5 * X.T @ dZ1; params["b1"] -= 0.5 * dZ1.sum(axis=0)
    return params
""", "crash", _KEY),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(64, -1) / 16
    Y = np.eye(10)[y_train]
    m = len(X_train)
    W1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)); b1 = np.zeros(64)
    W2 = rng.normal(0, np.sqrt(2 / 64), (64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 -= 0.5 * H.T @ dS; b2 -= 0.5 * dS.sum(axis=0)
        W1 -= 0.5 * X.T @ dZ1; b1 -= 0.5 * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "shape", r"reshape|\(m, ?64\)|\(64, ?m\)|flatten|per image|each image|one row per"),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1) / 16
    Y = np.eye(10)[y_train]
    m = len(X)
    W1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)); b1 = np.zeros(64)
    W2 = rng.normal(0, np.sqrt(2 / 64), (64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 -= 0.5 * H.T @ dS; b2 -= 0.5 * dS.sum(axis=0)
        W1 -= 0.5 * X.T @ dZ1; b1 -= 0.5 * dZ1.sum(axis=0)
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "training", _EARLY_RETURN),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1) / 16
    Y = np.eye(10)[y_train]
    m = len(X)
    W1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)); b1 = np.zeros(64)
    W2 = rng.normal(0, np.sqrt(2 / 64), (64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = P - Y
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 -= 0.5 * H.T @ dS; b2 -= 0.5 * dS.sum(axis=0)
        W1 -= 0.5 * X.T @ dZ1; b1 -= 0.5 * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "factor", _MEAN + r"|diverg|too (big|large) (a )?(step|learning rate|gradient|update)|exploding"),
    ("train_digits", """\
def train_digits(X_train, y_train):
    rng = np.random.default_rng(0)
    X = X_train.reshape(len(X_train), -1)
    Y = np.eye(10)[y_train]
    m = len(X)
    W1 = rng.normal(0, np.sqrt(2 / 64), (64, 64)); b1 = np.zeros(64)
    W2 = rng.normal(0, np.sqrt(2 / 64), (64, 10)); b2 = np.zeros(10)
    for epoch in range(300):
        Z1 = X @ W1 + b1
        H = np.maximum(0, Z1)
        S = H @ W2 + b2
        P = np.exp(S - S.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        dS = (P - Y) / m
        dZ1 = dS @ W2.T * (Z1 > 0)
        W2 -= 0.5 * H.T @ dS; b2 -= 0.5 * dS.sum(axis=0)
        W1 -= 0.5 * X.T @ dZ1; b1 -= 0.5 * dZ1.sum(axis=0)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "factor", r"scal(e|ed|ing)|1 ?/ ?16|/ ?16|normali[sz]|pixel values|0-16|0 to 16|diverg"),

    # ------------------------------------------------------------------ predict_digits
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1)
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = np.maximum(0, A)
    return np.argmax(A, axis=1)
""", "factor", r"scal(e|ed|ing)|1 ?/ ?16|/ ?16|normali[sz]|pixel values"),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1) / 16
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = np.maximum(0, A)
    return np.argmax(A, axis=1)
""", "partial", r"params\.get|params\[.scale.\]|\"scale\"|'scale'|scale (key|entry|stored|from (the )?params)|ignor\w* (the )?scale"),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1) * params.get("scale", 1 / 16)
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"]
        if l < L:
            A = np.maximum(0, A)
        A = A + params[f"b{l}"]
    return np.argmax(A, axis=1)
""", "offset", r"bias .{0,30}(after|before|outside)|order|before adding|(after|before) (the )?relu"),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1) * params.get("scale", 1 / 16)
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = np.maximum(0, A)
    return A
""", "other", r"argmax|class (index|indices|labels)|scores|logits|integer labels|not labels|instead of labels|\(m, ?10\)"),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1) * params.get("scale", 1 / 16)
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = np.maximum(0, A)
    return np.argmax(A, axis=0)
""", "axis", r"\baxis\b|per (image|example)|each (image|example|row)|axis ?= ?(1|-1)"),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1) * params.get("scale", 1 / 16)
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
    return np.argmax(A, axis=1)
""", "sibling", r"relu|activation|non.?linear|np\.maximum"),
    ("predict_digits", """\
def predict_digits(params, X):
    X = X.reshape(X.shape[0], 64) * params.get("scale", 1 / 16)
    H = np.maximum(0, X @ params["W1"] + params["b1"])
    return np.argmax(H @ params["W2"] + params["b2"], axis=1)
""", "partial", r"depth|number of layers|W3|every layer|any (depth|number)|\bloop|hard.?cod|deeper|more layers|all (the )?layers"),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.flatten() * params.get("scale", 1 / 16)
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = np.maximum(0, A)
    return np.argmax(A, axis=1)
""", "shape", r"flatten|reshape|\(m, ?64\)|per image|each image|1-?d"),
    ("predict_digits", """\
def predict_digits(params, X):
    labels = np.zeros(len(X))
    scale = params.get("scale", 1 / 16)
    for i in range(len(X)):
        a = X[i].ravel() * scale
        a = np.maximum(0, a @ params["W1"] + params["b1"])
        a = a @ params["W2"] + params["b2"]
        labels[i] = np.argmax(a)
    return labels
""", "dtype", _DTYPE),
    ("predict_digits", """\
def predict_digits(params, X):
    A = X.reshape(len(X), -1) * 16
    L = len([k for k in params if k.startswith("W")])
    for l in range(1, L + 1):
        A = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = np.maximum(0, A)
    return np.argmax(A, axis=1)
""", "factor", r"scal(e|ed|ing)|1 ?/ ?16|/ ?16|divid|multipl\w* by 16|\* ?16"),

    # ------------------------------------------------------------------ bag_of_words
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for word in re.findall(r"[a-z']+", s):
            if word in vocab:
                X[i, vocab[word]] += 1
    return X
""", "partial", r"lower.?case|upper.?case|capital|\.lower\(|case.?(in)?sensitiv"),
    ("bag_of_words", """\
def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for word in s.lower().split():
            if word in vocab:
                X[i, vocab[word]] += 1
    return X
""", "other", r"split|token|punctuation|re\.findall|regex|comma|\bfull stop|period"),
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for word in re.findall(r"[a-z']+", s.lower()):
            if word in vocab:
                X[i, vocab[word]] = 1
    return X
""", "other", r"repeat|more than once|\+= ?1|presence|binary|twice|(add|increment)\w* (the )?count|counts? (only )?(once|1)|instead of count"),
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for word in re.findall(r"[a-z']+", s.lower()):
            X[i, vocab[word]] += 1
    return X
""", "crash", r"unknown|KeyError|not in (the )?vocab|ignor|out.of.vocab|missing from the vocab"),
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)), dtype=int)
    for i, s in enumerate(sentences):
        for word in re.findall(r"[a-z']+", s.lower()):
            if word in vocab:
                X[i, vocab[word]] += 1
    return X
""", "dtype", _DTYPE),
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(vocab), len(sentences)))
    for i, s in enumerate(sentences):
        for word in re.findall(r"[a-z']+", s.lower()):
            if word in vocab:
                X[vocab[word], i] += 1
    return X
""", "transpose", r"transpos|\bshape\b|\(m, ?len\(vocab\)\)|\.T\b|rows? (and|vs) columns?|one row per sentence"),
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    rows = []
    counts = np.zeros(len(vocab))
    for s in sentences:
        for word in re.findall(r"[a-z']+", s.lower()):
            if word in vocab:
                counts[vocab[word]] += 1
        rows.append(counts.copy())
    return np.array(rows)
""", "other", r"each sentence|reset|new row|cumulat|inside the loop|accumulat|shared|previous sentence|running"),
    ("bag_of_words", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), max(vocab.values())))
    for i, s in enumerate(sentences):
        for word in re.findall(r"[a-z']+", s.lower()):
            if word in vocab:
                X[i, vocab[word]] += 1
    return X
""", "crash", r"len\(vocab\)|IndexError|out of bounds|\+ ?1|off.by.one|max\(vocab|one column (too )?(short|few)|number of columns"),

    # ------------------------------------------------------------------ predict_sentiment
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def predict_sentiment(sentences, vocab, w, b):
    return bag_of_words(sentences, vocab) @ w + b
""", "sibling", _SIGMOID),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def predict_sentiment(sentences, vocab, w, b):
    return sigmoid(bag_of_words(sentences, vocab) @ w)
""", "offset", _BIAS),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def predict_sentiment(sentences, vocab, w, b):
    return sigmoid(bag_of_words(sentences, vocab) @ w) + b
""", "offset", _BIAS + r"|inside|outside|before (the )?sigmoid|after (the )?sigmoid"),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def predict_sentiment(sentences, vocab, w, b):
    return sigmoid(bag_of_words(sentences, vocab) @ w + b) > 0.5
""", "sibling", r"instead of (the )?probabilit|not (the )?probabilit|threshold|> ?0\.5|\bbool|labels? instead|True/False|hard (labels|decisions|predictions)"),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def predict_sentiment(sentences, vocab, w, b):
    return sigmoid(w @ bag_of_words(sentences, vocab) + b)
""", "transpose", _TRANSPOSE + r"|X ?@ ?w"),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def predict_sentiment(sentences, vocab, w, b):
    z = bag_of_words(sentences, vocab) @ w + b
    return 1 / (1 + np.exp(z))
""", "sign", _SIGN + r"|-z\b|exp\(-z\)"),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def predict_sentiment(sentences, vocab, w, b):
    return sigmoid(bag_of_words(sentences, vocab) @ w + b)
""", "partial", r"lower.?case|upper.?case|capital|\.lower\(|case.?(in)?sensitiv|bag_of_words|tokeni[sz]"),
    ("predict_sentiment", """\
import re

def bag_of_words(sentences, vocab):
    X = np.zeros((len(sentences), len(vocab)))
    for i, s in enumerate(sentences):
        for t in re.findall(r"[a-z']+", s.lower()):
            if t in vocab:
                X[i, vocab[t]] += 1
    return X

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def predict_sentiment(sentences, vocab, w, b):
    return sigmoid(np.sum(bag_of_words(sentences, vocab) * w) + b)
""", "reduction", _BATCH + r"|per sentence|each sentence|one (value|probability) per"),
]
