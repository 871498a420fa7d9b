"""The grader: run a class's exercise notebooks in a sandbox and grade what they return.

Importing this package imports nothing heavy. The process-level pieces live in
`sandbox` (the warm zygotes, the child that runs learner code, its confinement and the
framed channel back): the child must never load the exercise registry or the
reference implementations, so the parent-side modules (``batch``, ``grade``,
``course``) import them only when called. See ``batch.grade_class`` for the whole
pipeline, ``evaluator`` for where outputs are judged, and ``docs/security.md``
for the security model.
"""

__all__ = []
