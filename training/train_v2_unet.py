"""The v2 UNet stage (train_v2.py unet): v1's text encoder + UNet, fine-tuned on v2 scene latents.

Same architecture as v1, warm-started from v1's weights (the text encoder's token table grows by the
new colour words).  Writes unet_ema.npz every --save-every seconds and, with --export-every, exports a
candidate model folder to <export-root>/export-<step> (never into assets/), so a run that is stopped
always has a recent candidate to evaluate.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scenes  # noqa: E402
import scenes_v1  # noqa: E402
from models import TextEncoder, alphas_cumprod  # noqa: E402
from models_v2 import expand_text_embeddings  # noqa: E402
from train import log, lr_at, save_ckpt, save_npz  # noqa: E402

NCAP = 4


def export_candidate(args, v1, te_ema, un_ema, step, stats):
    import export_v2
    from models import UNet
    te, un = TextEncoder(len(scenes.VOCAB), scenes.TEXT_MAX_LENGTH), UNet()
    te.load_state_dict(te_ema), un.load_state_dict(un_ema)
    dec = export_v2.VAEDecoderV2(v1[3])
    dp = os.path.join(args.work, "decoder_v2.npz")
    if os.path.exists(dp):
        from train import load_npz
        load_npz(dp, dec=dec)
    dest = os.path.join(args.export_root, f"export-{step}")
    t = time.time()
    export_v2.export_folder(te.eval(), un.eval(), export_v2.VAEEncoderV2(v1[2]).eval(), dec.eval(), v1[4], dest,
                            note=(f"CPU fine-tune continued from {args.from_v2}, UNet step {step} of the continuation" if args.from_v2
                                  else f"CPU fine-tune from v1, UNet step {step}") + ("" if os.path.exists(dp) else
                                                                              ", decoder not yet trained"),
                            stats={**stats, "unet_steps_done": step, "decoder_trained": os.path.exists(dp)})
    wm = os.path.join(args.work, "word_map.json")
    if not os.path.exists(wm):
        glove = os.path.join(HERE, ".cache", "glove")
        subprocess.run([sys.executable, os.path.join(HERE, "word_map.py"), glove, wm], check=True)
    shutil.copy(wm, os.path.join(dest, "tokenizer", "word_map.json"))
    log(f"exported candidate {dest} in {time.time() - t:.0f}s")


def cmd_unet(args):
    from v1_source import v1_models
    d = np.load(os.path.join(args.work, "data.npz"))
    v1 = v1_models(args)
    sf = float(v1[4])
    lat = torch.from_numpy(d["lat"]) * sf
    caps = torch.from_numpy(d["caps"].astype(np.int64))
    te = TextEncoder(len(scenes.VOCAB), scenes.TEXT_MAX_LENGTH)
    if args.from_v2:
        # Continuing a v2 model: its text encoder already knows v2's words, and its trained decoder
        # goes into the work folder so that the candidates export with it.
        te.load_state_dict(v1[0].state_dict())
        dp = os.path.join(args.work, "decoder_v2.npz")
        if not os.path.exists(dp):
            from onnx_weights import load_pocket_v2
            save_npz(dp, dec=load_pocket_v2(args.from_v2)[3])
    else:
        te.load_state_dict(expand_text_embeddings(v1[0].state_dict(), scenes_v1.VOCAB, scenes.VOCAB,
                                                  {"pink": ["red", "white"], "brown": ["orange", "black"],
                                                   "grey": ["white", "black"]}))
    unet = v1[1].train()
    te.train()
    params = list(te.parameters()) + list(unet.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01, betas=(0.9, 0.99))
    ema_te = {k: v.detach().clone().float() for k, v in te.state_dict().items()}
    ema_un = {k: v.detach().clone().float() for k, v in unet.state_dict().items()}
    ck = os.path.join(args.work, "unet_ckpt.pt")
    step, spent = 0, 0.0
    if os.path.exists(ck):
        s = torch.load(ck)
        te.load_state_dict(s["te"]), unet.load_state_dict(s["unet"]), opt.load_state_dict(s["opt"])
        ema_te, ema_un, step, spent = s["ema_te"], s["ema_un"], s["step"], s.get("spent", 0.0)
        log(f"unet: resumed at step {step}, {spent:.0f}s of the budget spent")
    # With a time budget the schedule runs on the clock (on a shared CPU the speed changes by the
    # minute): the learning rate follows the fraction of the budget spent, and training stops when it
    # is spent, so the run ends on time with its schedule finished.  Without one, --steps steps.
    budget = args.budget
    clock0 = time.time() - spent

    def progress():
        return (time.time() - clock0) / budget if budget else step / args.steps
    ac = alphas_cumprod().float()
    snr = ac / (1 - ac)
    wt = torch.clamp(snr, max=5.0) / snr
    empty = torch.tensor(scenes.encode(""))
    g = torch.Generator().manual_seed(4321 + step)
    stats = {"n_train": len(lat), "batch": args.batch, "lr": args.lr, "vae_scaling_factor": sf, "budget_s": budget}
    last_save = last_export = t0 = time.time()
    step0 = step
    run = None

    def save():
        save_ckpt(ck, {"te": te.state_dict(), "unet": unet.state_dict(), "opt": opt.state_dict(),
                       "ema_te": ema_te, "ema_un": ema_un, "step": step, "spent": time.time() - clock0})
        save_npz(os.path.join(args.work, "unet_ema.npz"), te=ema_te, unet=ema_un)
        json.dump({**stats, "unet_steps_done": step, "seconds": round(time.time() - clock0), "mse": run},
                  open(os.path.join(args.work, "unet_stats.json"), "w"), indent=1)

    log(f"unet: {len(lat)} latents, batch {args.batch}, lr {args.lr}")
    while progress() < 1.0:
        for p in opt.param_groups:
            p["lr"] = lr_at(int(progress() * 100_000), 100_000, args.lr, 1000) if step >= 20 else args.lr * (step + 1) / 20
        b = args.batch
        idx = torch.randint(0, len(lat), (b,), generator=g)
        z0 = lat[idx]
        ids = caps[idx, torch.randint(0, NCAP, (b,), generator=g)]
        drop = torch.rand(b, generator=g) < args.cond_drop
        ids = torch.where(drop[:, None], empty[None], ids)
        t = torch.randint(args.t_min, 1000, (b,), generator=g)
        noise = torch.randn(z0.shape, generator=g) + 0.05 * torch.randn((b, 4, 1, 1), generator=g)
        a = ac[t][:, None, None, None]
        zt = a.sqrt() * z0 + (1 - a).sqrt() * noise
        ctx, _ = te(ids)
        pred = unet(zt, t.float(), ctx)
        per = ((pred - noise) ** 2).mean(dim=(1, 2, 3))
        loss = (per * wt[t]).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        dcy = min(args.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            for ema, mod in ((ema_te, te), (ema_un, unet)):
                for k, v in mod.state_dict().items():
                    if v.dtype.is_floating_point:
                        ema[k].mul_(dcy).add_(v.float(), alpha=1 - dcy)
        run = per.mean().item() if run is None else 0.98 * run + 0.02 * per.mean().item()
        if step % 10 == 0:
            log(f"unet step {step} ({100 * progress():.1f} % of the schedule) mse {run:.4f} "
                f"lr {opt.param_groups[0]['lr']:.2e} {time.time() - t0:.0f}s, {(step - step0) / (time.time() - t0):.3f} it/s")
        if time.time() - last_save > args.save_every:
            save()
            last_save = time.time()
        if args.export_every and time.time() - last_export > args.export_every and progress() < 0.97:
            save()
            export_candidate(args, v1, ema_te, ema_un, step, stats)
            last_export = time.time()
    save()
    if args.export_every:
        export_candidate(args, v1, ema_te, ema_un, step, stats)
    log(f"unet: done at step {step}")
