"""Text-reading records and helpers shared by the reading layer and the families' reader
hooks: numbers and arrays as written, matching helpers, part records, math objects."""
