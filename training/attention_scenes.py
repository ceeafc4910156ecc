"""Writes the attention-in-mask fixture: scenes whose object masks are known, for the check that
the pocket UNet's cross-attention puts each word on its object (test/node/attention-in-mask.test.ts,
bench/attention-in-mask.ts).

    /usr/bin/python3 training/attention_scenes.py [N] [OUT_DIR]

Each scene: its picture (PNG, 128x128), its full caption, its attributes, and the animal and
vehicle masks (128x128 booleans packed 8 to a byte, row-major, most significant bit first, base64).
Seeds come from the held-out seed range, so none of these pictures was trained on (their
animal/colour/vehicle combinations are ordinary ones, so the words are all known)."""
import base64
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import scenes  # noqa: E402


def pack(mask: np.ndarray) -> str:
    return base64.b64encode(np.packbits(mask.astype(np.uint8).reshape(-1)).tobytes()).decode("ascii")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    out = sys.argv[2] if len(sys.argv) > 2 else "test/fixtures/attention-scenes"
    os.makedirs(out, exist_ok=True)
    items = []
    for i in range(n):
        seed = scenes.HELDOUT_SEED_BASE + 7000 + i
        attrs = scenes.sample_attrs(seed, heldout=False)
        picture = scenes.render(attrs, 128)
        masks = scenes.render_masks(attrs, 128)
        name = f"scene-{i:02d}.png"
        # RGBA: the library's own PNG reader (src/pipeline/image/png-decode.ts) reads 8-bit RGBA only.
        picture.convert("RGBA").save(os.path.join(out, name), optimize=True)
        items.append({
            "file": name,
            "caption": scenes.caption(attrs),
            "attrs": attrs,
            "masks": {part: pack(m) for part, m in masks.items()},
            "maskShare": {part: round(float(m.mean()), 6) for part, m in masks.items()},
        })
    with open(os.path.join(out, "scenes.json"), "w") as f:
        json.dump({"note": "written by training/attention_scenes.py; masks: 128x128 bits, row-major, MSB first, base64",
                   "size": 128, "scenes": items}, f, indent=1)
    print(f"{n} scenes in {out}")


if __name__ == "__main__":
    main()
