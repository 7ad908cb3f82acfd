#!/bin/sh
# Stands in for the unit tests when configure did not find CUnit: fails,
# and says why, so that 'make check' cannot pass without them.
echo "unit: CUnit was not found when configure ran, so the unit tests (tests/unit) were not built."
echo "unit: install it (Debian: libcunit1-dev, or ./bootstrap --install-deps) and run configure again."
echo "unit: 0 passed, 1 failed"
exit 1
