#!/usr/bin/python3
"""Print one plain line 'N passed, N failed, N skipped' from meson testlog.json files.

Each failed test is named first, with the end of its output, so a CI log
that keeps only its last lines still says what failed."""
import json
import sys

TAIL_LINES = 12

passed = failed = skipped = 0
failures = []
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                line = line.strip()
                if not line:
                    continue
                test = json.loads(line)
                result = test.get("result")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
                    failures.append(test)
    except FileNotFoundError:
        # A suite that never ran is a failure, not silence.
        print(f"missing test log: {path}", file=sys.stderr)
        failed += 1

for test in failures:
    print(f"FAILED: {test.get('name')} ({test.get('result')}, "
          f"{test.get('duration', 0):.0f} s)")
    # TAP tests say what failed on stdout, the UI scripts on stderr.
    for stream in ("stdout", "stderr"):
        output = (test.get(stream) or "").rstrip().splitlines()
        for out_line in output[-TAIL_LINES:]:
            print(f"    {stream}: {out_line}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
