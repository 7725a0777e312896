"""The interfaces people and programs call: the FastAPI app (one router per resource) and the CLI."""
