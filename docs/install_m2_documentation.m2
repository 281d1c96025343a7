-- Builds the HTML documentation of the Macaulay2 package NeuroAlgebraicGeometry
-- into docs/_generated/m2prefix (make docs); the reference manual links to it.
srcDir = currentFileDirectory | "../m2/";
-- the package is not installed in Macaulay2's own tree: make it findable by name
path = prepend(srcDir, path);
installPackage("NeuroAlgebraicGeometry",
    FileName => srcDir | "NeuroAlgebraicGeometry.m2",
    InstallPrefix => currentFileDirectory | "_generated/m2prefix/",
    RunExamples => true, IgnoreExampleErrors => false, CheckDocumentation => false)
