"""The grader: run a class's exercise notebooks in a sandbox and grade what they return.

Importing this package imports nothing heavy: the sandboxed child (``child``,
``sandbox``, ``zygote``) must never load the exercise registry or the reference
implementations, so the parent-side modules (``batch``, ``grade``, ``course``) import
them only when called. See ``batch.grade_class`` for the whole pipeline and
``DESIGN.md`` ("How a learner's code is graded") for the security model.
"""
