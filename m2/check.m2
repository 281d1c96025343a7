-- Runs as an M2 user would (make test-m2): installs the package from this
-- folder into a temporary prefix, which builds its html documentation and
-- runs every documented example, then runs its TEST sections.
prefix = temporaryFileName() | "/";
installPackage("NeuroAlgebraicGeometry",
    FileName => currentFileDirectory | "NeuroAlgebraicGeometry.m2",
    InstallPrefix => prefix)
check "NeuroAlgebraicGeometry"
run("rm -rf " | format prefix);
