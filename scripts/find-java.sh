#!/usr/bin/env bash
# Prints a JAVA_HOME with Java 21 or newer: $JAVA_HOME if it qualifies, else the newest JDK under /usr/lib/jvm,
# /Library/Java/JavaVirtualMachines or ~/.sdkman. Exits 1 with a message when there is none.
set -euo pipefail

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1; }

ok() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 21 ] 2>/dev/null; }

if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
best=""; best_v=0
for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
  [ -d "$dir" ] || continue
  if ok "$dir"; then v=$(major "$dir"); if [ "$v" -gt "$best_v" ]; then best="$dir"; best_v=$v; fi; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi
echo "socketway: needs a JDK 21 or newer; set JAVA_HOME to one (found none under /usr/lib/jvm)" >&2
exit 1
