"""Built-in plugins. Each folder is one self-contained plugin, discovered by entry point."""
