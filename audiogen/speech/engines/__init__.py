"""Speech engines: the Protocol they implement and the registry that finds them."""

from audiogen.speech.engines.base import Engine, engine_names, get_engine, select_voice

__all__ = ["Engine", "engine_names", "get_engine", "select_voice"]
