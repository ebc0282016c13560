"""The Product page: the product manager's strategy fields and goals."""
