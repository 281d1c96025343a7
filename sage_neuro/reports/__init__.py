r"""
The report layer: plots and atlas sections, drawn from the values and
certificates of the mathematics layer.
"""
