"""The diagnosis engine: names a learner's mistake even when no known mistake matches.

``diagnose(ex, cases, outcomes, rows, reveal=..., probes=...) -> Finding | None`` looks for
a relation between the learner's outputs and the expected ones (and the inputs), says it
in words with the place it happens, and ranks candidate explanations by how many failing
cases they explain. One idea per module:

- `relations` (a package, one module per family): sign, a constant factor (named: 2, 1/2,
  m, 1/m...), an offset equal to an input, transposed or reshaped, a reduction too many or
  too few, log/sigmoid/... applied or missing, rounding, the wrong dtype;
- `masks`: right on only some entries (where z < 0, z = 0, the first row, the border...),
  nan/inf where the answer is finite, numpy's warnings;
- `siblings`: another function of the course on the same inputs;
- `whatif`: the right function with one input changed (lr negated, epochs + 1, b = 0, two
  inputs swapped);
- `errors`: numpy's and Python's exceptions translated (a matmul's shapes and the
  transpose that fixes it, an index or key past the end, ...);
- `probes` / `probing`: diagnostic calls (0, 1, 2 epochs; one example; a zero gradient; an
  argument changed) that tell a wrong sign from a frozen parameter from a wrong count;
- `cascade`: "your sigmoid_grad is right; the failure comes from your sigmoid".

In a learner bundle the reference only knows the public cases: the detectors that need it
on other inputs step aside (`context.Unavailable`).
"""
from .engine import diagnose
from .finding import Finding
from .probes import Probe, RecordedProbes, probe_plan
from .queries import reference_queries

__all__ = ["diagnose", "Finding", "Probe", "RecordedProbes", "probe_plan", "reference_queries"]
