"""Trains the pocket model: data -> VAE -> latents -> text encoder + UNet (jointly), and the judge.

    python3 training/train.py gen   --work DIR [--device cuda] [--smoke] [--vae-steps N --unet-steps N]
    python3 training/train.py judge --work DIR [--device cuda] [--smoke] [--judge-steps N]

Every stage checkpoints into --work (weights + optimiser + step) every --save-every seconds and
resumes from there when re-run.  Final weights are written as .npz (plain float32 arrays), which is
what export.py reads.  With --time-budget the step counts become "whatever fits": the number of steps
is fixed after a short speed probe so that the learning-rate schedule still ends at zero, and the
count actually used is recorded in stats.json (the CPU recipe uses the same counts).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from multiprocessing import Pool

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenes_v1 as scenes  # noqa: E402  (v1 recipe; v2 is train_v2.py)
from models import (TextEncoder, UNet, VAEDecoder, VAEEncoder, Judge, alphas_cumprod,  # noqa: E402
                    count_params)

NCAP = 4
JUDGE_SEED_BASE = 500_000_000


def log(*a):
    msg = time.strftime("%H:%M:%S ") + " ".join(str(x) for x in a)
    print(msg, flush=True)
    if LOGFILE:
        with open(LOGFILE, "a") as f:
            f.write(msg + "\n")


LOGFILE = None


# ------------------------------------------------------------------------------------------- data
def _gen_chunk(args):
    start, count, mode = args
    imgs = np.zeros((count, 64, 64, 3), np.uint8)
    labels = np.zeros((count, 6), np.int16)
    caps = np.zeros((count, NCAP, scenes.TEXT_MAX_LENGTH), np.int16)
    for i in range(count):
        seed = start + i
        heldout = (mode == "judge" and seed % 4 == 0)
        a = scenes.sample_attrs(seed, heldout)
        imgs[i] = np.asarray(scenes.render(a))
        labels[i] = [scenes.ANIMALS.index(a["animal"]), scenes.COLOURS.index(a["animal_colour"]),
                     scenes.VEHICLES.index(a["vehicle"]), scenes.COLOURS.index(a["vehicle_colour"]),
                     scenes.PLACES.index(a["place"]), scenes.TIMES.index(a["time"])]
        if mode == "gen":
            for k in range(NCAP):
                caps[i, k] = scenes.encode(scenes.caption(a, random.Random(seed * 131 + k)))
    return imgs, labels, caps


def make_data(start: int, n: int, mode: str, procs: int, cache: str | None):
    if cache and os.path.exists(cache):
        d = np.load(cache)
        if len(d["imgs"]) == n:
            return d["imgs"], d["labels"], d["caps"]
    t = time.time()
    chunk = max(1, min(2000, n // (procs * 4) or 1))
    jobs = [(start + s, min(chunk, n - s), mode) for s in range(0, n, chunk)]
    if procs > 1:
        with Pool(procs) as p:
            parts = p.map(_gen_chunk, jobs)
    else:
        parts = [_gen_chunk(j) for j in jobs]
    imgs = np.concatenate([p[0] for p in parts])
    labels = np.concatenate([p[1] for p in parts])
    caps = np.concatenate([p[2] for p in parts])
    log(f"data[{mode}]: {n} scenes from seed {start} in {time.time() - t:.1f}s")
    if cache:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        np.savez(cache + ".tmp.npz", imgs=imgs, labels=labels, caps=caps)
        os.replace(cache + ".tmp.npz", cache)
    return imgs, labels, caps


# ------------------------------------------------------------------------------------------ utils
def save_npz(path: str, **modules):
    arrs = {}
    for name, m in modules.items():
        sd = m if isinstance(m, dict) else m.state_dict()
        for k, v in sd.items():
            arrs[f"{name}.{k}"] = v.detach().float().cpu().numpy() if v.dtype.is_floating_point else v.cpu().numpy()
    tmp = path + ".tmp.npz"
    np.savez(tmp, **arrs)
    os.replace(tmp, path)


def load_npz(path: str, **modules):
    d = np.load(path)
    for name, m in modules.items():
        sd = {k[len(name) + 1:]: torch.from_numpy(np.array(d[k])) for k in d.files if k.startswith(name + ".")}
        m.load_state_dict(sd)


def save_ckpt(path, obj):
    torch.save(obj, path + ".tmp")
    os.replace(path + ".tmp", path)


def lr_at(step, total, base, warm):
    if step < warm:
        return base * (step + 1) / warm
    p = min(1.0, (step - warm) / max(1, total - warm))
    return base * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * p)))


class Stepper:
    """Fixed step count, or (time budget) a count fixed after a speed probe of `probe` steps."""

    def __init__(self, steps: int, budget: float | None, probe: int = 40, start_step: int = 0):
        self.total, self.budget, self.probe = steps, budget, probe
        self.t0 = time.time()
        self.start = start_step
        self.fixed = budget is None

    def update(self, step):
        if not self.fixed and step - self.start == 10:
            self.t1 = time.time()
        if not self.fixed and step - self.start == 10 + self.probe:
            rate = (time.time() - self.t1) / self.probe
            left = self.budget - (time.time() - self.t0)
            self.total = step + max(1, int(left / rate))
            self.fixed = True
            log(f"  speed probe: {1 / rate:.2f} it/s -> {self.total} steps")


def autocast(device):
    if device.startswith("cuda"):
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return torch.autocast(device_type="cpu", enabled=False)


def batch_images(imgs_u8, idx, device):
    x = imgs_u8[idx].to(device, non_blocking=True).permute(0, 3, 1, 2).float() / 127.5 - 1.0
    return x.contiguous(memory_format=torch.channels_last)


# -------------------------------------------------------------------------------------------- VAE
def train_vae(args, imgs_u8, device):
    ck = os.path.join(args.work, "vae_ckpt.pt")
    enc, dec = VAEEncoder().to(device), VAEDecoder().to(device)
    enc, dec = enc.to(memory_format=torch.channels_last), dec.to(memory_format=torch.channels_last)
    params = list(enc.parameters()) + list(dec.parameters())
    opt = torch.optim.AdamW(params, lr=args.vae_lr, weight_decay=0.0, betas=(0.9, 0.99))
    step, stats = 0, {}
    if os.path.exists(ck):
        s = torch.load(ck, map_location=device)
        enc.load_state_dict(s["enc"]), dec.load_state_dict(s["dec"]), opt.load_state_dict(s["opt"])
        step, stats = s["step"], s.get("stats", {})
        log(f"vae: resumed at step {step}")
    total = stats.get("vae_steps", args.vae_steps)
    st = Stepper(total, None if "vae_steps" in stats else args.vae_budget, start_step=step)
    log(f"vae: enc {count_params(enc)} dec {count_params(dec)} params, batch {args.vae_batch}")
    n = len(imgs_u8)
    last_save, t0, run = time.time(), time.time(), 0.0
    g = torch.Generator().manual_seed(1234 + step)
    while step < st.total:
        for p in opt.param_groups:
            p["lr"] = lr_at(step, st.total, args.vae_lr, 200 if not args.smoke else 1)
        idx = torch.randint(0, n, (args.vae_batch,), generator=g)
        x = batch_images(imgs_u8, idx, device)
        if step % 2:
            x = x.flip(3)
        with autocast(device):
            mean, logvar = enc(x)
            z = mean + torch.exp(0.5 * logvar) * torch.randn_like(mean)
            y = dec(z)
        y = y.float()
        mean, logvar = mean.float(), logvar.float()
        rec = (y - x).abs().mean() + 2.0 * ((y - x) ** 2).mean()
        kl = 0.5 * (mean ** 2 + logvar.exp() - 1 - logvar).mean()
        loss = rec + args.vae_kl * kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        st.update(step)
        run = 0.98 * run + 0.02 * rec.item() if step > 1 else rec.item()
        if step % 100 == 0 or step == st.total:
            log(f"vae step {step}/{st.total} rec {run:.4f} kl {kl.item():.3f} lr {opt.param_groups[0]['lr']:.2e} "
                f"{(time.time() - t0):.0f}s")
        if time.time() - last_save > args.save_every or step == st.total:
            stats["vae_steps"] = st.total if st.fixed else total
            save_ckpt(ck, {"enc": enc.state_dict(), "dec": dec.state_dict(), "opt": opt.state_dict(),
                           "step": step, "stats": stats})
            last_save = time.time()
    stats["vae_steps"] = st.total
    stats["vae_final_rec"] = run
    return enc.eval(), dec.eval(), stats


@torch.no_grad()
def encode_all(enc, imgs_u8, device, bs=1024):
    out = []
    for i in range(0, len(imgs_u8), bs):
        x = batch_images(imgs_u8, torch.arange(i, min(i + bs, len(imgs_u8))), device)
        with autocast(device):
            m, _ = enc(x)
        out.append(m.float())
    return torch.cat(out)


# ------------------------------------------------------------------------------------------- UNet
def train_gen(args, lat, caps, device, stats):
    """lat: scaled latents [N,4,16,16] on device; caps: [N,NCAP,L] int64 on device."""
    ck = os.path.join(args.work, "gen_ckpt.pt")
    te = TextEncoder(len(scenes.VOCAB), scenes.TEXT_MAX_LENGTH).to(device)
    unet = UNet().to(device).to(memory_format=torch.channels_last)
    params = list(te.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, lr=args.unet_lr, weight_decay=0.01, betas=(0.9, 0.99))
    ema_te = {k: v.detach().clone().float() for k, v in te.state_dict().items()}
    ema_un = {k: v.detach().clone().float() for k, v in unet.state_dict().items()}
    step = 0
    if os.path.exists(ck):
        s = torch.load(ck, map_location=device)
        te.load_state_dict(s["te"]), unet.load_state_dict(s["unet"]), opt.load_state_dict(s["opt"])
        ema_te, ema_un, step = s["ema_te"], s["ema_un"], s["step"]
        stats.update(s.get("stats", {}))
        log(f"gen: resumed at step {step}")
    total = stats.get("unet_steps", args.unet_steps)
    st = Stepper(total, None if "unet_steps" in stats else args.unet_budget, start_step=step)
    log(f"gen: text encoder {count_params(te)} unet {count_params(unet)} params, batch {args.unet_batch}")
    ac = alphas_cumprod().float().to(device)
    snr = ac / (1 - ac)
    wt = torch.clamp(snr, max=5.0) / snr          # min-SNR-5 weighting for epsilon prediction
    empty = torch.tensor(scenes.encode(""), device=device)
    n = len(lat)
    g = torch.Generator(device=device).manual_seed(4321 + step)
    last_save, t0, run = time.time(), time.time(), None
    te_keys = [k for k, v in te.state_dict().items() if v.dtype.is_floating_point]
    un_keys = [k for k, v in unet.state_dict().items() if v.dtype.is_floating_point]

    def dump():
        save_npz(os.path.join(args.out, "gen_ema.npz"), te=ema_te, unet=ema_un)
        save_npz(os.path.join(args.work, "gen_raw.npz"), te=te, unet=unet)
        with open(os.path.join(args.out, "stats.json"), "w") as f:
            json.dump(stats, f, indent=1)

    while step < st.total:
        for p in opt.param_groups:
            p["lr"] = lr_at(step, st.total, args.unet_lr, 300 if not args.smoke else 1)
        b = args.unet_batch
        idx = torch.randint(0, n, (b,), device=device, generator=g)
        z0 = lat[idx]
        ids = caps[idx, torch.randint(0, NCAP, (b,), device=device, generator=g)]
        drop = torch.rand(b, device=device, generator=g) < args.cond_drop
        ids = torch.where(drop[:, None], empty[None], ids)
        t = torch.randint(0, 1000, (b,), device=device, generator=g)
        noise = torch.randn(z0.shape, device=device, generator=g)
        noise = noise + args.offset_noise * torch.randn((b, 4, 1, 1), device=device, generator=g)
        a = ac[t][:, None, None, None]
        zt = (a.sqrt() * z0 + (1 - a).sqrt() * noise).contiguous(memory_format=torch.channels_last)
        with autocast(device):
            ctx, _ = te(ids)
            pred = unet(zt, t.float(), ctx)
        per = ((pred.float() - noise) ** 2).mean(dim=(1, 2, 3))
        loss = (per * wt[t]).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        st.update(step)
        d = min(args.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            sd_te, sd_un = te.state_dict(), unet.state_dict()
            for k in te_keys:
                ema_te[k].mul_(d).add_(sd_te[k].float(), alpha=1 - d)
            for k in un_keys:
                ema_un[k].mul_(d).add_(sd_un[k].float(), alpha=1 - d)
        run = per.mean().item() if run is None else 0.98 * run + 0.02 * per.mean().item()
        if step % 200 == 0 or step == st.total or (args.smoke and step % 2 == 0):
            log(f"gen step {step}/{st.total} mse {run:.4f} lr {opt.param_groups[0]['lr']:.2e} {(time.time() - t0):.0f}s")
        if time.time() - last_save > args.save_every or step == st.total:
            stats["unet_steps"] = st.total if st.fixed else total
            stats["unet_final_mse"] = run
            save_ckpt(ck, {"te": te.state_dict(), "unet": unet.state_dict(), "opt": opt.state_dict(),
                           "ema_te": ema_te, "ema_un": ema_un, "step": step, "stats": stats})
            dump()
            last_save = time.time()
    stats["unet_steps"] = st.total
    stats["unet_final_mse"] = run
    dump()


def cmd_gen(args):
    device = args.device
    t_start = time.time()
    imgs, _, caps = make_data(scenes.TRAIN_SEED_BASE, args.n_train, "gen", args.procs,
                              os.path.join(args.work, "gen_data.npz") if args.cache_data else None)
    imgs_t = torch.from_numpy(imgs)
    if device.startswith("cuda"):
        imgs_t = imgs_t.to(device)
    vae_npz = os.path.join(args.out, "vae.npz")
    stats_path = os.path.join(args.out, "stats.json")
    stats = json.load(open(stats_path)) if os.path.exists(stats_path) else {}
    if os.path.exists(vae_npz) and "vae_scaling_factor" in stats:
        enc, dec = VAEEncoder().to(device), VAEDecoder().to(device)
        load_npz(vae_npz, enc=enc, dec=dec)
        enc, dec = enc.eval(), dec.eval()
        log("vae: loaded finished weights")
    else:
        enc, dec, st = train_vae(args, imgs_t, device)
        stats.update(st)
        save_npz(vae_npz, enc=enc, dec=dec)
    lat = encode_all(enc, imgs_t, device)
    sf = 1.0 / lat.std().item()
    stats.setdefault("vae_scaling_factor", sf)
    sf = stats["vae_scaling_factor"]
    stats["latent_mean"] = lat.mean().item()
    stats["n_train"] = args.n_train
    log(f"latents {tuple(lat.shape)} std {1 / sf:.4f} -> scaling factor {sf:.5f} ({time.time() - t_start:.0f}s)")
    with open(stats_path, "w") as f:
        json.dump(stats, f, indent=1)
    del imgs_t
    lat = (lat * sf).contiguous()
    caps_t = torch.from_numpy(caps.astype(np.int64)).to(device)
    train_gen(args, lat, caps_t, device, stats)
    log(f"gen: done in {time.time() - t_start:.0f}s")


# ------------------------------------------------------------------------------------------ judge
def judge_augment(x, g):
    """Renderer images only; blur and noise so the judge tolerates soft decoder outputs."""
    b = x.shape[0]
    blur = F.avg_pool2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), 3, stride=1)
    a = torch.rand(b, 1, 1, 1, device=x.device, generator=g) * 0.8
    x = x * (1 - a) + blur * a
    s = torch.rand(b, 1, 1, 1, device=x.device, generator=g) * 0.06
    return x + s * torch.randn(x.shape, device=x.device, generator=g)


def cmd_judge(args):
    device = args.device
    t_start = time.time()
    imgs, labels, _ = make_data(JUDGE_SEED_BASE, args.n_judge, "judge", args.procs,
                                os.path.join(args.work, "judge_data.npz") if args.cache_data else None)
    imgs_t = torch.from_numpy(imgs)
    lab = torch.from_numpy(labels.astype(np.int64))
    if device.startswith("cuda"):
        imgs_t, lab = imgs_t.to(device), lab.to(device)
    ck = os.path.join(args.work, "judge_ckpt.pt")
    m = Judge().to(device).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(m.parameters(), lr=args.judge_lr, weight_decay=1e-4)
    step, total = 0, args.judge_steps
    if os.path.exists(ck):
        s = torch.load(ck, map_location=device)
        m.load_state_dict(s["m"]), opt.load_state_dict(s["opt"])
        step, total = s["step"], s["total"]
    st = Stepper(total, args.judge_budget if step == 0 else None, start_step=step)
    g = torch.Generator(device=device).manual_seed(99 + step)
    keys = list(Judge.HEADS)
    last_save, run = time.time(), None
    m.train()
    while step < st.total:
        for p in opt.param_groups:
            p["lr"] = lr_at(step, st.total, args.judge_lr, 100 if not args.smoke else 1)
        idx = torch.randint(0, len(imgs_t), (args.judge_batch,), device=imgs_t.device, generator=None)
        x = batch_images(imgs_t, idx, device)
        x = judge_augment(x, g)
        y = lab[idx].to(device)
        with autocast(device):
            _, out = m(x)
        loss = sum(F.cross_entropy(out[k].float(), y[:, i]) for i, k in enumerate(keys))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        st.update(step)
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        if step % 200 == 0 or step == st.total:
            log(f"judge step {step}/{st.total} loss {run:.4f} {(time.time() - t_start):.0f}s")
        if time.time() - last_save > args.save_every or step == st.total:
            save_ckpt(ck, {"m": m.state_dict(), "opt": opt.state_dict(), "step": step, "total": st.total})
            save_npz(os.path.join(args.out, "judge.npz"), judge=m)
            last_save = time.time()
    save_npz(os.path.join(args.out, "judge.npz"), judge=m)
    log(f"judge: done, {st.total} steps in {time.time() - t_start:.0f}s")


def main():
    global LOGFILE
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["gen", "judge", "data"])
    ap.add_argument("--work", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache", "work"))
    ap.add_argument("--out", default=None, help="where final .npz weights go (default: --work)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--procs", type=int, default=max(1, min(16, os.cpu_count() or 1)))
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--cache-data", type=int, default=1)
    ap.add_argument("--n-train", type=int, default=200_000)
    ap.add_argument("--n-judge", type=int, default=100_000)
    ap.add_argument("--vae-steps", type=int, default=6000)
    ap.add_argument("--vae-budget", type=float, default=None, help="seconds; overrides --vae-steps")
    ap.add_argument("--vae-batch", type=int, default=128)
    ap.add_argument("--vae-lr", type=float, default=1e-3)
    ap.add_argument("--vae-kl", type=float, default=1e-4)
    ap.add_argument("--unet-steps", type=int, default=8000)
    ap.add_argument("--unet-budget", type=float, default=None)
    ap.add_argument("--unet-batch", type=int, default=512)
    ap.add_argument("--unet-lr", type=float, default=1e-3)
    ap.add_argument("--cond-drop", type=float, default=0.1)
    ap.add_argument("--offset-noise", type=float, default=0.05)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--judge-steps", type=int, default=3000)
    ap.add_argument("--judge-budget", type=float, default=None)
    ap.add_argument("--judge-batch", type=int, default=256)
    ap.add_argument("--judge-lr", type=float, default=2e-3)
    ap.add_argument("--save-every", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.smoke:
        args.n_train, args.n_judge = min(args.n_train, 256), min(args.n_judge, 256)
        args.vae_steps, args.unet_steps, args.judge_steps = 4, 4, 4
        args.vae_batch, args.unet_batch, args.judge_batch = 8, 16, 16
        args.vae_budget = args.unet_budget = args.judge_budget = None
    args.out = args.out or args.work
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    LOGFILE = os.path.join(args.out, f"log_{args.cmd}.txt")
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    if args.device.startswith("cuda"):
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    log(f"{args.cmd} on {args.device}, torch {torch.__version__}, args {vars(args)}")
    if args.cmd == "gen":
        cmd_gen(args)
    elif args.cmd == "judge":
        cmd_judge(args)
    else:
        make_data(scenes.TRAIN_SEED_BASE, args.n_train, "gen", args.procs, os.path.join(args.work, "gen_data.npz"))


if __name__ == "__main__":
    main()
