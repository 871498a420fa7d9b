"""Every lesson widget module, and its BENCH entries (what bench/widgets.py and
bench/browser.py drive): (module, builder, control, values) each."""
import importlib

MODULES = ("start", "weighted_sum", "bias", "activations", "forward", "losses", "chain_rule",
           "descent", "backprop", "playground", "depth", "generalization", "convolution", "digits", "words")
ENTRIES = [(mod, *entry) for mod in MODULES
           for entry in importlib.import_module(f"nnlessons.widgets.{mod}").BENCH]
IDS = [f"{m}.{b}.{c}" for m, b, c, _ in ENTRIES]
