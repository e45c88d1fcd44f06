"""The command line: one module per command, thin wrappers over library functions."""
