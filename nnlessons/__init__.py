"""nnlessons: how neural networks compute with weights and biases, and how they learn them.

The numeric core (one module per idea, in the lessons' order):
``neuron, activations, losses, layers, conv, optim, gradcheck, autograd, data``.
Pure numpy, float64, row-major batches; forward/backward pairs pass NamedTuple caches.
"""
__version__ = "0.1.0"


def has_instructor() -> bool:
    """Whether the instructor's private part ships here: ``nnlessons.instructor`` (the
    answer key, hidden cases, authoring, release and the grader). The learner bundle
    leaves exactly that folder out; this is the one place the package asks."""
    import importlib.util

    return importlib.util.find_spec(f"{__name__}.instructor") is not None
