"""The interfaces over the core: the command line and the translators' web workspace."""
