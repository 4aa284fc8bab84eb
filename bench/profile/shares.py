#!/usr/bin/env python3
"""Inclusive shares of chosen frames in collapsed stacks (bench/profile/Flame.java's .collapsed files).

Usage: bench/profile/shares.py <file.collapsed>... ; each file's share of samples with each frame (substring) on the stack.
"""
import sys

MARKS = [
    ("the _id/unique index lookup (server's H2UniqueIndex)", "H2UniqueIndex.getPosition"),
    ("the unique index lookup (Marquee's UniqueIndex)", "embedded.UniqueIndex.getPosition"),
    ("H2 comparing keys by Java serialization", "ObjectDataType$SerializedObjectType.compare"),
    ("Java serialization anywhere", "java.io.ObjectOutputStream.writeObject"),
    ("Java deserialization anywhere", "java.io.ObjectInputStream.readObject"),
    ("reading documents (H2Collection.getDocument)", "H2Collection.getDocument"),
    ("the embedded server handling a command", "MongoWireProtocolHandler"),
    ("the embedded server encoding BSON", "BsonEncoder"),
    ("the driver (com.mongodb.internal.connection)", "com.mongodb.internal.connection"),
    ("Spring Data's MappingMongoConverter.read", "MappingMongoConverter.read"),
    ("graphql-java executing (Execution.execute)", "graphql.execution.Execution.execute"),
    ("graphql-java parse + validate", "graphql.GraphQL.parseAndValidate"),
    ("Micrometer (any frame)", "io.micrometer."),
    ("observations (ObservationRegistry / Observation.start)", "io.micrometer.observation.SimpleObservation.start"),
    ("Jackson writing", "com.fasterxml.jackson.databind.ObjectMapper.writeValue"),
    ("Jackson 3 writing", "tools.jackson.databind"),
    ("Spring Security filters", "org.springframework.security.web.FilterChainProxy.doFilter"),
    ("Tomcat request threads", "thread http-nio-exec"),
    ("embedded server threads", "thread mongo-server-worker"),
]

for path in sys.argv[1:]:
    stacks = []
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        stacks.append((stack, int(count)))
    total = sum(c for _, c in stacks)
    print(f"\n{path}: {total} samples")
    for label, mark in MARKS:
        n = sum(c for s, c in stacks if mark in s)
        if n:
            print(f"  {100.0 * n / total:5.1f} %  {label}  [{mark}]")
