#!/usr/bin/env python3
"""Where a node's CPU goes, from a JFR recording (docs/benchmarks.md, live updates): the share of execution
samples whose stack (80 frames) holds each category, and the share per thread pool. A sample can be in
several categories (a write answered inside a request thread is both 'request' and 'embedded server').

  jcmd <pid> JFR.start name=p duration=20s filename=live.jfr settings=profile   # while the benchmark runs
  bench/live/jfr-categories.py live.jfr
"""
import collections
import re
import subprocess
import sys

CATEGORIES = {
    'WebSocket sends (Tomcat: UTF-8 encoding, frames, writes)': ['WsRemoteEndpointImplBase'],
    'live fan-out (dev.marquee.live, incl. the sends it starts)': ['dev.marquee.live.'],
    'graphql-java execution': ['graphql.execution.'],
    'bearer token (JWT decode, account lookup)': ['nimbusds', 'TokenVerification'],
    'embedded server (mongo-java-server, H2)': ['de.bwaldvogel', 'org.h2.'],
    'MongoDB driver': ['com.mongodb.'],
    'Spring Data mapping': ['org.springframework.data.mongodb'],
    'JSON (Jackson)': ['tools.jackson'],
}

text = subprocess.run(['jfr', 'print', '--stack-depth', '80', '--events', 'jdk.ExecutionSample', sys.argv[1]],
                      capture_output=True, text=True, check=True).stdout
samples = text.split('jdk.ExecutionSample {')[1:]
shares = collections.Counter()
threads = collections.Counter()
for sample in samples:
    thread = re.search(r'sampledThread = "([^"]+)"', sample)
    threads[re.sub(r'-\d+$', '', thread.group(1)) if thread else '?'] += 1
    for name, needles in CATEGORIES.items():
        if any(needle in sample for needle in needles):
            shares[name] += 1
print(f'{len(samples)} samples')
for name in CATEGORIES:
    print(f'{100 * shares[name] / len(samples):5.1f} %  {name}')
print('by thread:')
for name, count in threads.most_common(8):
    print(f'{100 * count / len(samples):5.1f} %  {name}')
