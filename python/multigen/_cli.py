"""The ``multigen`` command: the command line of the Rust crate, run in this process."""

import os
import sys


def main():
    from multigen import _multigen

    # `multigen bench` runs the command again: name this script rather than python3.
    os.environ.setdefault("MULTIGEN_SELF", os.path.abspath(sys.argv[0]))
    sys.stdout.flush()
    code = _multigen.cli_main(["multigen"] + sys.argv[1:])
    sys.exit(code)


if __name__ == "__main__":
    main()
