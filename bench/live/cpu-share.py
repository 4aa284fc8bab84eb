#!/usr/bin/env python3
"""CPU each process used over a window, in cores (1.00 = one core busy the whole time), from /proc/PID/stat
(user + system time; threads included). For "where do the two cores go" during a benchmark:

  bench/live/cpu-share.py 10 database=$(cat bench/results/cluster/database.pid) a=$(cat …/a.pid) b=… nginx=…
  bench/live/cpu-share.py 10 after=5 client=$(pgrep -f Live.java)       # start 5 s from now, then 10 s

Also prints the machine's total over the window (/proc/stat), so that what no process named took shows.
"""
import os
import sys
import time

TICKS = os.sysconf('SC_CLK_TCK')


def process_seconds(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    # after the command: state is fields[0], utime is the 14th field of the line (index 11 here), stime 15th
    return (int(fields[11]) + int(fields[12])) / TICKS


def machine_seconds():
    with open('/proc/stat') as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICKS


def main():
    window = float(sys.argv[1])
    named = []
    delay = 0.0
    for arg in sys.argv[2:]:
        name, value = arg.split('=', 1)
        if name == 'after':
            delay = float(value)
        else:
            named.append((name, int(value)))
    time.sleep(delay)
    before = {name: process_seconds(pid) for name, pid in named}
    machine_before = machine_seconds()
    started = time.monotonic()
    time.sleep(window)
    elapsed = time.monotonic() - started
    total = 0.0
    for name, pid in named:
        used = (process_seconds(pid) - before[name]) / elapsed
        total += used
        print(f'{name:>10}  {used:5.2f} cores')
    print(f'{"named":>10}  {total:5.2f} cores')
    print(f'{"machine":>10}  {(machine_seconds() - machine_before) / elapsed:5.2f} cores of {os.cpu_count()}')


if __name__ == '__main__':
    main()
