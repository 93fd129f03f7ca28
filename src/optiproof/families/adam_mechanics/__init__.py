"""The mechanics of Adam, RMSprop and AdamW: the update rule, bias correction, the first step,
loss-scale invariance, the sign-descent limit, the exact per-coordinate step bound, and L2
regularisation vs decoupled weight decay - derived exactly, checked against the real
``torch.optim`` optimizers."""
