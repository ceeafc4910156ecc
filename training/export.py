"""Exports trained pocket-model weights to the shipped diffusers-style ONNX folder.

    python3 training/export.py --weights DIR --dest assets/models/pocket [--reference FILE]

DIR holds vae.npz, gen_ema.npz and stats.json (written by train.py).  Writes the four ONNX graphs
(opset 17, dynamic batch), model_index.json, scheduler/scheduler_config.json, tokenizer/
(tokenizer.json, tokenizer_config.json; word_map.json is written by word_map.py), latent_rgb.json,
and a reference file of fixed inputs with PyTorch outputs that the Node test compares ORT against.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenes_v1 as scenes  # noqa: E402  (v1 recipe; v2 is train_v2.py)
from models import (BETA_END, BETA_SCHEDULE, BETA_START, NUM_TRAIN_TIMESTEPS, TextEncoder, UNet,  # noqa: E402
                    VAEDecoder, VAEEncoder)
from train import load_npz  # noqa: E402

OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))


class TextWrap(nn.Module):
    def __init__(self, te):
        super().__init__()
        self.te = te

    def forward(self, input_ids):
        return self.te(input_ids)


class DecWrap(nn.Module):
    def __init__(self, dec):
        super().__init__()
        self.dec = dec

    def forward(self, latent_sample):
        return self.dec(latent_sample).clamp(-1.0, 1.0)


class EncWrap(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc

    def forward(self, sample):
        return self.enc(sample)[0]


def load_models(weights: str):
    stats = json.load(open(os.path.join(weights, "stats.json")))
    te, un = TextEncoder(len(scenes.VOCAB), scenes.TEXT_MAX_LENGTH), UNet()
    enc, dec = VAEEncoder(), VAEDecoder()
    load_npz(os.path.join(weights, "gen_ema.npz"), te=te, unet=un)
    load_npz(os.path.join(weights, "vae.npz"), enc=enc, dec=dec)
    return te.eval(), un.eval(), enc.eval(), dec.eval(), stats


def reference_inputs():
    """Deterministic inputs, reproducible in JS from the stored arrays (batch 2)."""
    g = torch.Generator().manual_seed(2024)
    ids = torch.tensor([scenes.encode("a white sheep riding a red motorcycle on a road at sunset"),
                        scenes.encode("")], dtype=torch.int64)
    sample = torch.randn(2, 4, 16, 16, generator=g)
    timestep = torch.tensor([981.0, 21.0])
    latent = torch.randn(2, 4, 16, 16, generator=g)
    image = torch.rand(2, 3, 64, 64, generator=g) * 2 - 1
    return ids, sample, timestep, latent, image


def b64(t: torch.Tensor) -> dict:
    a = t.detach().cpu().numpy()
    dt = "int64" if a.dtype == np.int64 else "float32"
    a = a.astype(np.int64 if dt == "int64" else np.float32)
    return {"dtype": dt, "dims": list(a.shape), "data": base64.b64encode(a.tobytes()).decode()}


def export_onnx(model, args, path, in_names, out_names):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    dyn = {n: {0: "batch"} for n in in_names + out_names}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, args, path, input_names=in_names, output_names=out_names,
                          dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True)
    print(f"  {os.path.relpath(path)}: {os.path.getsize(path) / 1e6:.2f} MB")


def tokenizer_json():
    L = scenes.TEXT_MAX_LENGTH
    vocab = {w: i for i, w in enumerate(scenes.VOCAB)}
    added = [{"id": i, "content": w, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, w in enumerate(scenes.SPECIAL)]
    return {
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": L, "strategy": "LongestFirst", "stride": 0},
        "padding": {"strategy": {"Fixed": L}, "direction": "Right", "pad_to_multiple_of": None,
                    "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": added,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Lowercase"},
            {"type": "Replace", "pattern": {"Regex": "[^a-z0-9]+"}, "content": " "},
        ]},
        "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[BOS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[EOS]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[BOS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[EOS]", "type_id": 1}}],
            "special_tokens": {
                "[BOS]": {"id": "[BOS]", "ids": [2], "tokens": ["[BOS]"]},
                "[EOS]": {"id": "[EOS]", "ids": [3], "tokens": ["[EOS]"]},
            },
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": False},
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"},
    }


def tokenizer_config():
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": scenes.TEXT_MAX_LENGTH,
        "padding_side": "right",
        "truncation_side": "right",
        "pad_token": "[PAD]", "unk_token": "[UNK]", "bos_token": "[BOS]", "eos_token": "[EOS]",
        "do_lower_case": True,
        "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids"],
    }


@torch.no_grad()
def fit_latent_rgb(enc, sf, n=1024):
    imgs = np.stack([np.asarray(scenes.make_example(3_000_000 + i)[0]) for i in range(n)])
    x = torch.from_numpy(imgs).permute(0, 3, 1, 2).float() / 127.5 - 1
    z = torch.cat([enc(x[i:i + 128])[0] for i in range(0, n, 128)]) * sf
    tgt = F.avg_pool2d(x, 4)
    Z = z.permute(0, 2, 3, 1).reshape(-1, 4).numpy().astype(np.float64)
    Y = tgt.permute(0, 2, 3, 1).reshape(-1, 3).numpy().astype(np.float64)
    A = np.concatenate([Z, np.ones((len(Z), 1))], 1)
    W, *_ = np.linalg.lstsq(A, Y, rcond=None)
    pred = A @ W
    r2 = 1 - ((Y - pred) ** 2).sum() / ((Y - Y.mean(0)) ** 2).sum()
    return {"weights": [[round(float(v), 6) for v in W[i]] for i in range(4)],
            "bias": [round(float(v), 6) for v in W[4]], "fit_r2": round(float(r2), 4),
            "note": "rgb[c] = sum_k scaled_latent[k] * weights[k][c] + bias[c], in [-1,1]; fitted by least "
                    f"squares on {n} renderer scenes against the 4x4-average-pooled image",
            "fit_samples": n}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default=os.path.join(HERE, ".cache", "work"))
    ap.add_argument("--dest", default=os.path.join(HERE, "..", "assets", "models", "pocket"))
    ap.add_argument("--reference", default=os.path.join(HERE, "reference", "pocket_reference.json"))
    ap.add_argument("--run-note", default="")
    ap.add_argument("--fit-n", type=int, default=1024, help="scenes for the latent->RGB fit")
    a = ap.parse_args()
    torch.set_num_threads(2)
    te, un, enc, dec, stats = load_models(a.weights)
    sf = float(stats["vae_scaling_factor"])
    d = a.dest
    os.makedirs(d, exist_ok=True)
    ids, sample, timestep, latent, image = reference_inputs()
    print("exporting ONNX (opset %d)" % OPSET)
    export_onnx(TextWrap(te), (ids,), f"{d}/text_encoder/model.onnx", ["input_ids"],
                ["last_hidden_state", "pooler_output"])
    export_onnx(un, (sample, timestep, te(ids)[0]), f"{d}/unet/model.onnx",
                ["sample", "timestep", "encoder_hidden_states"], ["out_sample"])
    export_onnx(DecWrap(dec), (latent,), f"{d}/vae_decoder/model.onnx", ["latent_sample"], ["sample"])
    export_onnx(EncWrap(enc), (image,), f"{d}/vae_encoder/model.onnx", ["sample"], ["latent_sample"])

    with torch.no_grad():
        hs, pooled = te(ids)
        ref = {
            "note": "inputs and PyTorch outputs of the exported graphs (batch 2); test/node/pocket-model.test.ts",
            "text_encoder": {"inputs": {"input_ids": b64(ids)},
                             "outputs": {"last_hidden_state": b64(hs), "pooler_output": b64(pooled)}},
            "unet": {"inputs": {"sample": b64(sample), "timestep": b64(timestep), "encoder_hidden_states": b64(hs)},
                     "outputs": {"out_sample": b64(un(sample, timestep, hs))}},
            "vae_decoder": {"inputs": {"latent_sample": b64(latent)},
                            "outputs": {"sample": b64(DecWrap(dec)(latent))}},
            "vae_encoder": {"inputs": {"sample": b64(image)}, "outputs": {"latent_sample": b64(EncWrap(enc)(image))}},
        }
    os.makedirs(os.path.dirname(a.reference), exist_ok=True)
    json.dump(ref, open(a.reference, "w"))

    os.makedirs(f"{d}/scheduler", exist_ok=True)
    json.dump({
        "_class_name": "DDIMScheduler", "_diffusers_version": "0.30.0",
        "num_train_timesteps": NUM_TRAIN_TIMESTEPS, "beta_start": BETA_START, "beta_end": BETA_END,
        "beta_schedule": BETA_SCHEDULE, "trained_betas": None, "clip_sample": False, "clip_sample_range": 1.0,
        "set_alpha_to_one": False, "steps_offset": 1, "prediction_type": "epsilon",
        "thresholding": False, "dynamic_thresholding_ratio": 0.995, "sample_max_value": 1.0,
        "timestep_spacing": "leading", "rescale_betas_zero_snr": False,
    }, open(f"{d}/scheduler/scheduler_config.json", "w"), indent=2)

    os.makedirs(f"{d}/tokenizer", exist_ok=True)
    json.dump(tokenizer_json(), open(f"{d}/tokenizer/tokenizer.json", "w"), indent=1)
    json.dump(tokenizer_config(), open(f"{d}/tokenizer/tokenizer_config.json", "w"), indent=2)

    lrgb = fit_latent_rgb(enc, sf, a.fit_n)
    json.dump(lrgb, open(f"{d}/latent_rgb.json", "w"), indent=2)
    print(f"  latent_rgb fit r2 {lrgb['fit_r2']}")

    json.dump({
        "_class_name": "OnnxStableDiffusionPipeline",
        "_diffusers_version": "0.30.0",
        "feature_extractor": [None, None],
        "requires_safety_checker": False,
        "safety_checker": [None, None],
        "scheduler": ["diffusers", "DDIMScheduler"],
        "text_encoder": ["diffusers", "OnnxRuntimeModel"],
        "tokenizer": ["transformers", "PreTrainedTokenizerFast"],
        "unet": ["diffusers", "OnnxRuntimeModel"],
        "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "vae_encoder": ["diffusers", "OnnxRuntimeModel"],
        "latent_explorables": {
            "name": "pocket",
            "vae_scaling_factor": round(sf, 6),
            "vae_scale_factor": 4,
            "latent_channels": 4,
            "sample_size": 16,
            "image_size": 64,
            "text_max_length": scenes.TEXT_MAX_LENGTH,
            "text_hidden_size": 128,
            "timestep_dtype": "float32",
            "prediction_type": "epsilon",
            "tokenizer_type": "word-level",
            "word_map": "tokenizer/word_map.json",
            "latent_rgb": "latent_rgb.json",
            "vae_encoder_output": "posterior mean, unscaled (multiply by vae_scaling_factor)",
            "vae_decoder_input": "unscaled latents (divide denoised latents by vae_scaling_factor)",
            "vae_decoder_output_range": [-1, 1],
            "pooler_output": "final hidden state at position 0 ([BOS])",
            "unconditional_prompt": "",
            "special_token_ids": {"pad": 0, "unk": 1, "bos": 2, "eos": 3},
            "default_num_inference_steps": 20,
            "default_guidance_scale": 5.0,
            "onnx_opset": OPSET,
            "training": {"vae_steps": stats.get("vae_steps"), "unet_steps": stats.get("unet_steps"),
                         "train_scenes": stats.get("n_train"), "note": a.run_note},
        },
    }, open(f"{d}/model_index.json", "w"), indent=2)
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
    print(f"  folder {d}: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
