"""The text half of the pipeline: read an article, clean it, and turn it into the script that is
spoken (split into sentences, normalized for speech, with the lexicon applied)."""
