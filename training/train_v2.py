"""Pocket model v2: 128x128 scenes (scenes.py) on v1's latent space, warm-started from v1.

    python3 training/train_v2.py data    --work DIR [--n-train N --n-judge N]
    python3 training/train_v2.py decoder --work DIR [--budget S]      # v2 VAE decoder (encoder frozen)
    python3 training/train_v2.py judge   --work DIR [--budget S]      # judge on 128x128 renders
    python3 training/train_v2.py unet    --work DIR [--budget S] [--export-every S --export-root DIR]

v1's weights come from a v1 pocket folder (--v1, default the shipped assets/models/pocket, read with
onnx_weights.py) or from a v1 recipe's work folder (--v1-work DIR with vae.npz and gen_ema.npz: the
from-nothing recipe).  Every stage checkpoints into --work and resumes when re-run; a time budget
fixes the step count after a speed probe, so the learning-rate schedule still ends at its floor.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from multiprocessing import Pool

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scenes  # noqa: E402
import scenes_v1  # noqa: E402
import train as v1train  # noqa: E402
from models import TextEncoder, UNet, VAEDecoder, VAEEncoder  # noqa: E402
from models_v2 import JudgeV2, VAEDecoderV2, VAEEncoderV2  # noqa: E402
from train import Stepper, load_npz, log, lr_at, save_ckpt, save_npz  # noqa: E402
from v1_source import v1_models  # noqa: E402

NCAP = 4
JUDGE_SEED_BASE = 500_000_000
NEW_WORD_SEEDS = {"pink": ["red", "white"], "brown": ["orange", "black"], "grey": ["white", "black"]}
LABEL_LISTS = [scenes.ANIMALS, scenes.COLOURS, scenes.VEHICLES, scenes.COLOURS, scenes.PLACES, scenes.TIMES]


# ------------------------------------------------------------------------------------------- data
def _chunk(job):
    start, count, mode = job
    imgs = np.zeros((count, 128, 128, 3), np.uint8)
    labels = np.zeros((count, 6), np.int16)
    caps = np.zeros((count, NCAP, scenes.TEXT_MAX_LENGTH), np.int16)
    for i in range(count):
        seed = start + i
        a = scenes.sample_attrs(seed, heldout=(mode == "judge" and seed % 4 == 0))
        imgs[i] = np.asarray(scenes.render(a))
        labels[i] = [lst.index(a[k]) for lst, k in zip(LABEL_LISTS, ["animal", "animal_colour", "vehicle",
                                                                       "vehicle_colour", "place", "time"])]
        if mode == "gen":
            for k in range(NCAP):
                caps[i, k] = scenes.encode(scenes.caption(a, random.Random(seed * 131 + k)))
    return imgs, labels, caps


def render_set(start, n, mode, procs):
    t = time.time()
    step = max(1, min(1000, n // (procs * 4) or 1))
    jobs = [(start + s, min(step, n - s), mode) for s in range(0, n, step)]
    if procs > 1:
        with Pool(procs) as p:
            parts = p.map(_chunk, jobs)
    else:
        parts = [_chunk(j) for j in jobs]
    log(f"data[{mode}]: {n} scenes at 128x128 in {time.time() - t:.0f}s")
    return [np.concatenate([p[i] for p in parts]) for i in range(3)]


def to_unit(u8):
    return torch.from_numpy(u8).permute(0, 3, 1, 2).float() / 127.5 - 1.0


def cmd_data(args):
    path = os.path.join(args.work, "data.npz")
    jpath = os.path.join(args.work, "judge_data.npz")
    if os.path.exists(path) and os.path.exists(jpath):
        log("data: already there")
        return
    if not os.path.exists(path):
        imgs, labels, caps = render_set(scenes.TRAIN_SEED_BASE, args.n_train, "gen", args.procs)
        _, _, enc, _, sf = v1_models(args)
        enc2 = VAEEncoderV2(enc).eval()
        t = time.time()
        with torch.no_grad():
            lat = torch.cat([enc2(to_unit(imgs[i:i + 256]))[0] for i in range(0, len(imgs), 256)])
        log(f"data: latents {tuple(lat.shape)} in {time.time() - t:.0f}s, std {lat.std().item():.3f} (v1 scaling {sf})")
        np.savez(path + ".tmp.npz", imgs=imgs, labels=labels, caps=caps, lat=lat.numpy(), sf=np.float32(sf))
        os.replace(path + ".tmp.npz", path)
    jimgs, jlabels, _ = render_set(JUDGE_SEED_BASE, args.n_judge, "judge", args.procs)
    np.savez(jpath + ".tmp.npz", imgs=jimgs, labels=jlabels)
    os.replace(jpath + ".tmp.npz", jpath)


# ---------------------------------------------------------------------------------------- decoder
def cmd_decoder(args):
    d = np.load(os.path.join(args.work, "data.npz"))
    imgs, lat = d["imgs"], torch.from_numpy(d["lat"])
    dec = VAEDecoderV2(v1_models(args)[3])
    new = [p for n, p in dec.named_parameters() if not n.startswith("v1.")]
    old = [p for n, p in dec.named_parameters() if n.startswith("v1.")]
    opt = torch.optim.AdamW([{"params": new, "lr": args.lr}, {"params": old, "lr": args.lr * 0.25}],
                            weight_decay=0.0, betas=(0.9, 0.99))
    ck = os.path.join(args.work, "decoder_ckpt.pt")
    step, total = 0, args.steps
    if os.path.exists(ck):
        s = torch.load(ck)
        dec.load_state_dict(s["dec"]), opt.load_state_dict(s["opt"])
        step, total = s["step"], s["total"]
        log(f"decoder: resumed at step {step}/{total}")
    st = Stepper(total, args.budget if step == 0 else None, start_step=step)
    g = torch.Generator().manual_seed(77 + step)
    last, run, t0 = time.time(), None, time.time()
    while step < st.total:
        for i, grp in enumerate(opt.param_groups):
            grp["lr"] = lr_at(step, st.total, args.lr * (1 if i == 0 else 0.25), 50)
        idx = torch.randint(0, len(imgs), (args.batch,), generator=g)
        x = to_unit(imgs[idx.numpy()])
        z = lat[idx] + 0.03 * torch.randn(lat[idx].shape, generator=g)
        y = dec(z)
        loss = (y - x).abs().mean() + 2.0 * ((y - x) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(dec.parameters(), 1.0)
        opt.step()
        step += 1
        st.update(step)
        run = loss.item() if run is None else 0.97 * run + 0.03 * loss.item()
        if step % 20 == 0 or step == st.total:
            log(f"decoder step {step}/{st.total} loss {run:.4f} {time.time() - t0:.0f}s")
        if time.time() - last > args.save_every or step == st.total:
            save_ckpt(ck, {"dec": dec.state_dict(), "opt": opt.state_dict(), "step": step, "total": st.total})
            save_npz(os.path.join(args.work, "decoder_v2.npz"), dec=dec)
            last = time.time()
    log(f"decoder: done at step {step}")


# ------------------------------------------------------------------------------------------ judge
def cmd_judge(args):
    d = np.load(os.path.join(args.work, "judge_data.npz"))
    imgs, lab = d["imgs"], torch.from_numpy(d["labels"].astype(np.int64))
    m = JudgeV2()
    opt = torch.optim.AdamW(m.parameters(), lr=args.lr, weight_decay=1e-4)
    ck = os.path.join(args.work, "judge_ckpt.pt")
    step, total = 0, args.steps
    if os.path.exists(ck):
        s = torch.load(ck)
        m.load_state_dict(s["m"]), opt.load_state_dict(s["opt"])
        step, total = s["step"], s["total"]
    st = Stepper(total, args.budget if step == 0 else None, start_step=step)
    g = torch.Generator().manual_seed(99 + step)
    keys = list(JudgeV2.HEADS)
    last, run, t0 = time.time(), None, time.time()
    m.train()
    while step < st.total:
        for p in opt.param_groups:
            p["lr"] = lr_at(step, st.total, args.lr, 50)
        idx = torch.randint(0, len(imgs), (args.batch,), generator=g)
        x = v1train.judge_augment(to_unit(imgs[idx.numpy()]), g)
        _, out = m(x)
        loss = sum(F.cross_entropy(out[k], lab[idx, i]) for i, k in enumerate(keys))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        st.update(step)
        run = loss.item() if run is None else 0.97 * run + 0.03 * loss.item()
        if step % 20 == 0 or step == st.total:
            log(f"judge step {step}/{st.total} loss {run:.4f} {time.time() - t0:.0f}s")
        if time.time() - last > args.save_every or step == st.total:
            save_ckpt(ck, {"m": m.state_dict(), "opt": opt.state_dict(), "step": step, "total": st.total})
            save_npz(os.path.join(args.work, "judge_v2.npz"), judge=m)
            last = time.time()
    log(f"judge: done at step {step}")


if __name__ == "__main__":
    from train_v2_unet import cmd_unet  # noqa: E402  (its own file: the UNet stage and its exports)

    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["data", "decoder", "judge", "unet"])
    ap.add_argument("--work", default=os.path.join(HERE, ".cache", "v2", "work"))
    ap.add_argument("--v1", default=os.path.join(os.path.dirname(HERE), "assets", "models", "pocket"))
    ap.add_argument("--v1-work", default=None)
    ap.add_argument("--from-v2", default=None, help="continue a v2 model folder (e.g. the shipped "
                    "assets/models/pocket) instead of starting from v1")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--n-train", type=int, default=40_000)
    ap.add_argument("--n-judge", type=int, default=30_000)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--budget", type=float, default=None, help="seconds; fixes --steps after a speed probe")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--save-every", type=float, default=120.0)
    ap.add_argument("--cond-drop", type=float, default=0.1)
    ap.add_argument("--ema", type=float, default=0.998)
    ap.add_argument("--t-min", type=int, default=0, help="unet: smallest training timestep (a short CPU fine-tune "
                    "spends its steps where layout, identity and colour are decided; v1 already denoises details)")
    ap.add_argument("--export-every", type=float, default=0, help="seconds between candidate exports (unet)")
    ap.add_argument("--export-root", default=os.path.join(HERE, ".cache", "v2"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    v1train.LOGFILE = os.path.join(a.work, f"log_{a.cmd}.txt")
    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    log(f"v2 {a.cmd}, torch {torch.__version__}, args {vars(a)}")
    {"data": cmd_data, "decoder": cmd_decoder, "judge": cmd_judge, "unet": cmd_unet}[a.cmd](a)
