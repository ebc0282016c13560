"""History from the event log: per item, and for a product since a date."""
