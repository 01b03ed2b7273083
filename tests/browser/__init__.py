"""Browser tests (a package, so that this folder's conftest.py does not shadow tests/conftest.py
for the modules that `from site_build import ...`)."""
