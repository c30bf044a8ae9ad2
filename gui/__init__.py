"""The desktop window: widgets and Qt models over the engine (see gui.app.main)."""
