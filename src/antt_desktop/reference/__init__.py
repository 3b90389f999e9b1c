"""Reference tables shipped with the app, read from `resources/`."""
