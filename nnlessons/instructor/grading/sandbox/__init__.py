"""The grader's process-level pieces: `pool` (warm zygote processes, one fresh child
per submission, read under a wall-clock limit and a byte cap), `zygote`, `child` (runs
the learner's cells and the grader's cases, streams plain outcomes back over the
framed `channel`), and the child's confinement (`apply`: rlimits, environment,
import blocker; `confine`: namespaces, Landlock, seccomp).
"""

__all__ = []
