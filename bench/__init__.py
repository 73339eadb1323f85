"""Benchmarks: scale measurements that are run by hand, never by the test suite."""
