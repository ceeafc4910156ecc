"""Exports a pocket v2 model folder (128x128 pictures, 16x16x4 latents, 8x VAE).

    python3 training/export_v2.py --work training/.cache/v2/work --dest DIR [--note TEXT]

Reads unet_ema.npz (text encoder + UNet), decoder_v2.npz (falls back to the warm start: v1's
decoder, upsampled) and v1's encoder (from --v1, the shipped ONNX files, or --v1-work).  The UNet
graph has two optional extra outputs, the cross-attention probabilities averaged over heads,
cross_attention_16x16 [B,256,L] and cross_attention_8x8 [B,64,L]; a runtime that does not ask for
them does not pay for fetching them.  model_index.json declares them under unet_attention_outputs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export as v1export  # noqa: E402
import scenes  # noqa: E402
from models import TextEncoder, UNet  # noqa: E402
from models_v2 import UNetWithAttention, VAEDecoderV2, VAEEncoderV2  # noqa: E402
from train import load_npz  # noqa: E402

ATTENTION_OUTPUTS = {
    "cross_attention_16x16": {"resolution": 16, "shape": ["batch", 256, "text_max_length"],
                              "blocks": ["down 16x16", "up 16x16"]},
    "cross_attention_8x8": {"resolution": 8, "shape": ["batch", 64, "text_max_length"],
                            "blocks": ["down 8x8", "up 8x8"]},
}


def load_v2(work: str, v1_models):
    """(text encoder, unet, vae encoder v2, vae decoder v2) from a v2 work folder."""
    te0, un0, enc1, dec1, sf = v1_models
    te, un = TextEncoder(len(scenes.VOCAB), scenes.TEXT_MAX_LENGTH), UNet()
    p = os.path.join(work, "unet_ema.npz")
    if os.path.exists(p):
        load_npz(p, te=te, unet=un)
    else:
        raise FileNotFoundError(f"{p}: no UNet weights yet (train_v2.py unet writes them)")
    dec = VAEDecoderV2(dec1)
    if os.path.exists(os.path.join(work, "decoder_v2.npz")):
        load_npz(os.path.join(work, "decoder_v2.npz"), dec=dec)
    return te.eval(), un.eval(), VAEEncoderV2(enc1).eval(), dec.eval(), sf


@torch.no_grad()
def export_folder(te, un, enc, dec, sf, dest: str, note: str = "", stats: dict | None = None):
    v1export.scenes = scenes  # tokenizer files from the v2 vocabulary
    os.makedirs(dest, exist_ok=True)
    ids = torch.tensor([scenes.encode("a white sheep riding a red motorcycle on a road at sunset"),
                        scenes.encode("")], dtype=torch.int64)
    g = torch.Generator().manual_seed(2024)
    sample, latent = torch.randn(2, 4, 16, 16, generator=g), torch.randn(2, 4, 16, 16, generator=g)
    timestep = torch.tensor([981.0, 21.0])
    image = torch.rand(2, 3, 128, 128, generator=g) * 2 - 1
    hs = te(ids)[0]
    v1export.export_onnx(v1export.TextWrap(te), (ids,), f"{dest}/text_encoder/model.onnx", ["input_ids"],
                         ["last_hidden_state", "pooler_output"])
    v1export.export_onnx(UNetWithAttention(un), (sample, timestep, hs), f"{dest}/unet/model.onnx",
                         ["sample", "timestep", "encoder_hidden_states"],
                         ["out_sample"] + list(ATTENTION_OUTPUTS))
    v1export.export_onnx(v1export.DecWrap(dec), (latent,), f"{dest}/vae_decoder/model.onnx", ["latent_sample"],
                         ["sample"])
    v1export.export_onnx(v1export.EncWrap(enc), (image,), f"{dest}/vae_encoder/model.onnx", ["sample"],
                         ["latent_sample"])
    out, a16, a8 = UNetWithAttention(un)(sample, timestep, hs)
    pooled = te(ids)[1]
    ref = {"note": "inputs and PyTorch outputs of the exported v2 graphs (batch 2); test/node/pocket-model.test.ts",
           "text_encoder": {"inputs": {"input_ids": v1export.b64(ids)},
                            "outputs": {"last_hidden_state": v1export.b64(hs), "pooler_output": v1export.b64(pooled)}},
           "vae_encoder": {"inputs": {"sample": v1export.b64(image)},
                           "outputs": {"latent_sample": v1export.b64(v1export.EncWrap(enc)(image))}},
           "unet": {"inputs": {"sample": v1export.b64(sample), "timestep": v1export.b64(timestep),
                               "encoder_hidden_states": v1export.b64(hs)},
                    "outputs": {"out_sample": v1export.b64(out), "cross_attention_16x16": v1export.b64(a16),
                                "cross_attention_8x8": v1export.b64(a8)}},
           "vae_decoder": {"inputs": {"latent_sample": v1export.b64(latent)},
                           "outputs": {"sample": v1export.b64(v1export.DecWrap(dec)(latent))}}}
    json.dump(ref, open(os.path.join(dest, "reference_v2.json"), "w"))
    os.makedirs(f"{dest}/tokenizer", exist_ok=True)
    json.dump(v1export.tokenizer_json(), open(f"{dest}/tokenizer/tokenizer.json", "w"), indent=1)
    json.dump(v1export.tokenizer_config(), open(f"{dest}/tokenizer/tokenizer_config.json", "w"), indent=2)
    sched = os.path.join(HERE, "..", "assets", "models", "pocket", "scheduler", "scheduler_config.json")
    os.makedirs(f"{dest}/scheduler", exist_ok=True)
    with open(sched) as f, open(f"{dest}/scheduler/scheduler_config.json", "w") as o:
        o.write(f.read())
    lrgb = fit_latent_rgb(enc, sf)
    json.dump(lrgb, open(f"{dest}/latent_rgb.json", "w"), indent=2)
    index = json.load(open(os.path.join(HERE, "..", "assets", "models", "pocket", "model_index.json")))
    le = index["latent_explorables"]
    le.update({"name": "pocket", "version": 2, "vae_scaling_factor": round(float(sf), 6), "vae_scale_factor": 8,
               "sample_size": 16, "image_size": 128, "unet_attention_outputs": ATTENTION_OUTPUTS,
               "training": {**(stats or {}), "note": note}})
    json.dump(index, open(f"{dest}/model_index.json", "w"), indent=2)
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(dest) for f in fs)
    print(f"  folder {dest}: {total / 1e6:.2f} MB", flush=True)


@torch.no_grad()
def fit_latent_rgb(enc, sf, n=512):
    """latent -> RGB map (least squares against the 8x8-pooled picture), as v1's latent_rgb.json."""
    imgs = np.stack([np.asarray(scenes.render(scenes.sample_attrs(3_000_000 + i))) for i in range(n)])
    x = torch.from_numpy(imgs).permute(0, 3, 1, 2).float() / 127.5 - 1
    z = torch.cat([enc(x[i:i + 128])[0] for i in range(0, n, 128)]) * sf
    tgt = torch.nn.functional.avg_pool2d(x, 8)
    Z = z.permute(0, 2, 3, 1).reshape(-1, 4).numpy().astype(np.float64)
    Y = tgt.permute(0, 2, 3, 1).reshape(-1, 3).numpy().astype(np.float64)
    A = np.concatenate([Z, np.ones((len(Z), 1))], 1)
    W, *_ = np.linalg.lstsq(A, Y, rcond=None)
    r2 = 1 - ((Y - A @ W) ** 2).sum() / ((Y - Y.mean(0)) ** 2).sum()
    return {"weights": [[round(float(v), 6) for v in W[i]] for i in range(4)],
            "bias": [round(float(v), 6) for v in W[4]], "fit_r2": round(float(r2), 4),
            "note": "rgb[c] = sum_k scaled_latent[k] * weights[k][c] + bias[c], in [-1,1]; fitted by least "
                    f"squares on {n} renderer scenes against the 8x8-average-pooled image",
            "fit_samples": n}


def main():
    import argparse as _a
    from v1_source import v1_models
    ap = _a.ArgumentParser()
    ap.add_argument("--work", default=os.path.join(HERE, ".cache", "v2", "work"))
    ap.add_argument("--dest", required=True)
    ap.add_argument("--v1", default=os.path.join(HERE, "..", "assets", "models", "pocket"))
    ap.add_argument("--v1-work", default=None)
    ap.add_argument("--note", default="")
    a = ap.parse_args()
    torch.set_num_threads(2)
    te, un, enc, dec, sf = load_v2(a.work, v1_models(a))
    stats_p = os.path.join(a.work, "unet_stats.json")
    export_folder(te, un, enc, dec, sf, a.dest, a.note, json.load(open(stats_p)) if os.path.exists(stats_p) else None)


if __name__ == "__main__":
    main()
