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

import math
import random

from PIL import Image, ImageDraw

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

RGB = {
    "red": (215, 38, 38), "orange": (246, 138, 28), "yellow": (246, 214, 40), "green": (46, 168, 60),
    "blue": (38, 86, 222), "purple": (142, 58, 190), "white": (246, 246, 246), "black": (34, 34, 38),
    "pink": (246, 150, 186), "brown": (132, 84, 46), "grey": (142, 142, 148),
}

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


# ----------------------------------------------------------------------------------------------
# drawing.  Work in a 64-unit coordinate system, drawn at K x 64 pixels and box-downsampled.
K = 4
OUT = (40, 32, 30)


def _mix(c, d, t):
    return tuple(int(round(c[i] * (1 - t) + d[i] * t)) for i in range(3))


def _jit(c, rng, j=14):
    return tuple(max(0, min(255, v + rng.randint(-j, j))) for v in c)


class Pen:
    """Draws in a local frame (origin, scale, left/right flip).  `paint`, when set, replaces every
    colour (render_masks draws each part in white or black with the same geometry)."""

    def __init__(self, draw: ImageDraw.ImageDraw, ox: float, oy: float, s: float, flip: int, paint=None):
        self.d, self.ox, self.oy, self.s, self.f, self.paint = draw, ox, oy, s, flip, paint

    def c(self, colour):
        return colour if colour is None or self.paint is None else self.paint

    def p(self, x, y):
        return ((self.ox + self.f * x * self.s) * K, (self.oy + y * self.s) * K)

    def ell(self, x, y, rx, ry, fill, outline=OUT, w=1.0):
        x0, y0 = self.p(x - rx, y - ry)
        x1, y1 = self.p(x + rx, y + ry)
        self.d.ellipse([min(x0, x1), y0, max(x0, x1), y1], fill=self.c(fill), outline=self.c(outline),
                       width=max(1, int(round(w * K * self.s * 0.8))) if outline else 0)

    def poly(self, pts, fill, outline=OUT):
        self.d.polygon([self.p(x, y) for x, y in pts], fill=self.c(fill), outline=self.c(outline))

    def line(self, pts, fill, w):
        self.d.line([self.p(x, y) for x, y in pts], fill=self.c(fill), width=max(1, int(round(w * K * self.s))))


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
            d.rectangle([x, y, x + K / 2, y + K / 2], fill=(230, 230, 255))
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
    eye = (20, 20, 20)
    hy = rng.uniform(-1.0, 1.0)    # head bob
    leg = rng.uniform(-1.5, 1.5)   # leg swing
    by = -5 if not standing else -9
    legc = (50, 45, 40) if kind != "duck" else (240, 140, 30)
    if standing:
        for x in (-4, 3):
            p.line([(x, by + 2), (x + leg, 0)], legc, 1.3)
    else:
        p.line([(1, by + 2), (3 + leg, by + 6)], legc, 1.3)
    if kind == "sheep":
        # a woolly cloud of curls, a dark face with ears sticking out sideways
        face = (60, 56, 56) if col != RGB["black"] else (120, 116, 116)
        curl = _mix(col, (0, 0, 0), 0.18)
        for (x, y) in [(-6, by), (-2, by - 3), (3, by - 2), (-3, by + 2), (3, by + 2), (-7, by + 2), (6, by)]:
            p.ell(x, y, 3.6, 3.2, col, outline=curl, w=0.5)
        p.ell(0, by - 0.5, 5.5, 3.0, col, outline=None)
        p.ell(6.0, by - 6.5 + hy, 2.6, 2.2, col, outline=curl, w=0.5)   # wool cap
        p.ell(8.0, by - 4 + hy, 2.6, 3.4, face)
        p.ell(5.0, by - 4.8 + hy, 2.0, 0.9, face)                       # ear
        p.ell(8.8, by - 4.8 + hy, 0.65, 0.65, (250, 250, 250), outline=None)
        p.ell(8.8, by - 4.8 + hy, 0.3, 0.3, eye, outline=None)
    elif kind == "pig":
        p.ell(-1, by, 7.5, 5.2, col)
        p.line([(-8.5, by - 1), (-10.5, by - 2.5), (-9.5, by - 4), (-10.8, by - 4.5)], darkc, 0.7)  # curly tail
        p.ell(6, by - 4 + hy, 4.4, 4.0, col)
        p.poly([(3, by - 6.5 + hy), (3.5, by - 10.5 + hy), (6.5, by - 7.5 + hy)], light)            # ear
        p.ell(10.2, by - 3.5 + hy, 1.9, 1.8, light)                                                # snout
        p.ell(10.0, by - 4.1 + hy, 0.35, 0.5, (90, 40, 50), outline=None)
        p.ell(10.0, by - 2.9 + hy, 0.35, 0.5, (90, 40, 50), outline=None)
        p.ell(7, by - 5.5 + hy, 0.6, 0.6, eye, outline=None)
    elif kind == "dog":
        p.line([(-7, by - 1), (-10, by - 6 - leg)], col, 1.6)                                      # tail up
        p.ell(-1, by, 7.5, 4.2, col)
        p.ell(6.5, by - 5 + hy, 3.8, 3.6, col)
        p.ell(10.2, by - 3.8 + hy, 2.6, 1.7, light)                                                # muzzle
        p.ell(12.3, by - 4.4 + hy, 0.8, 0.7, eye, outline=None)                                     # nose
        p.ell(4.6, by - 3.5 + hy, 1.5, 3.4, darkc)                                                 # floppy ear
        p.ell(7.5, by - 6 + hy, 0.6, 0.6, eye, outline=None)
        p.line([(3.5, by - 1.5), (8.5, by - 1.8)], (200, 40, 40), 0.8)                              # collar
    elif kind == "cat":
        p.line([(-7, by), (-11, by - 3), (-10 - leg, by - 9)], col, 1.4)
        p.ell(-1, by, 7, 3.9, col)
        p.ell(6, by - 5.5 + hy, 3.8, 3.4, col)
        p.poly([(3, by - 7 + hy), (3.5, by - 11.5 + hy), (6, by - 8.5 + hy)], col)
        p.poly([(6.5, by - 8.5 + hy), (8.5, by - 11.5 + hy), (9, by - 6.5 + hy)], col)
        p.poly([(3.8, by - 8 + hy), (4.1, by - 10.3 + hy), (5.4, by - 8.6 + hy)], (240, 160, 170), outline=None)
        p.ell(7.5, by - 6 + hy, 0.8, 0.8, (40, 170, 60) if col != RGB["green"] else (240, 220, 40), outline=None)
        p.ell(7.6, by - 6 + hy, 0.25, 0.6, eye, outline=None)
        p.ell(9.6, by - 4.8 + hy, 0.45, 0.35, (240, 140, 150), outline=None)
        for dy in (-0.6, 0.4):
            p.line([(9, by - 4.5 + hy + dy), (13, by - 5 + hy + 2 * dy)], (80, 80, 80), 0.3)
    elif kind == "duck":
        p.ell(-1, by, 7, 5, col)
        p.poly([(-7, by - 2), (-10, by - 5), (-8, by + 1)], col)
        p.ell(-1.5, by - 0.5, 4, 2.5, darkc if col != RGB["black"] else (90, 90, 96))              # wing
        p.ell(5, by - 6.5 + hy, 3.4, 3.4, col)
        p.poly([(7.5, by - 7.2 + hy), (13, by - 6 + hy), (7.5, by - 4.6 + hy)], (245, 150, 30))   # beak
        p.line([(8, by - 5.9 + hy), (12, by - 6 + hy)], (180, 100, 20), 0.3)
        p.ell(5.8, by - 7.5 + hy, 0.65, 0.65, eye, outline=None)
    else:
        raise ValueError(kind)


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
