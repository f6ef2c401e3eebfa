#!/usr/bin/python3
"""PyTorch (Debian python3-torch) on the activations it shares with activ, timed like
`activ bench`: x ~ N(0, 2^2), dy ~ N(0, 1), float32; forward is the functional op
writing into a preallocated output, backward the elementwise gradient op autograd
calls, labelled by what it reads (x: "backward", y = f(x): "backward_y"); median of
7 timings of a loop of >= 5 ms.  One JSON record per line.
Usage: peer_torch.py THREADS SIZE..."""
import json
import sys
import time

import torch
import torch.nn.functional as F

A = torch.ops.aten
# activ name: (forward(x, out), {direction: backward(dy, x, y, out)}); "backward" is the
# gradient op computed from x, "backward_y" the one computed from the output y = f(x)
# (PyTorch's own choice for relu, tanh and sigmoid: autograd saves the result), so that
# each is compared with activ's backward of the same form.
OPS = {
    "relu": (lambda x, o: torch.relu(x), {"backward_y": lambda g, x, y, o: A.threshold_backward(g, y, 0)}),
    "leaky_relu": (lambda x, o: F.leaky_relu(x, 0.01),
                   {"backward": lambda g, x, y, o: A.leaky_relu_backward(g, x, 0.01, False)}),
    "elu": (lambda x, o: F.elu(x), {"backward": lambda g, x, y, o: A.elu_backward(g, 1.0, 1.0, 1.0, False, x),
                                    "backward_y": lambda g, x, y, o: A.elu_backward(g, 1.0, 1.0, 1.0, True, y)}),
    "selu": (lambda x, o: F.selu(x), {}),
    "tanh": (lambda x, o: torch.tanh(x, out=o), {"backward_y": lambda g, x, y, o: A.tanh_backward(g, y)}),
    "sigmoid": (lambda x, o: torch.sigmoid(x, out=o), {"backward_y": lambda g, x, y, o: A.sigmoid_backward(g, y)}),
    "gelu": (lambda x, o: F.gelu(x), {"backward": lambda g, x, y, o: A.gelu_backward(g, x)}),
    "gelu_tanh": (lambda x, o: F.gelu(x, approximate="tanh"),
                  {"backward": lambda g, x, y, o: A.gelu_backward(g, x, approximate="tanh")}),
    "silu": (lambda x, o: F.silu(x), {"backward": lambda g, x, y, o: A.silu_backward(g, x)}),
    "mish": (lambda x, o: F.mish(x), {"backward": lambda g, x, y, o: A.mish_backward(g, x)}),
    "softplus": (lambda x, o: F.softplus(x), {"backward": lambda g, x, y, o: A.softplus_backward(g, x, 1.0, 20.0)}),
    "hard_swish": (lambda x, o: F.hardswish(x), {"backward": lambda g, x, y, o: A.hardswish_backward(g, x)}),
    "hardsigmoid": (lambda x, o: F.hardsigmoid(x), {"backward": lambda g, x, y, o: A.hardsigmoid_backward(g, x)}),
    "logsigmoid": (lambda x, o: F.logsigmoid(x), {}),
    "hardtanh": (lambda x, o: F.hardtanh(x), {"backward": lambda g, x, y, o: A.hardtanh_backward(g, x, -1.0, 1.0)}),
    "softsign": (lambda x, o: F.softsign(x), {}),
    "prelu": (lambda x, o: F.prelu(x, torch.tensor([0.25])), {}),
}


def timed(fn, n):
    fn()
    t0 = time.perf_counter()
    fn()
    reps = int(5e-3 / max(time.perf_counter() - t0, 1e-9)) + 1
    v = []
    for _ in range(7):
        b = time.perf_counter()
        for _ in range(reps):
            fn()
        v.append((time.perf_counter() - b) / reps / n * 1e9)
    return sorted(v)[3]


def main():
    threads = int(sys.argv[1])
    torch.set_num_threads(threads)
    for size in map(int, sys.argv[2:]):
        gen = torch.Generator().manual_seed(1)
        x = torch.randn(size, generator=gen) * 2
        g = torch.randn(size, generator=gen)
        out = torch.empty(size)
        for name, (fwd, bwds) in OPS.items():
            y = fwd(x, out).clone()
            rec = {"peer": "pytorch", "activation": name, "size": size, "threads": threads}
            print(json.dumps(dict(rec, direction="forward", ns_per_element=timed(lambda: fwd(x, out), size))),
                  flush=True)
            for direction, bwd in bwds.items():
                print(json.dumps(dict(rec, direction=direction,
                                      ns_per_element=timed(lambda: bwd(g, x, y, out), size))), flush=True)


if __name__ == "__main__":
    main()
