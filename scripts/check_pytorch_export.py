"""Checks an exported PyTorch network against the playground: same predictions on the same images.

    python3 scripts/check_pytorch_export.py MODEL.py WEIGHTS.safetensors SAMPLES.json [--tolerance 1e-4]

MODEL.py and WEIGHTS.safetensors are what the page (or scripts/export-for-pytorch.ts) exports; SAMPLES.json holds
images as the playground feeds them (0..1, row-major height x width) and the probabilities TensorFlow.js gave each.
The exported module is built with no arguments, loaded with the weights, run on the images in eval mode, and its
softmax compared with the playground's: every probability within the tolerance, every predicted class the same,
and the parameter count equal to the page's table. Exit status 0 when all hold, 1 otherwise.
"""
import argparse
import importlib.util
import json
import sys

import torch
from torch import nn


def load_module(path):
    spec = importlib.util.spec_from_file_location("exported_network", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # The network is the module class with an input shape; a file may also hold helper modules (SameAvgPool2d).
    classes = [
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, nn.Module) and v.__module__ == module.__name__ and hasattr(v, "input_shape")
    ]
    if len(classes) != 1:
        sys.exit(f"{path}: expected one nn.Module subclass with an input_shape, found {len(classes)}")
    return module, classes[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("weights")
    parser.add_argument("samples")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()

    module, cls = load_module(args.model)
    net = cls()
    module.load_weights(net, args.weights)
    net.eval()
    params = sum(p.numel() for p in net.parameters())

    with open(args.samples) as f:
        samples = json.load(f)
    h, w, c = samples["shape"]
    images = torch.tensor(samples["images"], dtype=torch.float32).reshape(-1, h, w, c).permute(0, 3, 1, 2)
    expected = torch.tensor(samples["probabilities"], dtype=torch.float64)
    with torch.no_grad():
        got = torch.softmax(net(images), dim=1).double()

    diff = (got - expected).abs().max().item()
    agree = int((got.argmax(1) == expected.argmax(1)).sum())
    n = expected.shape[0]
    print(f"{args.model}: torch {torch.__version__}, {params:,} parameters (the page's table: {module.PARAMETERS:,})")
    print(f"{n} images: max |p_torch - p_tfjs| = {diff:.2e} (tolerance {args.tolerance:.0e}), predictions agree {agree}/{n}")
    ok = diff <= args.tolerance and agree == n and params == module.PARAMETERS
    print("OK" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
