"""DDIM sampling with classifier-free guidance, matching scheduler/scheduler_config.json
(diffusers DDIMScheduler: scaled_linear betas, timestep_spacing 'leading', steps_offset 1,
set_alpha_to_one false, eta 0, epsilon prediction, no clipping)."""
from __future__ import annotations

import numpy as np
import torch

import scenes
from models import alphas_cumprod, ddim_timesteps


@torch.no_grad()
def ddim(unet, te, dec, prompts, guidance: float, steps: int = 20, sf: float = 1.0, noise=None,
         device="cpu", autocast=None):
    ac = alphas_cumprod().float()
    b = len(prompts)
    ids = torch.tensor([scenes.encode(p) for p in prompts], device=device)
    empty = torch.tensor([scenes.encode("")] * b, device=device)
    ctx = torch.cat([te(empty)[0], te(ids)[0]]).float()
    x = noise.to(device) if noise is not None else torch.randn(b, 4, 16, 16, device=device)
    ts = ddim_timesteps(steps)
    ratio = 1000 // steps
    for t in ts:
        tt = torch.full((2 * b,), float(t), device=device)
        if autocast is not None:
            with autocast:
                e = unet(torch.cat([x, x]), tt, ctx).float()
        else:
            e = unet(torch.cat([x, x]), tt, ctx)
        eu, ec = e[:b], e[b:]
        eps = eu + guidance * (ec - eu)
        a_t = ac[t].item()
        prev = t - ratio
        a_p = ac[prev].item() if prev >= 0 else ac[0].item()
        x0 = (x - (1 - a_t) ** 0.5 * eps) / a_t ** 0.5
        x = a_p ** 0.5 * x0 + (1 - a_p) ** 0.5 * eps
    img = dec(x / sf).float().clamp(-1, 1)
    return img


def to_uint8(img):
    return ((img.permute(0, 2, 3, 1).cpu().numpy() + 1) * 127.5).round().clip(0, 255).astype(np.uint8)
