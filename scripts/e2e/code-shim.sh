#!/bin/bash
# A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): it takes
# the arguments test-electron passes to Code and runs the tests in code-server + Chromium instead.
DEV=(); TESTS=""; FOLDER=""
for a in "$@"; do case "$a" in
  --extensionDevelopmentPath=*) DEV+=("${a#*=}");; --extensionTestsPath=*) TESTS="${a#*=}";;
  --*) ;; *) FOLDER="$a";; esac; done
exec node "$(dirname "$0")/run-in-code-server.mjs" "${DEV[0]}" "$TESTS" "${FOLDER:-$PWD}"
