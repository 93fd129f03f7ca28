"""Gradient descent and momentum on quadratics f(θ) = ½ θᵀHθ − bᵀθ: stability, optimal steps,
rates, iteration counts and regimes, derived exactly and checked with numpy spectra and the real
``torch.optim.SGD``."""
