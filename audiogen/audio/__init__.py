"""Audio: each sentence trimmed and paused, leveled, limited and encoded as MP3, and measured."""
