"""Qt views, item models, delegates and undo commands over the services."""
