"""Procedural cartoon scenes with captions, for the pocket model v2 (v1's are in scenes_v1.py).

Everything is a pure function of an integer seed: `sample_attrs(seed)` draws the scene's
attributes, `render(attrs)` draws a 128x128 RGB image with PIL, `render_masks(attrs)` the animal's
and the vehicle's pixels, and `caption(attrs, rng)` writes the caption.  v2 draws the animal large
(at least a third of the picture's width) with what identifies it (wool and a dark face, snout and
ears, beak), and follows how people speak about colour: half the scenes show the animal (and,
independently, the vehicle) in its usual colour, and a caption may leave a usual colour unsaid but
always names an unusual one, so "a sheep" means a white sheep.  Train and held-out sets are split by seed range, and a fixed 1/16 of the
(animal, animal colour, vehicle, vehicle colour) combinations never appear in training at all, so
held-out evaluation also tests composition.
"""
from __future__ import annotations

import random

from PIL import Image, ImageDraw

from scene_drawing import RGB, K, Pen, _animal, _background, _jit, _mix, _vehicle

ANIMALS = ["sheep", "cat", "dog", "pig", "duck"]
VEHICLES = ["motorcycle", "bicycle", "car", "truck", "skateboard"]
COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "white", "black", "pink", "brown", "grey"]
V1_COLOURS = COLOURS[:8]
# What a caption that names no colour means.  The first is the most usual.
USUAL = {
    "sheep": ["white"], "pig": ["pink"], "duck": ["yellow", "white"], "cat": ["orange", "black", "grey", "white"],
    "dog": ["brown", "black", "white"],
    "motorcycle": ["black", "red"], "bicycle": ["red", "blue", "black"], "car": ["red", "blue", "white", "grey"],
    "truck": ["white", "red", "blue"], "skateboard": ["brown", "red", "black"],
}
P_USUAL = 0.5
PLACES = ["road", "beach", "field", "snow", "desert", "city"]
TIMES = ["day", "sunset", "night"]

PLACE_PHRASE = {
    "road": "on a road", "beach": "on a beach", "field": "in a field",
    "snow": "in the snow", "desert": "in a desert", "city": "in a city",
}
TIME_PHRASE = {"day": "during the day", "sunset": "at sunset", "night": "at night"}
VERB = {"motorcycle": "riding", "bicycle": "riding", "skateboard": "riding", "car": "driving", "truck": "driving"}


SPECIAL = ["[PAD]", "[UNK]", "[BOS]", "[EOS]"]
FUNCTION_WORDS = ["a", "an", "the", "on", "in", "at", "during", "riding", "driving"]
# v1's vocabulary, then the new colour words: v1's token ids stay valid (warm start of the text encoder).
VOCAB = SPECIAL + FUNCTION_WORDS + ANIMALS + VEHICLES + V1_COLOURS + PLACES + TIMES + COLOURS[8:]
TEXT_MAX_LENGTH = 16

TRAIN_SEED_BASE = 0            # train seeds: [0, 1e9)
HELDOUT_SEED_BASE = 1_000_000_000  # held-out seeds: [1e9, ...)


def combo_heldout(a: int, ac: int, v: int, vc: int) -> bool:
    """A fixed 1/16 of animal/colour/vehicle/colour combinations is never shown in training; a
    combination where both colours are usual ones (what an uncoloured caption means) is always seen."""
    if COLOURS[ac] in USUAL[ANIMALS[a]] and COLOURS[vc] in USUAL[VEHICLES[v]]:
        return False
    h = (a * 73856093) ^ (ac * 19349663) ^ (v * 83492791) ^ (vc * 2654435761)
    return (h % 1000003) % 16 == 5


def _colour(rng: random.Random, thing: str) -> int:
    if rng.random() < P_USUAL:
        return COLOURS.index(rng.choice(USUAL[thing]))
    return rng.randrange(len(COLOURS))


def is_usual(thing: str, colour: str) -> bool:
    return colour in USUAL[thing]


def sample_attrs(seed: int, heldout: bool = False) -> dict:
    rng = random.Random(seed * 2 + 1)
    while True:
        a, v = rng.randrange(len(ANIMALS)), rng.randrange(len(VEHICLES))
        ac, vc = _colour(rng, ANIMALS[a]), _colour(rng, VEHICLES[v])
        if combo_heldout(a, ac, v, vc) == heldout:
            break
    return {
        "seed": seed,
        "animal": ANIMALS[a], "animal_colour": COLOURS[ac],
        "vehicle": VEHICLES[v], "vehicle_colour": COLOURS[vc],
        "place": PLACES[rng.randrange(len(PLACES))], "time": TIMES[rng.randrange(len(TIMES))],
    }


def _art(colour: str) -> str:
    return "an" if colour[0] in "aeiou" else "a"


def caption(attrs: dict, rng: random.Random | None = None) -> str:
    """Full caption when rng is None; otherwise parts are dropped at random (training captions).  A
    usual colour is left unsaid half the time; an unusual one is always named."""
    drop = (lambda p: rng.random() < p) if rng is not None else (lambda p: False)
    ac, vc = attrs["animal_colour"], attrs["vehicle_colour"]
    a_said = not (is_usual(attrs["animal"], ac) and drop(0.5))
    v_said = not (is_usual(attrs["vehicle"], vc) and drop(0.5))
    words = [_art(ac), ac, attrs["animal"]] if a_said else ["a", attrs["animal"]]
    words.append(VERB[attrs["vehicle"]])
    words += [_art(vc), vc, attrs["vehicle"]] if v_said else ["a", attrs["vehicle"]]
    if not drop(0.15):
        words.append(PLACE_PHRASE[attrs["place"]])
    if not drop(0.35 if attrs["time"] == "day" else 0.15):
        words.append(TIME_PHRASE[attrs["time"]])
    return " ".join(words)


def encode(text: str) -> list[int]:
    """Python twin of tokenizer/tokenizer.json (lowercase, split on non-letters, [BOS] .. [EOS], pad)."""
    import re
    idx = {w: i for i, w in enumerate(VOCAB)}
    toks = [idx.get(w, 1) for w in re.findall(r"[a-z0-9]+", text.lower())]
    ids = [2] + toks[: TEXT_MAX_LENGTH - 2] + [3]
    return ids + [0] * (TEXT_MAX_LENGTH - len(ids))


def _draw(attrs: dict, size: int, part: str | None) -> Image.Image:
    """The scene (part None), or the mask of one part ("animal" or "vehicle": that part white, the
    rest black, with the same geometry and occlusion as the scene)."""
    rng = random.Random(attrs["seed"] * 2 + 2)
    img = Image.new("RGB", (64 * K, 64 * K))
    d = ImageDraw.Draw(img)
    horizon = rng.uniform(18, 28)
    _background(d, attrs["place"], attrs["time"], rng, horizon)
    ground = rng.uniform(max(horizon + 26, 52), 61)
    s = rng.uniform(1.3, 1.55)
    span = max(0.0, 30 - 15 * s)
    cx = 32 + rng.uniform(-span, span)
    flip = rng.choice([-1, 1])
    vcol = _jit(RGB[attrs["vehicle_colour"]], rng, 10)
    acol = _jit(RGB[attrs["animal_colour"]], rng, 10)
    white, black = (255, 255, 255), (0, 0, 0)
    if part is not None:
        d.rectangle([0, 0, 64 * K, 64 * K], fill=black)
    else:
        d.ellipse([(cx - 15 * s) * K, (ground - 1.5) * K, (cx + 15 * s) * K, (ground + 1.5) * K],
                  fill=(0, 0, 0) if attrs["time"] == "night" else _mix((0, 0, 0), (80, 80, 80), 0.5))
    vpaint = None if part is None else (white if part == "vehicle" else black)
    apaint = None if part is None else (white if part == "animal" else black)
    pv = Pen(d, cx, ground, s, flip, vpaint)
    sx, sy, front = _vehicle(pv, attrs["vehicle"], vcol, rng)
    a_s = s * rng.uniform(1.2, 1.35)
    pa = Pen(d, cx + flip * sx * s, ground + sy * s, a_s, flip, apaint)
    _animal(pa, attrs["animal"], acol, rng, standing=attrs["vehicle"] == "skateboard")
    if front is not None:
        front()
    return img.resize((size, size), Image.BOX)


def render(attrs: dict, size: int = 128) -> Image.Image:
    return _draw(attrs, size, None)


def render_masks(attrs: dict, size: int = 128) -> dict:
    """{"animal": bool [size,size], "vehicle": bool [size,size]}: the pixels (at least half covered)
    where the animal and the vehicle are visible in render(attrs, size)."""
    import numpy as np
    return {part: np.asarray(_draw(attrs, size, part))[:, :, 0] >= 128 for part in ("animal", "vehicle")}


def make_example(seed: int, heldout: bool = False, dropout_captions: bool = True):
    a = sample_attrs(seed, heldout)
    rng = random.Random(seed * 2 + 3)
    return render(a), caption(a, rng if dropout_captions else None), a


if __name__ == "__main__":
    import sys
    import time
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/scenes_grid.png"
    t = time.time()
    ims = [make_example(i) for i in range(n)]
    dt = time.time() - t
    print(f"{n} scenes in {dt:.2f}s ({1000 * dt / n:.2f} ms each)")
    cols = 8
    grid = Image.new("RGB", (cols * 130, ((n + cols - 1) // cols) * 130), (255, 255, 255))
    for i, (im, cap, _) in enumerate(ims):
        grid.paste(im, ((i % cols) * 130, (i // cols) * 130))
        if i < 16:
            print(i, cap)
    grid.save(out)
