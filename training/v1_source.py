"""v1's four models for the v2 stages (warm start, frozen encoder): from the shipped ONNX folder
(`--v1`) or from a v1 training work folder (`--v1-work`).  Apart from train_v2.py so that the
stages and the export can share it without importing each other."""
from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import scenes_v1  # noqa: E402
from models import TextEncoder, UNet, VAEDecoder, VAEEncoder  # noqa: E402
from train import load_npz  # noqa: E402


def v1_models(args):
    """(text encoder, unet, vae encoder, vae decoder) of v1, from ONNX or from a v1 work folder.

    With `--from-v2 DIR` (continuing a shipped v2 model): the text encoder and UNet are v2's (the text
    encoder already has v2's vocabulary) and the VAE modules are the v1 cores inside v2's, so the v2
    stages wrap them exactly as they wrap v1's."""
    if getattr(args, "from_v2", None):
        from onnx_weights import load_pocket_v2
        te, un, enc, dec = load_pocket_v2(args.from_v2)
        sf = json.load(open(os.path.join(args.from_v2, "model_index.json")))["latent_explorables"]["vae_scaling_factor"]
        return te, un, enc.v1, dec.v1, sf
    if args.v1_work:
        te = TextEncoder(len(scenes_v1.VOCAB), scenes_v1.TEXT_MAX_LENGTH)
        un, enc, dec = UNet(), VAEEncoder(), VAEDecoder()
        load_npz(os.path.join(args.v1_work, "gen_ema.npz"), te=te, unet=un)
        load_npz(os.path.join(args.v1_work, "vae.npz"), enc=enc, dec=dec)
        sf = json.load(open(os.path.join(args.v1_work, "stats.json")))["vae_scaling_factor"]
        return te.eval(), un.eval(), enc.eval(), dec.eval(), sf
    from onnx_weights import load_pocket_v1
    te, un, enc, dec = load_pocket_v1(args.v1)
    sf = json.load(open(os.path.join(args.v1, "model_index.json")))["latent_explorables"]["vae_scaling_factor"]
    return te, un, enc, dec, sf
