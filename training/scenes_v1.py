"""Procedural cartoon scenes with captions, for the pocket model v1 (64x64; v2 is scenes.py).

Everything is a pure function of an integer seed: `sample_attrs(seed)` draws the scene's
attributes, `render(attrs)` draws a 64x64 RGB image with PIL and `caption(attrs, rng)` writes the
caption.  Train and held-out sets are split by seed range, and a fixed 1/16 of the
(animal, animal colour, vehicle, vehicle colour) combinations never appear in training at all, so
held-out evaluation also tests composition.
"""
from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

ANIMALS = ["sheep", "cat", "dog", "pig", "duck"]
VEHICLES = ["motorcycle", "bicycle", "car", "truck", "skateboard"]
COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "white", "black"]
PLACES = ["road", "beach", "field", "snow", "desert", "city"]
TIMES = ["day", "sunset", "night"]

PLACE_PHRASE = {
    "road": "on a road", "beach": "on a beach", "field": "in a field",
    "snow": "in the snow", "desert": "in a desert", "city": "in a city",
}
TIME_PHRASE = {"day": "during the day", "sunset": "at sunset", "night": "at night"}
VERB = {"motorcycle": "riding", "bicycle": "riding", "skateboard": "riding", "car": "driving", "truck": "driving"}

RGB = {
    "red": (215, 38, 38), "orange": (246, 138, 28), "yellow": (246, 214, 40), "green": (46, 168, 60),
    "blue": (38, 86, 222), "purple": (142, 58, 190), "white": (246, 246, 246), "black": (34, 34, 38),
}

SPECIAL = ["[PAD]", "[UNK]", "[BOS]", "[EOS]"]
FUNCTION_WORDS = ["a", "an", "the", "on", "in", "at", "during", "riding", "driving"]
VOCAB = SPECIAL + FUNCTION_WORDS + ANIMALS + VEHICLES + COLOURS + PLACES + TIMES
TEXT_MAX_LENGTH = 16

TRAIN_SEED_BASE = 0            # train seeds: [0, 1e9)
HELDOUT_SEED_BASE = 1_000_000_000  # held-out seeds: [1e9, ...)


def combo_heldout(a: int, ac: int, v: int, vc: int) -> bool:
    """A fixed 1/16 of animal/colour/vehicle/colour combinations is never shown in training."""
    h = (a * 73856093) ^ (ac * 19349663) ^ (v * 83492791) ^ (vc * 2654435761)
    return (h % 1000003) % 16 == 5


def sample_attrs(seed: int, heldout: bool = False) -> dict:
    rng = random.Random(seed * 2 + 1)
    while True:
        a, ac = rng.randrange(len(ANIMALS)), rng.randrange(len(COLOURS))
        v, vc = rng.randrange(len(VEHICLES)), rng.randrange(len(COLOURS))
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
    """Full caption when rng is None; otherwise parts are dropped at random (training captions)."""
    drop = (lambda p: rng.random() < p) if rng is not None else (lambda p: False)
    ac, vc = attrs["animal_colour"], attrs["vehicle_colour"]
    words = [_art(ac), ac, attrs["animal"]] if not drop(0.15) else ["a", attrs["animal"]]
    words.append(VERB[attrs["vehicle"]])
    words += [_art(vc), vc, attrs["vehicle"]] if not drop(0.15) else ["a", attrs["vehicle"]]
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


# ----------------------------------------------------------------------------------------------
# drawing.  Work in a 64-unit coordinate system, drawn at K x resolution and box-downsampled.
K = 2
OUT = (40, 32, 30)


def _mix(c, d, t):
    return tuple(int(round(c[i] * (1 - t) + d[i] * t)) for i in range(3))


def _jit(c, rng, j=14):
    return tuple(max(0, min(255, v + rng.randint(-j, j))) for v in c)


class Pen:
    def __init__(self, draw: ImageDraw.ImageDraw, ox: float, oy: float, s: float, flip: int):
        self.d, self.ox, self.oy, self.s, self.f = draw, ox, oy, s, flip

    def p(self, x, y):
        return ((self.ox + self.f * x * self.s) * K, (self.oy + y * self.s) * K)

    def ell(self, x, y, rx, ry, fill, outline=OUT, w=1.0):
        x0, y0 = self.p(x - rx, y - ry)
        x1, y1 = self.p(x + rx, y + ry)
        self.d.ellipse([min(x0, x1), y0, max(x0, x1), y1], fill=fill, outline=outline,
                       width=max(1, int(round(w * K * self.s * 0.8))) if outline else 0)

    def poly(self, pts, fill, outline=OUT):
        self.d.polygon([self.p(x, y) for x, y in pts], fill=fill, outline=outline)

    def line(self, pts, fill, w):
        self.d.line([self.p(x, y) for x, y in pts], fill=fill, width=max(1, int(round(w * K * self.s))))


def _background(d: ImageDraw.ImageDraw, place: str, time: str, rng: random.Random, horizon: float):
    W = 64 * K
    if time == "day":
        top, bot = (92, 160, 235), (178, 218, 250)
    elif time == "sunset":
        top, bot = (120, 70, 150), (250, 150, 70)
    else:
        top, bot = (8, 10, 40), (30, 40, 90)
    hy = int(horizon * K)
    for y in range(0, hy, 2):
        d.rectangle([0, y, W, y + 1], fill=_mix(top, bot, y / max(1, hy)))
    # sun / moon / stars
    sx, sy = rng.uniform(6, 58), rng.uniform(5, horizon - 8)
    if time == "day":
        r = rng.uniform(3, 5)
        d.ellipse([(sx - r) * K, (sy - r) * K, (sx + r) * K, (sy + r) * K], fill=(255, 236, 120))
        for _ in range(rng.randint(0, 3)):
            cx, cy = rng.uniform(0, 64), rng.uniform(3, horizon - 6)
            for k in range(3):
                rr = rng.uniform(2, 3.5)
                d.ellipse([(cx + 3 * k - rr) * K, (cy - rr) * K, (cx + 3 * k + rr) * K, (cy + rr) * K],
                          fill=(250, 250, 252))
    elif time == "sunset":
        r = rng.uniform(4, 7)
        sy = horizon - rng.uniform(0, 3)
        d.ellipse([(sx - r) * K, (sy - r) * K, (sx + r) * K, (sy + r) * K], fill=(255, 200, 90))
    else:
        r = rng.uniform(2.5, 4)
        d.ellipse([(sx - r) * K, (sy - r) * K, (sx + r) * K, (sy + r) * K], fill=(240, 240, 210))
        for _ in range(rng.randint(6, 14)):
            x, y = rng.uniform(0, 64) * K, rng.uniform(0, horizon - 2) * K
            d.rectangle([x, y, x + 1, y + 1], fill=(230, 230, 255))
    dark = {"day": 0.0, "sunset": 0.25, "night": 0.62}[time]
    tint = {"day": (0, 0, 0), "sunset": (120, 60, 40), "night": (5, 10, 40)}[time]

    def g(c):
        return _mix(c, tint, dark)

    H = 64 * K
    if place == "road":
        d.rectangle([0, hy, W, H], fill=g((96, 170, 74)))
        ry0 = hy + (64 * K - hy) * rng.uniform(0.2, 0.35)
        d.rectangle([0, ry0, W, H], fill=g((92, 92, 98)))
        ly = (ry0 + H) / 2 + rng.uniform(-3, 3) * K
        off = rng.uniform(0, 12) * K
        for x in range(-2, 8):
            x0 = x * 12 * K + off
            d.rectangle([x0, ly - K * 0.6, x0 + 6 * K, ly + K * 0.6], fill=g((240, 220, 90)))
    elif place == "beach":
        sea = hy + rng.uniform(4, 9) * K
        d.rectangle([0, hy, W, sea], fill=g((40, 120, 200)))
        for _ in range(4):
            x, y = rng.uniform(0, 64) * K, rng.uniform(hy, sea - 2)
            d.line([x, y, x + 5 * K, y], fill=g((200, 230, 250)), width=K)
        d.rectangle([0, sea, W, H], fill=g((238, 214, 150)))
        if rng.random() < 0.5:  # palm tree
            px = rng.choice([rng.uniform(2, 10), rng.uniform(54, 62)]) * K
            d.line([px, sea + 4 * K, px + 2 * K, hy - 8 * K], fill=g((130, 90, 50)), width=2 * K)
            for ang in (-2.6, -2.0, -1.1, -0.5):
                d.line([px + 2 * K, hy - 8 * K, px + 2 * K + 7 * K * math.cos(ang), hy - 8 * K - 7 * K * math.sin(-ang) * 0.5],
                       fill=g((40, 150, 60)), width=2 * K)
    elif place == "field":
        d.rectangle([0, hy, W, H], fill=g((70, 175, 60)))
        for _ in range(rng.randint(10, 24)):
            x, y = rng.uniform(0, 64) * K, rng.uniform(hy / K + 2, 64) * K
            c = rng.choice([(250, 250, 250), (250, 220, 60), (240, 110, 160)])
            d.ellipse([x, y, x + 1.5 * K, y + 1.5 * K], fill=g(c))
        if rng.random() < 0.6:
            tx = rng.uniform(2, 62) * K
            d.rectangle([tx - K, hy - 4 * K, tx + K, hy + 2 * K], fill=g((120, 80, 45)))
            d.ellipse([tx - 5 * K, hy - 13 * K, tx + 5 * K, hy - 3 * K], fill=g((30, 120, 45)))
    elif place == "snow":
        d.rectangle([0, hy, W, H], fill=g((236, 240, 248)))
        for _ in range(rng.randint(1, 4)):
            tx = rng.uniform(0, 64) * K
            th = rng.uniform(8, 14) * K
            d.polygon([(tx, hy - th), (tx - 4 * K, hy + 1 * K), (tx + 4 * K, hy + 1 * K)], fill=g((28, 90, 60)))
            d.polygon([(tx, hy - th), (tx - 1.5 * K, hy - th + 4 * K), (tx + 1.5 * K, hy - th + 4 * K)], fill=g((245, 245, 250)))
        if time != "night" or rng.random() < 0.5:
            for _ in range(rng.randint(5, 15)):
                x, y = rng.uniform(0, 64) * K, rng.uniform(0, 64) * K
                d.ellipse([x, y, x + K, y + K], fill=(250, 250, 255))
    elif place == "desert":
        d.rectangle([0, hy, W, H], fill=g((226, 170, 92)))
        dx = rng.uniform(-20, 40) * K
        d.ellipse([dx, hy - 4 * K, dx + 40 * K, hy + 8 * K], fill=g((214, 152, 78)))
        d.rectangle([0, hy + 2 * K, W, H], fill=g((226, 170, 92)))
        if rng.random() < 0.7:
            cx = rng.choice([rng.uniform(3, 12), rng.uniform(52, 61)]) * K
            cy = hy + rng.uniform(2, 8) * K
            c = g((60, 140, 60))
            d.rounded_rectangle([cx - 1.5 * K, cy - 12 * K, cx + 1.5 * K, cy], radius=K, fill=c)
            d.rounded_rectangle([cx - 5 * K, cy - 9 * K, cx - 3.5 * K, cy - 5 * K], radius=K, fill=c)
            d.rectangle([cx - 5 * K, cy - 6 * K, cx, cy - 5 * K], fill=c)
    elif place == "city":
        x = rng.uniform(-6, 0) * K
        while x < W:
            bw, bh = rng.uniform(7, 13) * K, rng.uniform(10, 26) * K
            bc = g(rng.choice([(120, 120, 135), (150, 130, 120), (100, 110, 130), (165, 160, 150)]))
            d.rectangle([x, hy - bh, x + bw, hy + 1], fill=bc)
            win = (250, 230, 120) if time == "night" else g((200, 220, 240))
            for wy in range(int(hy - bh + 2 * K), int(hy - 2 * K), 4 * K):
                for wx in range(int(x + 2 * K), int(x + bw - 2 * K), 3 * K):
                    if rng.random() < 0.7:
                        d.rectangle([wx, wy, wx + K, wy + 1.5 * K], fill=win)
            x += bw + rng.uniform(0, 2) * K
        d.rectangle([0, hy, W, H], fill=g((150, 150, 150)))
        d.rectangle([0, hy, W, hy + 2 * K], fill=g((185, 185, 185)))


# ---------------------------------------------------------------------------- vehicles (ground at y=0)
def _wheel(p: Pen, x, r, hub=(170, 170, 170)):
    p.ell(x, -r, r, r, (30, 30, 32), outline=None)
    p.ell(x, -r, r * 0.45, r * 0.45, hub, outline=None)


def _vehicle(p: Pen, kind: str, col, rng: random.Random):
    """Draws the vehicle; returns (seat_x, seat_y, front_layer) where front_layer draws parts in
    front of the rider (None if none)."""
    dark = _mix(col, (0, 0, 0), 0.35)
    if kind == "motorcycle":
        _wheel(p, -10, 4.6)
        _wheel(p, 10, 4.6)
        p.line([(10, -4.6), (7, -15)], (60, 60, 60), 1.3)
        p.line([(5.5, -15.5), (9, -15)], (40, 40, 40), 1.4)
        p.poly([(-11, -9), (-6, -12), (6, -13), (9, -10), (6, -5), (-6, -5)], col)
        p.line([(-8, -4), (-15, -6)], (170, 170, 170), 1.2)
        p.ell(8.8, -12.5, 1.3, 1.3, (255, 240, 150), outline=None)
        return -2, -12, None
    if kind == "bicycle":
        for x in (-10, 10):
            p.ell(x, -5.5, 5.5, 5.5, None, outline=(30, 30, 32), w=1.2)
        frame = [(-10, -5.5), (-3, -13), (0, -5), (-10, -5.5)]
        p.line(frame, col, 1.6)
        p.line([(0, -5), (7, -13), (-3, -13)], col, 1.6)
        p.line([(7, -13), (10, -5.5)], col, 1.6)
        p.line([(6, -15), (8, -14)], (40, 40, 40), 1.2)
        p.line([(-5, -14), (-1, -14)], (40, 40, 40), 1.5)
        return -3, -14, None
    if kind == "skateboard":
        p.ell(-7, -1.4, 1.4, 1.4, (40, 40, 40), outline=None)
        p.ell(7, -1.4, 1.4, 1.4, (40, 40, 40), outline=None)
        p.poly([(-12, -4.2), (12, -4.2), (13, -5.2), (12, -2.6), (-12, -2.6), (-13, -5.2)], col)
        return 0, -4.2, None
    if kind == "car":
        def front():
            p.poly([(-15, -12), (9, -12), (15, -9), (15, -4), (-15, -4)], col)
            p.line([(-13, -9), (13, -9)], dark, 0.8)
            p.line([(6, -12), (9, -18)], (170, 210, 240), 1.2)
            p.ell(13.5, -9.5, 1.0, 1.0, (255, 240, 150), outline=None)
            _wheel(p, -9, 4.2)
            _wheel(p, 9, 4.2)
        return -3, -9, front
    if kind == "truck":
        def front():
            p.poly([(-17, -11), (4, -11), (4, -4), (-17, -4)], col)          # cargo bed
            p.poly([(4, -20), (12, -20), (16, -13), (16, -4), (4, -4)], col)    # cab
            p.poly([(6, -18.5), (11, -18.5), (14, -13), (6, -13)], (170, 210, 240))
            p.line([(-17, -11), (4, -11)], dark, 0.8)
            _wheel(p, -11, 4.4)
            _wheel(p, 10, 4.4)
        return -7, -8.5, front
    raise ValueError(kind)


# ---------------------------------------------------------------------------- animals (seat at 0,0)
def _animal(p: Pen, kind: str, col, rng: random.Random, standing: bool):
    light = _mix(col, (255, 255, 255), 0.35)
    darkc = _mix(col, (0, 0, 0), 0.35)
    hy = rng.uniform(-1.5, 1.5)    # head bob
    leg = rng.uniform(-1.5, 1.5)   # leg swing
    by = -5 if not standing else -9
    if standing:
        for x in (-4, 3):
            p.line([(x, by + 2), (x + leg, 0)], (50, 45, 40) if kind != "duck" else (240, 140, 30), 1.2)
    else:
        p.line([(1, by + 2), (3 + leg, by + 6)], (50, 45, 40) if kind != "duck" else (240, 140, 30), 1.2)
    if kind == "sheep":
        face = (60, 56, 56) if col != RGB["black"] else (120, 116, 116)
        for (x, y) in [(-5, by), (-1, by - 2), (3, by - 1), (-2, by + 2), (3, by + 2), (-6, by + 2)]:
            p.ell(x, y, 4.2, 3.8, col, outline=None)
        p.ell(-1, by, 7.6, 5.4, None, outline=_mix(col, (0, 0, 0), 0.3), w=0.8)
        p.ell(7.5, by - 4 + hy, 2.8, 3.4, face)
        p.ell(5.2, by - 5.5 + hy, 1.8, 0.9, face)
        p.ell(8.5, by - 5 + hy, 0.6, 0.6, (250, 250, 250), outline=None)
    elif kind == "pig":
        p.ell(-1, by, 7.5, 5.5, col)
        p.line([(-8.5, by - 1), (-10, by - 3), (-9, by - 4)], darkc, 0.8)
        p.ell(6, by - 4 + hy, 4.5, 4.2, col)
        p.poly([(3, by - 7 + hy), (4, by - 10.5 + hy), (6, by - 7.5 + hy)], col)
        p.ell(10, by - 3.5 + hy, 1.8, 1.6, light)
        p.ell(10.4, by - 3.5 + hy, 0.4, 0.5, (60, 30, 30), outline=None)
        p.ell(7, by - 5.5 + hy, 0.6, 0.6, (20, 20, 20), outline=None)
    elif kind == "dog":
        p.line([(-7, by - 1), (-10, by - 6 - leg)], col, 1.6)
        p.ell(-1, by, 7.5, 4.2, col)
        p.ell(6.5, by - 5 + hy, 3.8, 3.6, col)
        p.ell(10, by - 4 + hy, 2.2, 1.6, col)
        p.ell(11.6, by - 4.6 + hy, 0.7, 0.6, (20, 20, 20), outline=None)
        p.ell(4.5, by - 4 + hy, 1.4, 3.0, darkc)
        p.ell(7.5, by - 6 + hy, 0.6, 0.6, (20, 20, 20), outline=None)
    elif kind == "cat":
        p.line([(-7, by), (-11, by - 3), (-10 - leg, by - 9)], col, 1.4)
        p.ell(-1, by, 7, 3.9, col)
        p.ell(6, by - 5.5 + hy, 3.8, 3.4, col)
        p.poly([(3, by - 7 + hy), (3.5, by - 11.5 + hy), (6, by - 8.5 + hy)], col)
        p.poly([(6.5, by - 8.5 + hy), (8.5, by - 11.5 + hy), (9, by - 6.5 + hy)], col)
        p.ell(7.5, by - 6 + hy, 0.7, 0.7, (40, 170, 60) if col != RGB["green"] else (240, 220, 40), outline=None)
        p.line([(9, by - 4.5 + hy), (12, by - 5 + hy)], (80, 80, 80), 0.4)
        p.line([(9, by - 4 + hy), (12, by - 3.5 + hy)], (80, 80, 80), 0.4)
    elif kind == "duck":
        p.ell(-1, by, 7, 5, col)
        p.poly([(-7, by - 2), (-10, by - 5), (-8, by + 1)], col)
        p.ell(-1.5, by - 0.5, 4, 2.5, darkc if col != RGB["black"] else (90, 90, 96))
        p.ell(5, by - 6.5 + hy, 3.4, 3.4, col)
        p.poly([(7.5, by - 7 + hy), (12.5, by - 6 + hy), (7.5, by - 5 + hy)], (245, 150, 30))
        p.ell(5.8, by - 7.5 + hy, 0.6, 0.6, (20, 20, 20), outline=None)
    else:
        raise ValueError(kind)


def render(attrs: dict, size: int = 64) -> Image.Image:
    rng = random.Random(attrs["seed"] * 2 + 2)
    img = Image.new("RGB", (64 * K, 64 * K))
    d = ImageDraw.Draw(img)
    horizon = rng.uniform(22, 34)
    _background(d, attrs["place"], attrs["time"], rng, horizon)
    ground = rng.uniform(max(horizon + 14, 44), 60)
    s = rng.uniform(0.95, 1.35) * (0.85 + 0.3 * (ground - 44) / 16)
    cx = rng.uniform(12 + 14 * s, 52 - 14 * s) if 12 + 14 * s < 52 - 14 * s else 32
    flip = rng.choice([-1, 1])
    vcol = _jit(RGB[attrs["vehicle_colour"]], rng)
    acol = _jit(RGB[attrs["animal_colour"]], rng)
    # shadow
    d.ellipse([(cx - 15 * s) * K, (ground - 1.5) * K, (cx + 15 * s) * K, (ground + 1.5) * K],
              fill=(0, 0, 0) if attrs["time"] == "night" else _mix((0, 0, 0), (80, 80, 80), 0.5))
    pv = Pen(d, cx, ground, s, flip)
    sx, sy, front = _vehicle(pv, attrs["vehicle"], vcol, rng)
    a_s = s * rng.uniform(0.85, 1.1)
    pa = Pen(d, cx + flip * sx * s, ground + sy * s, a_s, flip)
    _animal(pa, attrs["animal"], acol, rng, standing=attrs["vehicle"] == "skateboard")
    if front is not None:
        front()
    return img.resize((size, size), Image.BOX)


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
    grid = Image.new("RGB", (cols * 66, ((n + cols - 1) // cols) * 66), (255, 255, 255))
    for i, (im, cap, _) in enumerate(ims):
        grid.paste(im, ((i % cols) * 66, (i // cols) * 66))
        if i < 16:
            print(i, cap)
    grid.resize((grid.width * 2, grid.height * 2), Image.NEAREST).save(out)
