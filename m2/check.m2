-- Runs the TEST sections of the package (make test-m2).
loadPackage("NeuroAlgebraicGeometry", FileName => currentFileDirectory | "NeuroAlgebraicGeometry.m2")
check "NeuroAlgebraicGeometry"
