"""Plain-Python values and rules of pmdesk; no Qt, no SQL."""
