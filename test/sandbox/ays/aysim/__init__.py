"""The simulated JumpScale 7 `ays` of the AYS sandbox (test/sandbox). Python 3; see test/sandbox/README.md."""
