"""nnlessons: how neural networks compute with weights and biases, and how they learn them.

The numeric core (one module per idea, in the lessons' order):
``neuron, activations, losses, layers, conv, optim, gradcheck, autograd, data``.
Pure numpy, float64, row-major batches; forward/backward pairs pass NamedTuple caches.
"""
__version__ = "0.1.0"
