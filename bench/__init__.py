"""`make bench`: load tests of the portal with a large generated symbiosis (docs/performance.md)."""
