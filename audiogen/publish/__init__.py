"""Publishing: the MP3's tags, the manifest, captions, chapters, the embed snippet, the review
page and the podcast feed."""
