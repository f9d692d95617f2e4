"""Speech: the engines that turn a sentence into PCM, and synthesis of a whole script."""
