"""``python -m pixelpipe.ray batch``: ``pixelpipe batch`` on a Ray cluster.

    python -m pixelpipe.ray batch glitch-effect -i photos/ -o out/ --address auto --resume

The flags, outputs, summary and exit codes are ``pixelpipe batch``'s: 0 when every image is
done (or up to date), 1 when some failed, 2 for an invalid command or pipeline. Without
``--address`` a local Ray is started on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

from .. import PixelpipeError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pixelpipe.ray", description="pixelpipe on a Ray cluster.")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("batch", help="many images through one pipeline, as `pixelpipe batch`, on Ray")
    b.add_argument("pipeline", help="pipeline file, or a preset name")
    b.add_argument("-i", "--input", nargs="+", required=True, help="input files, folders or glob patterns")
    b.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    b.add_argument("--address", help="the Ray cluster (`auto`, `ray://host:10001`, `host:6379`); default: a local Ray")
    b.add_argument("--recursive", action="store_true", help="read input folders to any depth")
    b.add_argument("--format", help="output format for every image (png, jpg, tiff, webp, ...; default: each input's own)")
    b.add_argument("--quality", type=int, choices=range(1, 101), metavar="1-100", help="JPEG quality (default 75)")
    b.add_argument("--resume", action="store_true", help="skip images whose output is newer than the input and the pipeline file")
    b.add_argument("--max-memory", metavar="SIZE", help="each worker's memory budget (e.g. 512MB)")
    b.add_argument("--progress", choices=["auto", "json", "none"], default="auto",
                   help="`json`: one line per finished image on standard output")
    b.add_argument("--summary", metavar="FILE", help="write the summary as JSON to this file")
    b.add_argument("--strict", action="store_true", help="unknown parameter names are errors")
    b.add_argument("--images-per-task", type=int, metavar="N", help="images per Ray task (default: about 8 tasks per CPU)")
    b.add_argument("--max-retries", type=int, default=3, metavar="N", help="retries of a task whose worker died (default 3)")
    return parser


def _write_atomically(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".pixelpipe-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    from . import batch, summary_text

    repeats: dict = {}

    def progress(row):
        if args.progress == "json":
            print(json.dumps(row), flush=True)
        # Each warning once, with the first image that gave it; repeats are counted.
        for w in row["warnings"]:
            repeats[w] = repeats.get(w, 0) + 1
            if repeats[w] == 1:
                print(f"warning: {row['input']}: {w}", file=sys.stderr)

    try:
        summary = batch(
            args.pipeline,
            args.input,
            args.output,
            address=args.address,
            format=args.format,
            quality=args.quality,
            recursive=args.recursive,
            resume=args.resume,
            max_memory=args.max_memory,
            strict=args.strict,
            images_per_task=args.images_per_task,
            max_retries=args.max_retries,
            on_result=progress,
        )
    except PixelpipeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w, n in sorted(repeats.items()):
        if n > 1:
            print(f"warning: {w} (for {n} images in all)", file=sys.stderr)
    text = summary_text(summary)
    nodes = ", ".join(f"{node[:8]}: {n}" for node, n in sorted(summary["nodes"].items()))
    text += f"ray: {len(summary['nodes'])} node(s) ran the images ({nodes})\n"
    print(text, end="", file=sys.stderr if args.progress == "json" else sys.stdout)
    if args.summary:
        _write_atomically(args.summary, json.dumps(summary, indent=2))
    if summary["failed"] > 0:
        print(f"error: {summary['failed']} of {summary['images']} image(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
