#!/usr/bin/env bash
# The MongoDB Java driver's jars (sync driver, core, BSON) from the local Maven repository, at the version the
# project builds with, as a classpath for the single-file tools of bench/live (FillChangeLog.java).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(./mvnw -o -q help:evaluate -Dexpression=mongodb.version -DforceStdout 2>/dev/null || true)
repo=${MAVEN_REPO:-$HOME/.m2/repository}/org/mongodb
[[ -n $version && -d $repo/bson/$version ]] || version=$(ls "$repo/bson" | sort -V | tail -1)
echo "$repo/mongodb-driver-sync/$version/mongodb-driver-sync-$version.jar:$repo/mongodb-driver-core/$version/mongodb-driver-core-$version.jar:$repo/bson/$version/bson-$version.jar"
