"""The engine's tests and their helpers, a package so that its modules are imported one way only:
as tests.engine.* in CPython, with relative imports inside it (in Pyodide it is the package `engine`)."""
