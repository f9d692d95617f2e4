"""The build half: the store (sentence cache and what else a build keeps), whether outputs are
current, the plan of one build, the assembly of its track, and batches of articles."""
