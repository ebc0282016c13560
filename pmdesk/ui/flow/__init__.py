"""The Flow view of a board: charts painted from shared shapes."""
