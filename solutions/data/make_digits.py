"""Make the course's digits files from the UCI 8x8 handwritten digits.

Source: E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits",
UCI Machine Learning Repository, 1998, doi:10.24432/C50P49 (CC BY 4.0). The copy used
is the one scikit-learn's wheel carries (1,797 images, 64 pixel columns + label)::

    pip download --no-deps -d /tmp/skl scikit-learn
    cd /tmp/skl && unzip -o *.whl 'sklearn/datasets/data/digits.csv.gz'
    python solutions/data/make_digits.py /tmp/skl/sklearn/datasets/data/digits.csv.gz

The split is stratified and fixed: for each class c (in order 0..9) the rows of that
class are shuffled with ``np.random.default_rng(SEED).permutation`` (one generator,
used class after class) and the first ``round(0.8 * n_c)`` go to train, the rest to
the held-out test set. With SEED = 20240 this gives 1,438 train and 359 test images.
Within each file the images are sorted by their original row index.

Writes (np.savez_compressed, keys ``images`` uint8 (m, 8, 8) in [0, 16] and
``labels`` uint8 (m,)):
  nnlessons/data/digits_train.npz   shipped inside the package
  solutions/data/digits_test.npz    held-out grading data, never shipped to learners
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

SEED = 20240
TRAIN_FRACTION = 0.8
REPO = Path(__file__).resolve().parents[2]


def split_indices(labels: np.ndarray, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Stratified split of row indices: (train_idx, test_idx), each sorted."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in range(10):
        rows = np.flatnonzero(labels == c)
        rows = rows[rng.permutation(len(rows))]
        k = int(round(TRAIN_FRACTION * len(rows)))
        train.append(rows[:k])
        test.append(rows[k:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_gz", type=Path, help="path to sklearn's digits.csv.gz")
    parser.add_argument("--train-out", type=Path, default=REPO / "nnlessons" / "data" / "digits_train.npz")
    parser.add_argument("--test-out", type=Path, default=REPO / "solutions" / "data" / "digits_test.npz")
    args = parser.parse_args(argv)

    raw = np.loadtxt(args.csv_gz, delimiter=",")
    if raw.shape != (1797, 65):
        raise SystemExit(f"expected 1797 rows of 64 pixels + label, got {raw.shape}")
    images = raw[:, :64].astype(np.uint8).reshape(-1, 8, 8)
    labels = raw[:, 64].astype(np.uint8)
    assert images.max() <= 16 and set(np.unique(labels)) == set(range(10))

    tr, te = split_indices(labels)
    np.savez_compressed(args.train_out, images=images[tr], labels=labels[tr])
    np.savez_compressed(args.test_out, images=images[te], labels=labels[te])
    print(f"train: {len(tr)} images -> {args.train_out}")
    print(f"test:  {len(te)} images -> {args.test_out}")
    print("per class train:", np.bincount(labels[tr], minlength=10).tolist())
    print("per class test: ", np.bincount(labels[te], minlength=10).tolist())


if __name__ == "__main__":
    main()
