"""The grader's process-level pieces: `pool` (warm zygote processes, one fresh child
per submission, read under wall-clock and per-exercise limits and a byte cap),
`zygote`, `child` (runs the learner's cells and the grader's cases, streams plain
outcomes back over the framed `channel`, read by the strict `protocol`), and the
child's confinement, one idea per module: `namespaces` (mount, PID, network),
`rootfs` (the private root), `privileges` (an unprivileged uid, no capabilities),
`confine` (Landlock, seccomp), `apply` (all of it in order, plus rlimits, environment
and import blocker) and `policy` (which protections grading requires). See
docs/security.md.
"""

__all__ = []
