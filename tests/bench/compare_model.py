#!/usr/bin/python3
"""The avt-small model (UniFormer-S 16x224 + AST 384-wide, 4 bottleneck fusion blocks) written
directly in PyTorch eager, timed like model/bench (forward + cross-entropy + backward per
batch), to compare our LibTorch engine against Python on the same machine and threads.

Usage: /usr/bin/python3 tests/bench/compare_model.py [--batch 1] [--iters 3] [--warmup 1]
                                                         [--threads N] [--preset avt-small|avt-tiny]
                                                         [--device cpu|cuda[:N]] [--blas-threads N]
Prints one line: "pytorch <preset> <device> threads T batch B: X ms/batch fwd+bwd (torch V, BLAS)".
BLAS threads follow the engine's rule (model/runtime/cpu_threads.h) so that both sides run the
same BLAS setting: a pthreads OpenBLAS is kept to 1 thread; --blas-threads N sets N instead,
--blas-threads 0 leaves OpenBLAS as it starts (one thread per core, competing with PyTorch's).
On CUDA the timing synchronises the device before reading the clock (cuDNN autotuning is off,
as in LibTorch's default).
"""
import argparse
import ctypes
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h, self.qkv, self.proj = h, nn.Linear(d, 3 * d), nn.Linear(d, d)

    def forward(self, x):
        b, n, c = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.h, c // self.h).permute(2, 0, 3, 1, 4)
        a = torch.softmax((q * (c // self.h) ** -0.5) @ k.transpose(-2, -1), -1)
        return self.proj((a @ v).transpose(1, 2).reshape(b, n, c))


class Block(nn.Module):
    def __init__(self, d, h, r=4.0):
        super().__init__()
        self.n1, self.att, self.n2 = nn.LayerNorm(d, eps=1e-6), Attention(d, h), nn.LayerNorm(d, eps=1e-6)
        self.fc1, self.fc2 = nn.Linear(d, int(d * r)), nn.Linear(int(d * r), d)

    def forward(self, x):
        x = x + self.att(self.n1(x))
        return x + self.fc2(F.gelu(self.fc1(self.n2(x))))


class Ast(nn.Module):
    def __init__(self, d, depth, h, mel, frames, p=16, fs=10, ts=10):
        super().__init__()
        n = ((mel - p) // fs + 1) * ((frames - p) // ts + 1)
        self.proj = nn.Conv2d(1, d, p, stride=(fs, ts))
        self.tok = nn.Parameter(torch.zeros(1, 2, d))
        self.pos = nn.Parameter(torch.randn(1, n + 2, d) * 0.02)
        self.blocks = nn.ModuleList([Block(d, h) for _ in range(depth)])
        self.norm = nn.LayerNorm(d, eps=1e-6)

    def forward(self, spec):  # [B, T, F]
        x = self.proj(spec.unsqueeze(1).transpose(2, 3)).flatten(2).transpose(1, 2)
        x = torch.cat([self.tok.expand(x.shape[0], -1, -1), x], 1) + self.pos
        for b in self.blocks:
            x = b(x)
        return self.norm(x)


class CBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.pe = nn.Conv3d(c, c, 3, padding=1, groups=c)
        self.bn1, self.bn2 = nn.BatchNorm3d(c), nn.BatchNorm3d(c)
        self.c1, self.c2 = nn.Conv3d(c, c, 1), nn.Conv3d(c, c, 1)
        self.att = nn.Conv3d(c, c, 5, padding=2, groups=c)
        self.f1, self.f2 = nn.Conv3d(c, 4 * c, 1), nn.Conv3d(4 * c, c, 1)

    def forward(self, x):
        x = x + self.pe(x)
        x = x + self.c2(self.att(self.c1(self.bn1(x))))
        return x + self.f2(F.gelu(self.f1(self.bn2(x))))


class SABlock(nn.Module):
    def __init__(self, c, h):
        super().__init__()
        self.pe, self.blk = nn.Conv3d(c, c, 3, padding=1, groups=c), Block(c, h)

    def forward(self, x):
        x = x + self.pe(x)
        b, c, t, hh, w = x.shape
        return self.blk(x.flatten(2).transpose(1, 2)).transpose(1, 2).reshape(b, c, t, hh, w)


class Embed(nn.Module):
    def __init__(self, i, o, stem):
        super().__init__()
        self.proj = nn.Conv3d(i, o, (3, 4, 4), (2, 4, 4), (1, 0, 0)) if stem else nn.Conv3d(i, o, (1, 2, 2), (1, 2, 2))
        self.norm = nn.LayerNorm(o)

    def forward(self, x):
        return self.norm(self.proj(x).permute(0, 2, 3, 4, 1)).permute(0, 4, 1, 2, 3)


class UniFormer(nn.Module):
    def __init__(self, widths, depths, head_dim):
        super().__init__()
        self.embeds = nn.ModuleList([Embed(3 if s == 0 else widths[s - 1], widths[s], s == 0) for s in range(4)])
        self.stages = nn.ModuleList([nn.Sequential(*[CBlock(widths[s]) if s < 2 else SABlock(widths[s], widths[s] // head_dim)
                                                     for _ in range(depths[s])]) for s in range(4)])
        self.norm = nn.BatchNorm3d(widths[3])

    def forward(self, x):
        for e, s in zip(self.embeds, self.stages):
            x = s(e(x))
        t = self.norm(x).flatten(2).transpose(1, 2)
        return torch.cat([t.mean(1, keepdim=True), t], 1)


class Avt(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.audio = Ast(p["aw"], p["ad"], p["ah"], p["mel"], p["frames"], 16, p["stride"], p["stride"])
        self.video = UniFormer(p["vw"], p["vd"], p["hd"])
        d = p["fw"]
        self.vproj, self.aproj = nn.Linear(p["vw"][3], d), (nn.Linear(p["aw"], d) if p["aw"] != d else nn.Identity())
        self.bott = nn.Parameter(torch.randn(1, 4, d) * 0.02)
        self.vb = nn.ModuleList([Block(d, p["fh"]) for _ in range(p["k"])])
        self.ab = nn.ModuleList([Block(d, p["fh"]) for _ in range(p["k"])])
        self.vn, self.an = nn.LayerNorm(d, eps=1e-6), nn.LayerNorm(d, eps=1e-6)
        self.head = nn.Linear(2 * d, p["classes"])
        self.ga, self.gv = nn.Linear(p["aw"], 256), nn.Linear(p["vw"][3], 256)

    def forward(self, spec, video):
        a0, v0 = self.audio(spec), self.video(video)
        a, v = self.aproj(a0), self.vproj(v0)
        f = self.bott.expand(a.shape[0], -1, -1)
        nv, L = v.shape[1], f.shape[1]
        for vb, ab in zip(self.vb, self.ab):
            vf = vb(torch.cat([v, f], 1))
            v, f = vf[:, :nv], vf[:, nv:]
            fa = ab(torch.cat([f, a], 1))
            f, a = fa[:, :L], fa[:, L:]
        v, a = self.vn(v), self.an(a)
        self.ga((a0[:, 0] + a0[:, 1]) / 2), self.gv(v0[:, 0])  # projections, as in our forward
        return self.head(torch.cat([v[:, 0], (a[:, 0] + a[:, 1]) / 2], 1))


PRESETS = {
    "avt-small": dict(aw=384, ad=12, ah=6, mel=128, frames=1024, stride=10, vw=[64, 128, 320, 512], vd=[3, 4, 8, 3],
                      hd=64, frames_v=16, size=224, fw=384, fh=6, k=4, classes=400),
    "avt-tiny": dict(aw=64, ad=2, ah=4, mel=64, frames=300, stride=16, vw=[16, 32, 48, 64], vd=[1, 1, 1, 1],
                     hd=16, frames_v=8, size=112, fw=64, fh=4, k=2, classes=10),
}


def openblas_threads(n):
    """Applies the engine's OpenBLAS rule (or n > 0 threads); returns a few words on the BLAS."""
    try:
        lib = ctypes.CDLL("libopenblas.so.0")   # the copy PyTorch already loaded, by soname
    except OSError:
        return "not OpenBLAS"
    parallel = lib.openblas_get_parallel()   # 0 sequential, 1 pthreads, 2 OpenMP
    if parallel != 1:
        return "OpenBLAS OpenMP" if parallel == 2 else "OpenBLAS sequential"
    if n != 0:
        lib.openblas_set_num_threads(max(1, n))
    return "OpenBLAS pthreads x%d" % lib.openblas_get_num_threads()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="avt-small", choices=sorted(PRESETS))
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--device", default="cpu", help="cpu or cuda[:N]")
    ap.add_argument("--blas-threads", type=int, default=1,
                    help="threads of a pthreads OpenBLAS (0: leave as it starts)")
    a = ap.parse_args()
    try:
        dev = torch.device(a.device)
    except RuntimeError:
        dev = None
    if dev is None or dev.type not in ("cpu", "cuda"):
        ap.error("--device must be cpu or cuda[:N], got %s" % a.device)
    if dev.type == "cuda" and not torch.cuda.is_available():
        ap.error("--device %s: CUDA is not available in this PyTorch / machine" % a.device)
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    blas = openblas_threads(a.blas_threads)
    torch.manual_seed(0)
    p = PRESETS[a.preset]
    net = Avt(p).to(dev).train()
    spec = torch.randn(a.batch, p["frames"], p["mel"], device=dev)
    video = torch.randn(a.batch, 3, p["frames_v"], p["size"], p["size"], device=dev)
    labels = torch.randint(p["classes"], (a.batch,), device=dev)

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize(dev)

    def step():
        loss = F.cross_entropy(net(spec, video), labels)
        net.zero_grad()
        loss.backward()

    for _ in range(a.warmup):
        step()
    sync()
    t0 = time.perf_counter()
    for _ in range(a.iters):
        step()
    sync()
    ms = (time.perf_counter() - t0) / a.iters * 1e3
    print("pytorch %s %s threads %d batch %d: %.1f ms/batch fwd+bwd (torch %s, %s)" % (
        a.preset, a.device, torch.get_num_threads(), a.batch, ms, torch.__version__, blas))


if __name__ == "__main__":
    main()
