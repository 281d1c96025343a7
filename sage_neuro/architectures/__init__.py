r"""
Network architectures: each is a polynomial map from parameters to the
coefficients of the functions the network computes.
"""
