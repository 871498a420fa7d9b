"""The course's colours: Okabe & Ito (2008), distinguishable with every common
colour-vision deficiency. Plain hex strings (no matplotlib), for figures
(`nnlessons.plots.style`) and for pages drawn without matplotlib (the class report)."""

PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
    "grey": "#999999",
}
