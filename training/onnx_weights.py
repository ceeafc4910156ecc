"""Reads the weights back out of a shipped ONNX graph into a PyTorch module (no `onnx` package needed).

    from onnx_weights import load_onnx_into
    load_onnx_into(UNet(), "assets/models/pocket/unet/model.onnx", example_inputs)

An ONNX file is a protobuf: ModelProto.graph (field 7) -> GraphProto.initializer (field 5) ->
TensorProto {dims 1, data_type 2, float_data 4, int64_data 7, name 8, raw_data 9}.  The exporter keeps
most parameter names ("e0.c1.weight", "dec.r0.c1.bias"), but renames three kinds of tensor:
GroupNorm's affine weight/bias become "onnx::Mul_N"/"onnx::Add_N" of shape [C,1,1], and a Linear
applied to a 3-D input becomes "onnx::MatMul_N" holding the weight transposed.  Those unnamed
tensors appear in the order the graph consumes them, which is the order the modules run in, so a
forward pass with hooks recovers which module each belongs to; every shape is checked.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn

_DTYPES = {1: np.float32, 6: np.int32, 7: np.int64, 10: np.float16, 11: np.float64}


def _varint(b: bytes, i: int):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def _fields(b: bytes):
    """Yields (field number, wire type, value) of one protobuf message."""
    i, n = 0, len(b)
    while i < n:
        key, i = _varint(b, i)
        f, w = key >> 3, key & 7
        if w == 0:
            v, i = _varint(b, i)
        elif w == 1:
            v, i = b[i:i + 8], i + 8
        elif w == 2:
            ln, i = _varint(b, i)
            v, i = b[i:i + ln], i + ln
        elif w == 5:
            v, i = b[i:i + 4], i + 4
        else:
            raise ValueError(f"protobuf wire type {w} not supported")
        yield f, w, v


def _packed_varints(v):
    out, i = [], 0
    while i < len(v):
        x, i = _varint(v, i)
        out.append(x)
    return out


def _tensor(msg: bytes):
    dims, dtype, name, raw, floats, ints = [], 1, "", None, [], []
    for f, w, v in _fields(msg):
        if f == 1:
            dims += _packed_varints(v) if w == 2 else [v]
        elif f == 2:
            dtype = v
        elif f == 4:
            floats.append(np.frombuffer(v, np.float32) if w == 2 else np.frombuffer(v, np.float32))
        elif f == 7:
            ints += _packed_varints(v) if w == 2 else [v]
        elif f == 8:
            name = bytes(v).decode()
        elif f == 9:
            raw = bytes(v)
        elif f == 14 and v == 1:
            raise ValueError(f"tensor {name}: external data is not supported")
    if dtype not in _DTYPES:
        raise ValueError(f"tensor {name}: ONNX data type {dtype} not supported")
    if raw is not None:
        arr = np.frombuffer(raw, _DTYPES[dtype])
    elif floats:
        arr = np.concatenate(floats)
    else:
        arr = np.array(ints, _DTYPES[dtype])
    return name, arr.reshape(dims).copy()


def read_initializers(path: str) -> list[tuple[str, np.ndarray]]:
    """The graph's initializers, in file order, as (name, array)."""
    with open(path, "rb") as fh:
        model = fh.read()
    graphs = [v for f, _, v in _fields(model) if f == 7]
    if not graphs:
        raise ValueError(f"{path}: no graph in this ONNX file")
    return [_tensor(v) for f, _, v in _fields(graphs[0]) if f == 5]


def _execution_order(module: nn.Module, example_inputs) -> list[nn.Module]:
    """GroupNorm and Linear modules in the order a forward pass first calls them."""
    order, seen, hooks = [], set(), []

    def hook(m, *_):
        if id(m) not in seen:
            seen.add(id(m))
            order.append(m)
    for m in module.modules():
        if isinstance(m, (nn.GroupNorm, nn.Linear)):
            hooks.append(m.register_forward_pre_hook(hook))
    try:
        with torch.no_grad():
            module(*example_inputs)
    finally:
        for h in hooks:
            h.remove()
    return order


def onnx_state_dict(module: nn.Module, path: str, example_inputs, prefix: str = "") -> dict:
    """A state dict for `module` built from the initializers of the ONNX graph at `path`.

    prefix: what the exporter put before parameter names (the wrapper's attribute, e.g. "dec.")."""
    inits = read_initializers(path)
    named = {n: a for n, a in inits if not n.startswith("onnx::")}
    unnamed = [(n, a) for n, a in inits if n.startswith("onnx::")]
    sd = {}
    for k, v in module.state_dict().items():
        if prefix + k in named:
            sd[k] = torch.from_numpy(named[prefix + k]).to(v.dtype)
    names = {id(p): k for k, p in module.named_parameters()}
    wanted = []  # (state key, kind) in graph order
    for m in _execution_order(module, example_inputs):
        if isinstance(m, nn.GroupNorm):
            for p, kind in ((m.weight, "Mul"), (m.bias, "Add")):
                if names[id(p)] not in sd:
                    wanted.append((names[id(p)], kind))
        else:
            for p, kind in ((m.weight, "MatMul"), (m.bias, "Add")):
                if p is not None and names[id(p)] not in sd:
                    wanted.append((names[id(p)], kind))
    if len(wanted) != len(unnamed):
        raise ValueError(f"{path}: {len(unnamed)} unnamed initializers but {len(wanted)} unmatched parameters")
    state = module.state_dict()
    for (key, kind), (iname, arr) in zip(wanted, unnamed):
        if not iname.startswith(f"onnx::{kind}_"):
            raise ValueError(f"{path}: expected an onnx::{kind} tensor for {key}, found {iname}")
        t = torch.from_numpy(arr.T.copy() if kind == "MatMul" else arr.reshape(-1))
        if tuple(t.shape) != tuple(state[key].shape):
            raise ValueError(f"{path}: {iname} has shape {tuple(t.shape)}, {key} wants {tuple(state[key].shape)}")
        sd[key] = t
    missing = [k for k in state if k not in sd]
    if missing:
        raise ValueError(f"{path}: no initializer for {', '.join(missing[:5])}")
    return sd


def load_onnx_into(module: nn.Module, path: str, example_inputs, prefix: str = "") -> nn.Module:
    module.load_state_dict(onnx_state_dict(module, path, example_inputs, prefix))
    return module.eval()


def load_pocket_v2(model_dir: str):
    """(text encoder, unet, vae encoder v2, vae decoder v2) of a v2 pocket folder (export_v2.py)."""
    import scenes as sc
    from models import TextEncoder, UNet
    from models_v2 import UNetWithAttention, VAEDecoderV2, VAEEncoderV2
    te = TextEncoder(len(sc.VOCAB), sc.TEXT_MAX_LENGTH)
    ids = torch.tensor([sc.encode("a white sheep riding a red motorcycle")])
    load_onnx_into(te, f"{model_dir}/text_encoder/model.onnx", (ids,), "te.")
    wrapped = UNetWithAttention(UNet())
    load_onnx_into(wrapped, f"{model_dir}/unet/model.onnx", (torch.zeros(1, 4, 16, 16), torch.tensor([10.0]), te(ids)[0]))
    enc = load_onnx_into(VAEEncoderV2(), f"{model_dir}/vae_encoder/model.onnx", (torch.zeros(1, 3, 128, 128),), "enc.")
    dec = load_onnx_into(VAEDecoderV2(), f"{model_dir}/vae_decoder/model.onnx", (torch.zeros(1, 4, 16, 16),), "dec.")
    return te, wrapped.unet.eval(), enc, dec


def check_against_reference(model_dir: str, reference: str, tol: float = 1e-4) -> float:
    """Loads a pocket folder (v1 or v2) back into PyTorch and runs the reference inputs of its export;
    returns the largest absolute difference from the stored outputs (raises above `tol`)."""
    import base64
    import json
    version = json.load(open(f"{model_dir}/model_index.json"))["latent_explorables"].get("version", 1)
    te, un, enc, dec = (load_pocket_v2 if version == 2 else load_pocket_v1)(model_dir)
    ref = json.load(open(reference))

    def arr(d):
        dt = np.int64 if d["dtype"] == "int64" else np.float32
        return torch.from_numpy(np.frombuffer(base64.b64decode(d["data"]), dt).reshape(d["dims"]).copy())

    worst = 0.0
    with torch.no_grad():
        r = ref["text_encoder"]
        hs, pooled = te(arr(r["inputs"]["input_ids"]))
        outs = {"text_encoder": {"last_hidden_state": hs, "pooler_output": pooled}}
        i = ref["unet"]["inputs"]
        outs["unet"] = {"out_sample": un(arr(i["sample"]), arr(i["timestep"]), arr(i["encoder_hidden_states"]))}
        outs["vae_decoder"] = {"sample": dec(arr(ref["vae_decoder"]["inputs"]["latent_sample"])).clamp(-1, 1)}
        outs["vae_encoder"] = {"latent_sample": enc(arr(ref["vae_encoder"]["inputs"]["sample"]))[0]}
    for graph, got in outs.items():
        for name, value in got.items():
            d = (value - arr(ref[graph]["outputs"][name])).abs().max().item()
            worst = max(worst, d)
            if d > tol:
                raise AssertionError(f"{model_dir} {graph}.{name}: max |diff| {d} > {tol}")
    return worst


def load_pocket_v1(model_dir: str):
    """(text encoder, unet, vae encoder, vae decoder) of a v1 pocket folder, as eval-mode modules."""
    import scenes_v1 as sc
    from models import TextEncoder, UNet, VAEDecoder, VAEEncoder
    te = TextEncoder(len(sc.VOCAB), sc.TEXT_MAX_LENGTH)
    ids = torch.tensor([sc.encode("a white sheep riding a red motorcycle")])
    load_onnx_into(te, f"{model_dir}/text_encoder/model.onnx", (ids,), "te.")
    ctx = te(ids)[0]
    un = load_onnx_into(UNet(), f"{model_dir}/unet/model.onnx",
                        (torch.zeros(1, 4, 16, 16), torch.tensor([10.0]), ctx))
    enc = load_onnx_into(VAEEncoder(), f"{model_dir}/vae_encoder/model.onnx", (torch.zeros(1, 3, 64, 64),), "enc.")
    dec = load_onnx_into(VAEDecoder(), f"{model_dir}/vae_decoder/model.onnx", (torch.zeros(1, 4, 16, 16),), "dec.")
    return te, un, enc, dec


if __name__ == "__main__":
    import os
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if len(sys.argv) != 3:
        sys.exit("usage: onnx_weights.py MODEL_DIR REFERENCE.json  (checks the reader against the export's outputs)")
    torch.set_num_threads(2)
    print(f"onnx_weights: {sys.argv[1]} read back into PyTorch, max |diff| {check_against_reference(*sys.argv[1:]):.2e}")
