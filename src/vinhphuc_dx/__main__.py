"""``python -m vinhphuc_dx``: the same as the ``vinhphuc-dx`` command."""

from vinhphuc_dx.cli import run

if __name__ == "__main__":
    run()
