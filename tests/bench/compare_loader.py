#!/usr/bin/python3
"""Clip loading speed: our C++ loader (`avt-workbench --batch bench data`) against a PyAV +
torchaudio loader doing the same work, in the same run, on the same files, with the same number
of workers.

Per clip, both loaders: decode the frames nearest N uniformly spaced times of the window
(t_i = (i + 0.5) * length / N), resize the short side to S and centre-crop S x S (uint8 RGB),
decode the window's audio, average the channels, resample to 16 kHz, compute the Kaldi fbank
(AST options, 128 bins), pad or cut to the model length and normalise with the AudioSet
statistics. Workers: T processes (Python) / T threads (ours), each decoding with one FFmpeg
thread and one intra-op torch thread.

Run with Debian's interpreter (it has torch, torchaudio and PyAV):
  /usr/bin/python3 tests/bench/compare_loader.py --binary build/app/avt-workbench --threads 2
Without --files it makes 10 s test clips (640x360, 25 fps, H.264 + AAC 44.1 kHz stereo) with the
ffmpeg command-line tool in a temporary folder.
"""
import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time

import av
import numpy as np
import torch
import torchaudio

PRESETS = {  # name: (frames, size, audio seconds, fbank frames); as core/bench/data_bench.h
    "base": (16, 224, 10.0, 1024),
    "tiny": (8, 112, 3.0, 300),
}
AUDIOSET_MEAN, AUDIOSET_STD = -4.2677393, 4.5689974


def make_clips(folder, count, seconds):
    paths = []
    for i in range(count):
        path = os.path.join(folder, "clip_%02d.mp4" % i)
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-nostdin",
                        "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=%g" % seconds,
                        "-f", "lavfi", "-i", "anoisesrc=d=%g:r=44100:a=0.2:seed=%d" % (seconds, i + 1),
                        "-ac", "2", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-b:a", "128k", "-shortest", path], check=True)
        paths.append(path)
    return paths


def decode_frames(container, frames, size, seconds):
    stream = container.streams.video[0]
    stream.thread_count = 1
    wanted = [(i + 0.5) * seconds / frames for i in range(frames)]
    picked, last = [], [None, None]  # last: [source frame, its converted array]

    def take(frame):
        # Resize (swscale, bilinear) so the short side is `size`, then centre-crop.
        if last[0] is not frame:
            w, h = frame.width, frame.height
            f = size / min(w, h)
            rw, rh = (size, round(h * f)) if w <= h else (round(w * f), size)
            rgb = frame.to_ndarray(width=rw, height=rh, format="rgb24")
            y0, x0 = (rh - size) // 2, (rw - size) // 2
            last[:] = [frame, rgb[y0:y0 + size, x0:x0 + size]]
        picked.append(last[1])

    prev, prev_t = None, None
    for frame in container.decode(stream):  # nearest frame to each wanted time, ties: earlier
        t = frame.time
        if prev is not None:
            while len(picked) < frames and wanted[len(picked)] <= 0.5 * (prev_t + t):
                take(prev)
        if len(picked) >= frames:
            break
        prev, prev_t = frame, t
    while len(picked) < frames:
        take(prev)
    return torch.from_numpy(np.stack(picked))  # [T, S, S, 3] uint8


def decode_audio(container, seconds):
    container.seek(0)
    stream = container.streams.audio[0]
    chunks, rate = [], stream.rate
    for frame in container.decode(stream):
        arr = frame.to_ndarray()  # planar: [channels, samples]; packed: [1, samples * channels]
        chunks.append(arr if frame.format.is_planar else arr.reshape(-1, len(frame.layout.channels)).T)
        rate = frame.sample_rate
        if sum(c.shape[1] for c in chunks) >= seconds * rate:
            break
    wave = np.concatenate(chunks, axis=1)[:, :int(round(seconds * rate))].astype(np.float32)
    mono = torch.from_numpy(wave.mean(axis=0, keepdims=True))  # [1, samples]
    return torchaudio.functional.resample(mono, rate, 16000)


def load_python(path, preset):
    frames, size, seconds, target = PRESETS[preset]
    with av.open(path) as container:
        video = decode_frames(container, frames, size, seconds)
        wave = decode_audio(container, seconds)
    wave = wave - wave.mean()
    fbank = torchaudio.compliance.kaldi.fbank(
        wave, htk_compat=True, sample_frequency=16000, use_energy=False, window_type="hanning",
        num_mel_bins=128, dither=0.0, frame_shift=10)
    pad = target - fbank.shape[0]
    fbank = torch.nn.functional.pad(fbank, (0, 0, 0, pad)) if pad > 0 else fbank[:target]
    fbank = (fbank - AUDIOSET_MEAN) / (AUDIOSET_STD * 2)
    return video.shape, fbank.shape


def _init_worker():
    torch.set_num_threads(1)


def _load_job(job):
    path, preset = job
    return load_python(path, preset)


def bench_python(files, preset, workers, passes):
    jobs = [(f, preset) for _ in range(passes) for f in files]
    with mp.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
        pool.map(_load_job, [(files[0], preset)] * workers)  # warm-up in every worker
        t0 = time.perf_counter()
        shapes = pool.map(_load_job, jobs, chunksize=1)
        seconds = time.perf_counter() - t0
    frames, size, _, target = PRESETS[preset]
    assert all(tuple(v) == (frames, size, size, 3) and tuple(a) == (target, 128) for v, a in shapes), shapes[0]
    return len(jobs) / seconds


def bench_ours(binary, files, workers, passes, preset):
    cmd = [binary, "--batch", "bench", "data", "--files", ",".join(files), "--threads", str(workers),
           "--passes", str(passes), "--preset", preset, "--no-fbank", "--json"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default="build/app/avt-workbench", help="avt-workbench executable")
    ap.add_argument("--files", nargs="*", help="media files (default: make test clips)")
    ap.add_argument("--clips", type=int, default=6, help="test clips to make without --files")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="workers for both loaders")
    ap.add_argument("--passes", type=int, default=2, help="times each file is loaded per round")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds per preset, ours and Python alternating; the ratio reported is the median")
    ap.add_argument("--preset", choices=["base", "tiny", "all"], default="all")
    args = ap.parse_args()

    presets = ["base", "tiny"] if args.preset == "all" else [args.preset]
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files or make_clips(tmp, args.clips, 10.0)
        print("machine: %d cores; workers: %d; files: %d x %d passes; %d rounds" %
              (os.cpu_count(), args.threads, len(files), args.passes, args.rounds))
        ratios = {}
        for preset in presets:
            rounds = []
            for r in range(args.rounds):
                # Alternate which loader goes first, so that neither always runs on a warm page cache
                # or after the other's worst moment.
                if r % 2 == 0:
                    ours = bench_ours(args.binary, files, args.threads, args.passes, preset)["loading"][0]
                    python_cps = bench_python(files, preset, args.threads, args.passes)
                else:
                    python_cps = bench_python(files, preset, args.threads, args.passes)
                    ours = bench_ours(args.binary, files, args.threads, args.passes, preset)["loading"][0]
                if ours["failures"]:
                    print("%s: %d failures in ours: %s" % (preset, ours["failures"], ours.get("first_error", "")))
                    return 2
                rounds.append((ours["clips_per_second"], python_cps))
                print("%-4s round %d: ours %.2f clips/s, PyAV+torchaudio %.2f clips/s, ratio %.2fx" %
                      (preset, r + 1, rounds[-1][0], python_cps, rounds[-1][0] / python_cps))
            each = [o / p for o, p in rounds]
            ratios[preset] = median(each)
            print("%-4s loader: ours %.2f clips/s, PyAV+torchaudio %.2f clips/s (medians), ratio %.2fx "
                  "(median of %d; %.2f-%.2f) (goal >= 2x)" %
                  (preset, median([o for o, _ in rounds]), median([p for _, p in rounds]), ratios[preset],
                   len(each), min(each), max(each)))
    return 0 if all(r >= 2.0 for r in ratios.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
