"""Pocket model v2 networks: an 8x VAE that keeps v1's latent space, and the judge for 128x128 renders.

The UNet and text encoder are v1's classes (models.py); v2 fine-tunes them.  The v2 VAE encoder is
a 2x average pool in front of the frozen v1 encoder, so a v2 latent of a 128x128 picture equals the
v1 latent of the same picture at 64x64 and the UNet keeps working on 16x16x4.  The v2 decoder is the
v1 decoder plus one upsampling level: its 64x64 output, upsampled, plus a learned residual at 128x128
that starts at zero (so training starts from exactly v1's picture, and only adds detail).
"""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from models import Judge, Res, Up2, VAEDecoder, VAEEncoder, gn


class VAEEncoderV2(nn.Module):
    """128x128x3 in [-1,1] -> (mean, logvar) 16x16x4 via v1's encoder on the 2x-pooled picture."""

    def __init__(self, v1: VAEEncoder | None = None):
        super().__init__()
        self.pool = nn.AvgPool2d(2)
        self.v1 = v1 or VAEEncoder()

    def forward(self, x):
        return self.v1(self.pool(x))


class VAEDecoderV2(nn.Module):
    """16x16x4 (unscaled) -> 128x128x3: v1's decoder to 64x64, then one more 2x level."""

    def __init__(self, v1: VAEDecoder | None = None, ch: int = 24):
        super().__init__()
        self.v1 = v1 or VAEDecoder()
        c0 = self.v1.out.in_channels
        self.up = Up2()
        self.u2 = nn.Conv2d(c0, ch, 3, padding=1)
        self.r4 = Res(ch, ch)
        self.nout = gn(ch)
        self.out = nn.Conv2d(ch, 3, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, z):
        d = self.v1
        h = d.r1(d.r0(d.cin(z)))
        h = d.r2(d.u0(d.up(h)))
        h = d.r3(d.u1(d.up(h)))
        base = d.out(F.silu(d.nout(h)))
        detail = self.out(F.silu(self.nout(self.r4(self.u2(self.up(h))))))
        return self.up(base) + detail


class JudgeV2(Judge):
    """v1's judge reading 128x128 pictures and eleven colours.  Its stem pools to 64x64 and strides to
    32x32 (the animal is a third of the picture, so this keeps what tells animals apart), which makes
    it cheap enough to train on a CPU in minutes."""

    HEADS = {"animal": 5, "animal_colour": 11, "vehicle": 5, "vehicle_colour": 11, "place": 6, "time": 3}

    def __init__(self, width: int = 48):
        super().__init__(width)
        self.f[0] = nn.Sequential(nn.AvgPool2d(2), nn.Conv2d(3, width, 4, stride=2, padding=1))


class UNetWithAttention(nn.Module):
    """Wraps a v1 UNet so that it also returns the cross-attention probabilities (averaged over heads,
    and over the down and up blocks of a level): [B, 256, L] at 16x16 and [B, 64, L] at 8x8.  Same
    weights, same out_sample; used only for export."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, sample, timestep, encoder_hidden_states):
        u = self.unet
        blocks16 = [b for b in (u.a0, u.ua0) if b is not None]
        blocks8 = [u.a1, u.ua1]
        for b in blocks16 + blocks8:
            b.ca.keep = True
        try:
            out = u(sample, timestep, encoder_hidden_states)
            a16 = sum(b.ca.last for b in blocks16) / len(blocks16)
            a8 = sum(b.ca.last for b in blocks8) / len(blocks8)
        finally:
            for b in blocks16 + blocks8:
                b.ca.keep = False
                b.ca.last = None
        return out, a16, a8


def expand_text_embeddings(te_state: dict, vocab_v1: list[str], vocab_v2: list[str], seeds: dict) -> dict:
    """v1 text-encoder state with the token table grown to vocab_v2 (v1's ids unchanged).  A new word
    starts at the mean of the v1 words named in `seeds` (pink <- red, white)."""
    w = te_state["tok.weight"]
    assert list(vocab_v2[: len(vocab_v1)]) == list(vocab_v1), "v2 vocabulary must extend v1's"
    rows = [w]
    for word in vocab_v2[len(vocab_v1):]:
        rows.append(torch.stack([w[vocab_v1.index(s)] for s in seeds[word]]).mean(0, keepdim=True))
    out = dict(te_state)
    out["tok.weight"] = torch.cat(rows)
    return out
