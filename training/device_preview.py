"""Quick look at freshly trained weights: a grid of samples (rows = prompts, cols = guidance)."""
import argparse
import json
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenes  # noqa: E402
from models import TextEncoder, UNet, VAEDecoder, VAEEncoder  # noqa: E402
from sample import ddim, to_uint8  # noqa: E402
from train import load_npz  # noqa: E402

PROMPTS = [
    "a white sheep riding a red motorcycle on a road at sunset",
    "a sheep riding a motorcycle",
    "a black cat driving a yellow car in a city at night",
    "a white pig riding a blue bicycle in a field",
    "a yellow duck riding a green skateboard on a beach",
    "an orange dog driving a purple truck in the snow",
    "a blue sheep driving a white car in a desert during the day",
    "a red pig riding a black motorcycle in a city at sunset",
]

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--png", required=True)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args()
    dev = a.device
    stats = json.load(open(os.path.join(a.work, "stats.json")))
    te, un = TextEncoder(len(scenes.VOCAB), scenes.TEXT_MAX_LENGTH), UNet()
    enc, dec = VAEEncoder(), VAEDecoder()
    load_npz(os.path.join(a.work, "gen_ema.npz"), te=te, unet=un)
    load_npz(os.path.join(a.work, "vae.npz"), enc=enc, dec=dec)
    te, un, dec = te.to(dev).eval(), un.to(dev).eval(), dec.to(dev).eval()
    gs = [1.0, 3.0, 5.0, 7.5]
    seeds = 3
    rows = []
    for p in PROMPTS:
        g = torch.Generator().manual_seed(7)
        noise = torch.randn(seeds, 4, 16, 16, generator=g)
        row = [to_uint8(ddim(un, te, dec, [p] * seeds, gg, 20, stats["vae_scaling_factor"], noise, dev)) for gg in gs]
        rows.append(np.concatenate([np.concatenate(list(r), 1) for r in row], 1))
    im = np.concatenate(rows, 0)
    Image.fromarray(im).resize((im.shape[1] * 2, im.shape[0] * 2), Image.NEAREST).save(a.png)
    print("preview", a.png, im.shape)
