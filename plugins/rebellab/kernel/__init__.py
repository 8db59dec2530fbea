"""The content kernel: the leaf every capability builds on; it imports none of them."""
