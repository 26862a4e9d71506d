"""Facts and figures: quantities, claims and where sources disagree."""
