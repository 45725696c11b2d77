"""A pipeline over images as a Ray Dataset, written back as PNG files; prints the throughput.

    python examples/ray_folder.py glitch-effect photos/ -o out/ [--address auto] [--workers 1]

The Dataset route, for work that goes on in Ray after the pipeline: pixelpipe decodes the
files on Ray's workers (the original's pixels, alpha kept), pipeline workers (actors, each
building the pipeline once) run it, and each result is saved as ``out/<name>.png``. For files
in and files out, ``python -m pixelpipe.ray batch`` does the same with ``pixelpipe batch``'s
output layout, resume and summary.
"""

import argparse
import os
import time

import ray

import pixelpipe
import pixelpipe.ray


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipeline", help="pipeline file or preset name")
    parser.add_argument("inputs", nargs="+", help="image files, folders or glob patterns")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--address", help="the Ray cluster; default: a local Ray")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    out_dir = os.path.abspath(args.output)
    os.makedirs(out_dir, exist_ok=True)
    ray.init(address=args.address, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False

    def save(row):
        stem = os.path.splitext(os.path.basename(row["path"]))[0]
        pixelpipe.save(row["image"], os.path.join(out_dir, stem + ".png"))
        return {"path": row["path"]}

    start = time.time()
    images = pixelpipe.ray.read_images(args.inputs)
    count = pixelpipe.ray.map_pipeline(images, args.pipeline, workers=args.workers).map(save).count()
    took = time.time() - start
    print(f"ray: {count} images in {took:.1f} s, {count / took:.2f} images/s ({args.workers} pipeline worker(s))")
    ray.shutdown()


if __name__ == "__main__":
    main()
