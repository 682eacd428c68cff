"""Stage 4, resolve: names as written to the registry's organizations, demands to themes, the review queue. Runs
again, from what extraction kept, whenever the organization registry or the themes change."""
