#!/usr/bin/python3
"""Time AST's fbank: torchaudio.compliance.kaldi.fbank vs avt::audio::computeFbank.

Run with Debian's interpreter (it has torch/torchaudio):

    /usr/bin/python3 tests/bench/compare_fbank.py --bench build/tests/core/audio/avt-bench-fbank \
        [--threads 1 2] [--seconds 10] [--repeats 30]

Both sides get the same waveform (10 s of speech-like amplitude-modulated noise at 16 kHz,
written to a temporary raw float32 file for the C++ side) and the same thread count
(torch.set_num_threads here, at::set_num_threads there). The torchaudio side is AST's call
(src/dataloader.py): mean removal then kaldi.fbank with AST's arguments, float32. Each side
reports, after warm-up and in milliseconds per 10 s clip: the median and the fastest wall
time over `repeats` runs, and the process CPU time per run (all threads). On a machine
shared with other jobs the wall times swing; the fastest run and the CPU time are the
steadier figures there.
"""
import argparse
import math
import os
import subprocess
import tempfile
import time

import numpy as np
import torch
from torchaudio.compliance import kaldi


def make_wave(seconds, rate=16000):
    rng = np.random.default_rng(0)
    t = np.arange(int(seconds * rate)) / rate
    env = (0.5 + 0.5 * np.sin(2 * math.pi * 4.0 * t)) ** 2
    x = env * (0.7 * rng.uniform(-1, 1, t.size) + 0.3 * np.sin(2 * math.pi * 180.0 * t))
    return (0.5 * x).astype(np.float32)


def ast_fbank(wave):
    wave = wave - wave.mean()
    return kaldi.fbank(wave, htk_compat=True, sample_frequency=16000, use_energy=False,
                       window_type="hanning", num_mel_bins=128, dither=0.0, frame_shift=10)


def time_torchaudio(wave, threads, repeats):
    torch.set_num_threads(threads)
    w = torch.from_numpy(wave)[None]
    for _ in range(3):
        ast_fbank(w)
    times = []
    cpu0 = time.process_time()
    for _ in range(repeats):
        t0 = time.perf_counter()
        ast_fbank(w)
        times.append((time.perf_counter() - t0) * 1e3)
    cpu = (time.process_time() - cpu0) * 1e3 / repeats
    return float(np.median(times)), float(np.min(times)), cpu


def time_ours(bench, path, threads, repeats, scale):
    out = subprocess.run([bench, "--threads", str(threads), "--repeats", str(repeats), "--input", path],
                         check=True, capture_output=True, text=True).stdout.split()
    value = lambda key: float(out[out.index(key) + 1]) / scale  # back to this clip's length
    return value("ours_ms_per_10s"), value("min_ms_per_10s"), value("cpu_ms_per_10s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="path of the avt-bench-fbank executable")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--repeats", type=int, default=30)
    args = ap.parse_args()

    wave = make_wave(args.seconds)
    scale = 10.0 / args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "wave.f32")
        wave.tofile(path)
        print(f"torch {torch.__version__}; {args.seconds:g} s at 16 kHz; ms per 10 s clip; "
              f"{args.repeats} runs each")
        print(f"{'threads':>7} {'measure':>8} {'torchaudio':>11} {'avt':>9} {'speed-up':>9}")
        for th in args.threads:
            ref = [v * scale for v in time_torchaudio(wave, th, args.repeats)]
            ours = [v * scale for v in time_ours(args.bench, path, th, args.repeats, scale)]
            for name, r, o in zip(("median", "fastest", "cpu"), ref, ours):
                print(f"{th:>7} {name:>8} {r:>11.3f} {o:>9.3f} {r / o:>8.2f}x")


if __name__ == "__main__":
    main()
