"""Runs a pipeline over a folder of images with Ray Data and prints the throughput.

    python examples/ray_folder.py glitch-effect photos/ out/ [--cpus 2] [--workers 1]

Ray reads every image of the folder (PNG, JPEG, ...; as RGB) on its tasks; pipeline workers
(actors, each building the pipeline once) run it, a preset name or a pipeline file, and write
each result as ``out/<name>.png``.
"""

import argparse
import os
import time

import ray

import pixelpipe
import pixelpipe.ray


class RunAndSave(pixelpipe.ray.PipelineMapper):
    """The pipeline on each image of a batch, each result saved under its input's name."""

    def __init__(self, pipeline, out_dir):
        super().__init__(pipeline, column="image")
        self.out_dir = out_dir

    def __call__(self, batch):
        for image, path in zip(batch["image"], batch["path"]):
            stem = os.path.splitext(os.path.basename(path))[0]
            pixelpipe.save(self.pipeline.run(image), os.path.join(self.out_dir, stem + ".png"))
        return {"path": batch["path"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipeline")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    out_dir = os.path.abspath(args.output)
    os.makedirs(out_dir, exist_ok=True)
    ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    start = time.time()
    ds = ray.data.read_images(args.input, mode="RGB", include_paths=True)
    done = ds.map_batches(
        RunAndSave,
        fn_constructor_args=(args.pipeline, out_dir),
        batch_format="numpy",
        batch_size=8,
        compute=ray.data.ActorPoolStrategy(size=args.workers),
    )
    count = done.count()
    took = time.time() - start
    print(f"ray: {count} images in {took:.1f} s, {count / took:.2f} images/s ({args.cpus} CPUs, {args.workers} worker(s))")
    ray.shutdown()


if __name__ == "__main__":
    main()
