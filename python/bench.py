"""The Python API's costs (run it after `maturin develop --release`):

1. overhead: `Pipeline.run(array)` on a 1 MP RGB array against the same pipeline run inside
   Rust in this process (median of 15 each; the goal is within 10% + 1 ms);
2. threads: 16 runs by one Python thread against the same 16 split over two threads (a
   pipeline that computes and one that mostly moves memory), with
   the pool of each run at one thread (RAYON_NUM_THREADS=1), so the figure is the GIL's
   release alone (the goal is >= 1.7x).

    RAYON_NUM_THREADS=1 python python/bench.py      # the thread figure as intended
    python python/bench.py                          # overhead with the whole machine per run
"""

import os
import statistics
import threading
import time

import numpy as np

import pixelpipe

PRESETS = ["glitch-effect", "retro-effect", "vintage-photo"]


def median_time(f, n=15):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    image = np.random.default_rng(1).integers(0, 256, (866, 1155, 3), dtype=np.uint8)
    print(f"1 MP RGB ({image.shape[1]}x{image.shape[0]}), RAYON_NUM_THREADS={os.environ.get('RAYON_NUM_THREADS', 'unset')}")
    for name in PRESETS:
        p = pixelpipe.Pipeline.preset(name)
        rust = p._native._time_in_rust(image, 15)
        py = median_time(lambda: p.run(image))
        ok = py <= rust * 1.10 + 0.001
        print(f"{name:<16} rust {rust * 1e3:8.2f} ms  python {py * 1e3:8.2f} ms  overhead {(py - rust) * 1e3:+6.2f} ms  {'ok' if ok else 'OVER'}")
    images = [np.random.default_rng(s).integers(0, 256, (866, 1155, 3), dtype=np.uint8) for s in range(16)]
    # retro-effect computes; glitch-effect mostly moves memory, which two cores share.
    for name in ["retro-effect", "glitch-effect"]:
        p = pixelpipe.Pipeline.preset(name)

        def run(part):
            for i in part:
                p.run(i)

        for attempt in range(3):
            t = time.perf_counter()
            run(images)
            one = time.perf_counter() - t
            t = time.perf_counter()
            threads = [threading.Thread(target=run, args=(images[k::2],)) for k in range(2)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            two = time.perf_counter() - t
            print(f"{name}, 16 runs: one thread {one:.3f} s, two threads {two:.3f} s: {one / two:.2f}x")


if __name__ == "__main__":
    main()
