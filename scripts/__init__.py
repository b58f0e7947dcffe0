"""Project tools run by the Makefile (`make audit`, `make bench`); importable by the tests."""
