#!/usr/bin/python3
"""Writes the reference vectors for src/pipeline/math/torch-random.ts.

Run with Debian's torch (python3-torch 1.13, x86-64 with AVX2):

    /usr/bin/python3 scripts/reference/torch_randn.py

Output, in test/fixtures/torch-randn/:
  index.json   one entry per case: the seed (decimal string, seeds exceed 2^53) and the
               sequence of randn calls made on ONE generator, each with its shape and where its
               values sit in values.f32 (offset and length counted in floats);
  values.f32   every call's values, float32 little-endian, back to back.
"""
import json
import pathlib
import re
import sys

import torch

OUT = pathlib.Path(__file__).resolve().parents[2] / "test" / "fixtures" / "torch-randn"

SEEDS = [0, 1, 42, 2**32 - 1, 2**32, 2**63 + 5, 2**64 - 1]
# Both sides of torch's 16-element switch, ragged tails, and latent-shaped tensors.
SINGLE_SHAPES = [[], [1], [2], [15], [16], [17], [31], [32], [33], [3, 5], [1, 4, 8, 8], [2, 4, 16, 16]]
# One generator, mixed sizes: odd small calls leave a cached normal that must survive large calls.
SEQUENCES = {
    "small-large-small": [[3], [40], [5], [1], [16], [7], [2, 4, 8, 8], [1], [17], [2]],
    "large-first": [[33], [1], [1], [1], [20], [15], [15]],
}
SEQUENCE_SEEDS = [0, 2**32 + 7, 2**64 - 1]
LATENT = ("latent-512px", 42, [[1, 4, 64, 64]])


def cpu_capability() -> str:
    """The kernel family torch dispatches to (torch 1.13 only reports it in its build summary)."""
    match = re.search(r"CPU capability usage: (\w+)", torch.__config__.show())
    return match.group(1) if match else "unknown"


def main() -> None:
    if cpu_capability() != "AVX2":
        sys.exit("run on an x86-64 CPU where torch uses its AVX2 kernels (ATEN_CPU_CAPABILITY unset)")
    cases = [(f"single {shape} seed {seed}", seed, [shape]) for seed in SEEDS for shape in SINGLE_SHAPES]
    cases += [(f"{name} seed {seed}", seed, calls) for name, calls in SEQUENCES.items() for seed in SEQUENCE_SEEDS]
    cases.append(LATENT)

    chunks, index, offset = [], [], 0
    for name, seed, shapes in cases:
        generator = torch.Generator().manual_seed(seed)
        calls = []
        for shape in shapes:
            values = torch.randn(shape, generator=generator).reshape(-1).numpy().astype("<f4")
            calls.append({"shape": shape, "offset": offset, "length": int(values.size)})
            chunks.append(values.tobytes())
            offset += int(values.size)
        index.append({"name": name, "seed": str(seed), "calls": calls})

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "values.f32").write_bytes(b"".join(chunks))
    meta = {
        "generator": "torch.randn(shape, generator=torch.Generator().manual_seed(seed)), CPU, float32",
        "torch": torch.__version__,
        "cpuCapability": cpu_capability(),
        "floats": offset,
        "cases": index,
    }
    (OUT / "index.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{len(index)} cases, {offset} floats -> {OUT}")


if __name__ == "__main__":
    main()
