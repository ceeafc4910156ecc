"""Pocket model networks: VAE, word-level text encoder, conditional UNet, and the judge.

Written to run on PyTorch 1.13 (CPU, Debian) and 2.x (GPU) alike, and to export to ONNX opset 17
with only common ops (Conv, Gemm/MatMul, Softmax, InstanceNormalization via GroupNorm,
LayerNormalization, Sigmoid, Sin/Cos, Resize-free upsampling via depth-to-space-free nearest).
"""
from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# ------------------------------------------------------------------------------------------- common


def gn(c: int) -> nn.GroupNorm:
    return nn.GroupNorm(min(16, c // 4) if c >= 16 else 1, c, eps=1e-5)


class Up2(nn.Module):
    """Nearest 2x upsampling written as reshape/expand so the ONNX graph has no Resize op."""

    def forward(self, x):
        b, c, h, w = x.shape
        x = x.reshape(b, c, h, 1, w, 1).expand(b, c, h, 2, w, 2)
        return x.reshape(b, c, h * 2, w * 2)


class Res(nn.Module):
    def __init__(self, cin: int, cout: int, temb: int = 0):
        super().__init__()
        self.n1, self.c1 = gn(cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.n2, self.c2 = gn(cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.t = nn.Linear(temb, cout) if temb else None
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, t=None):
        h = self.c1(F.silu(self.n1(x)))
        if self.t is not None:
            h = h + self.t(t)[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return h + (self.skip(x) if self.skip is not None else x)


def attention(q, k, v, heads: int, probs: bool = False):
    """Multi-head attention; with probs=True also the attention probabilities averaged over heads."""
    b, n, c = q.shape
    m = k.shape[1]
    d = c // heads
    q = q.reshape(b, n, heads, d).transpose(1, 2)
    k = k.reshape(b, m, heads, d).transpose(1, 2)
    v = v.reshape(b, m, heads, d).transpose(1, 2)
    w = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d)), dim=-1)
    out = torch.matmul(w, v).transpose(1, 2).reshape(b, n, c)
    return (out, w.mean(1)) if probs else out


class Attn(nn.Module):
    def __init__(self, dim: int, ctx: int | None, heads: int):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(dim, dim, bias=False)
        self.k = nn.Linear(ctx or dim, dim, bias=False)
        self.v = nn.Linear(ctx or dim, dim, bias=False)
        self.o = nn.Linear(dim, dim)
        self.keep, self.last = False, None  # keep: remember the probabilities (export of attention maps)

    def forward(self, x, ctx=None):
        c = x if ctx is None else ctx
        if self.keep:
            out, self.last = attention(self.q(x), self.k(c), self.v(c), self.heads, probs=True)
            return self.o(out)
        return self.o(attention(self.q(x), self.k(c), self.v(c), self.heads))


class SpatialTransformer(nn.Module):
    """GroupNorm -> tokens -> [self-attn] -> cross-attn -> MLP -> back, residual (SD style, small)."""

    def __init__(self, ch: int, ctx: int, heads: int, self_attn: bool = True, mlp: int = 2):
        super().__init__()
        self.norm = gn(ch)
        self.pin = nn.Linear(ch, ch)
        self.sa = Attn(ch, None, heads) if self_attn else None
        self.ln1 = nn.LayerNorm(ch) if self_attn else None
        self.ln2, self.ca = nn.LayerNorm(ch), Attn(ch, ctx, heads)
        self.ln3 = nn.LayerNorm(ch)
        self.ff = nn.Sequential(nn.Linear(ch, ch * mlp), nn.GELU(), nn.Linear(ch * mlp, ch))
        self.pout = nn.Linear(ch, ch)

    def forward(self, x, ctx):
        b, c, h, w = x.shape
        t = self.pin(self.norm(x).reshape(b, c, h * w).transpose(1, 2))
        if self.sa is not None:
            t = t + self.sa(self.ln1(t))
        t = t + self.ca(self.ln2(t), ctx)
        t = t + self.ff(self.ln3(t))
        return x + self.pout(t).transpose(1, 2).reshape(b, c, h, w)


# ---------------------------------------------------------------------------------------------- VAE
class VAEEncoder(nn.Module):
    """64x64x3 in [-1,1] -> (mean, logvar) 16x16x4."""

    def __init__(self, ch=(32, 64, 128), z=4):
        super().__init__()
        c0, c1, c2 = ch
        self.cin = nn.Conv2d(3, c0, 3, padding=1)
        self.r0 = Res(c0, c0)
        self.d0 = nn.Conv2d(c0, c0, 3, stride=2, padding=1)
        self.r1 = Res(c0, c1)
        self.d1 = nn.Conv2d(c1, c1, 3, stride=2, padding=1)
        self.r2 = Res(c1, c2)
        self.r3 = Res(c2, c2)
        self.nout = gn(c2)
        self.out = nn.Conv2d(c2, 2 * z, 3, padding=1)

    def forward(self, x):
        h = self.r0(self.cin(x))
        h = self.r1(self.d0(h))
        h = self.r3(self.r2(self.d1(h)))
        mean, logvar = self.out(F.silu(self.nout(h))).chunk(2, dim=1)
        return mean, logvar.clamp(-20.0, 4.0)


class VAEDecoder(nn.Module):
    """16x16x4 (unscaled) -> 64x64x3 (clamped to [-1, 1] in the exported graph)."""

    def __init__(self, ch=(32, 64, 96), z=4):
        super().__init__()
        c0, c1, c2 = ch
        self.cin = nn.Conv2d(z, c2, 3, padding=1)
        self.r0 = Res(c2, c2)
        self.r1 = nn.Identity()
        self.up = Up2()
        self.u0 = nn.Conv2d(c2, c1, 3, padding=1)
        self.r2 = Res(c1, c1)
        self.u1 = nn.Conv2d(c1, c0, 3, padding=1)
        self.r3 = Res(c0, c0)
        self.nout = gn(c0)
        self.out = nn.Conv2d(c0, 3, 3, padding=1)

    def forward(self, z):
        h = self.r1(self.r0(self.cin(z)))
        h = self.r2(self.u0(self.up(h)))
        h = self.r3(self.u1(self.up(h)))
        return self.out(F.silu(self.nout(h)))


# ------------------------------------------------------------------------------------- text encoder
class TextEncoder(nn.Module):
    """Word-level transformer (bidirectional, no attention mask: padding is part of the input, as with
    CLIP's fixed-length padding).  pooler_output is the final state at position 0 ([BOS])."""

    def __init__(self, vocab: int, length: int, dim: int = 128, layers: int = 3, heads: int = 4):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.pos = nn.Parameter(torch.zeros(1, length, dim))
        nn.init.normal_(self.tok.weight, std=0.3)
        nn.init.normal_(self.pos, std=0.1)
        self.blocks = nn.ModuleList()
        for _ in range(layers):
            self.blocks.append(nn.ModuleDict({
                "ln1": nn.LayerNorm(dim), "attn": Attn(dim, None, heads), "ln2": nn.LayerNorm(dim),
                "ff": nn.Sequential(nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim)),
            }))
        self.lnf = nn.LayerNorm(dim)

    def forward(self, ids):
        x = self.tok(ids) + self.pos[:, : ids.shape[1]]
        for b in self.blocks:
            x = x + b["attn"](b["ln1"](x))
            x = x + b["ff"](b["ln2"](x))
        h = self.lnf(x)
        return h, h[:, 0]


# --------------------------------------------------------------------------------------------- UNet
def timestep_embedding(t, dim: int):
    half = dim // 2
    freqs = torch.exp(torch.arange(half, dtype=torch.float32, device=t.device) * (-math.log(10000.0) / half))
    a = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(a), torch.sin(a)], dim=1)


class UNet(nn.Module):
    """Latent 4x16x16 -> noise prediction.  Levels 16x16 (c0), 8x8 (c1), 4x4 (c2); cross-attention to
    the text states at every level, self-attention at 8x8 and 4x4."""

    def __init__(self, ctx: int = 128, ch=(32, 96, 128), heads: int = 4, z: int = 4, attn0: bool = True):
        super().__init__()
        c0, c1, c2 = ch
        self.c0 = c0
        te = c0 * 4
        self.temb = nn.Sequential(nn.Linear(c0, te), nn.SiLU(), nn.Linear(te, te))
        self.cin = nn.Conv2d(z, c0, 3, padding=1)
        self.e0 = Res(c0, c0, te)
        self.a0 = SpatialTransformer(c0, ctx, heads, self_attn=False) if attn0 else None
        self.d0 = nn.Conv2d(c0, c0, 3, stride=2, padding=1)
        self.e1 = Res(c0, c1, te)
        self.a1 = SpatialTransformer(c1, ctx, heads)
        self.d1 = nn.Conv2d(c1, c1, 3, stride=2, padding=1)
        self.e2 = Res(c1, c2, te)
        self.a2 = SpatialTransformer(c2, ctx, heads)
        self.m1 = Res(c2, c2, te)
        self.ma = SpatialTransformer(c2, ctx, heads)
        self.m2 = Res(c2, c2, te)
        self.u2 = Res(c2 + c2, c2, te)
        self.ua2 = SpatialTransformer(c2, ctx, heads)
        self.up = Up2()
        self.uc2 = nn.Conv2d(c2, c1, 3, padding=1)
        self.u1 = Res(c1 + c1, c1, te)
        self.ua1 = SpatialTransformer(c1, ctx, heads)
        self.uc1 = nn.Conv2d(c1, c0, 3, padding=1)
        self.u0 = Res(c0 + c0, c0, te)
        self.ua0 = SpatialTransformer(c0, ctx, heads, self_attn=False) if attn0 else None
        self.nout = gn(c0)
        self.out = nn.Conv2d(c0, z, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, sample, timestep, encoder_hidden_states):
        ctx = encoder_hidden_states
        t = self.temb(timestep_embedding(timestep, self.c0))
        h0 = self.e0(self.cin(sample), t)
        if self.a0 is not None:
            h0 = self.a0(h0, ctx)
        h1 = self.a1(self.e1(self.d0(h0), t), ctx)
        h2 = self.a2(self.e2(self.d1(h1), t), ctx)
        m = self.m2(self.ma(self.m1(h2, t), ctx), t)
        u = self.ua2(self.u2(torch.cat([m, h2], 1), t), ctx)
        u = self.uc2(self.up(u))
        u = self.ua1(self.u1(torch.cat([u, h1], 1), t), ctx)
        u = self.uc1(self.up(u))
        u = self.u0(torch.cat([u, h0], 1), t)
        if self.ua0 is not None:
            u = self.ua0(u, ctx)
        return self.out(F.silu(self.nout(u)))


# -------------------------------------------------------------------------------------------- judge
class Judge(nn.Module):
    """Small CNN reading animal, animal colour, vehicle, vehicle colour, place, time from 64x64 RGB."""

    HEADS = {"animal": 5, "animal_colour": 8, "vehicle": 5, "vehicle_colour": 8, "place": 6, "time": 3}

    def __init__(self, width: int = 48):
        super().__init__()
        w = width
        self.f = nn.Sequential(
            nn.Conv2d(3, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU(),
            nn.Conv2d(w, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(w, 2 * w, 3, padding=1), nn.BatchNorm2d(2 * w), nn.ReLU(),
            nn.Conv2d(2 * w, 2 * w, 3, padding=1), nn.BatchNorm2d(2 * w), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(2 * w, 4 * w, 3, padding=1), nn.BatchNorm2d(4 * w), nn.ReLU(),
            nn.Conv2d(4 * w, 4 * w, 3, padding=1), nn.BatchNorm2d(4 * w), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4 * w, 4 * w, 3, padding=1), nn.BatchNorm2d(4 * w), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.feat_dim = 4 * w
        self.heads = nn.ModuleDict({k: nn.Linear(4 * w, n) for k, n in self.HEADS.items()})

    def forward(self, x):
        f = self.f(x)
        return f, {k: h(f) for k, h in self.heads.items()}


# ---------------------------------------------------------------------------------------- schedule
NUM_TRAIN_TIMESTEPS = 1000
BETA_START, BETA_END, BETA_SCHEDULE = 0.00085, 0.012, "scaled_linear"


def alphas_cumprod():
    betas = torch.linspace(BETA_START ** 0.5, BETA_END ** 0.5, NUM_TRAIN_TIMESTEPS, dtype=torch.float64) ** 2
    return torch.cumprod(1.0 - betas, 0)


def ddim_timesteps(steps: int):
    """diffusers DDIMScheduler with timestep_spacing='leading', steps_offset=1."""
    ratio = NUM_TRAIN_TIMESTEPS // steps
    return [int(t) + 1 for t in reversed(range(0, steps * ratio, ratio))]


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())
