"""What runs around the pipeline: the witness worker pool and the result cache."""
