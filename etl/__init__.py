"""Build the Internationals Archive: raw/ sources and registries into archive.db."""
