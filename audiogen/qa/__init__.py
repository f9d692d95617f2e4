"""Quality checks: the signal checks every build runs, and ``audiogen verify``'s recognizer,
scoring and repair."""
