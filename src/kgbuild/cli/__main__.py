"""`python -m kgbuild.cli`: the `kgbuild` command."""
from . import main

main()
