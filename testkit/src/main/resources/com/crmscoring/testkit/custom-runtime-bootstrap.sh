#!/bin/sh
# The custom runtime's bootstrap (provided.al2023): starts the package's own JVM (jre/, a jlink'ed
# Java 25) with the AOT cache the build trained for it (app.aot), under the AWS Lambda runtime
# interface client, which polls the Runtime API for events and calls the handler ($_HANDLER, from
# the function's Handler setting). JAVA_TOOL_OPTIONS (template.yaml) is read by the JVM itself.
#
# -XX:AOTMode=auto: a cache the JVM cannot use (another JVM, a jar changed since training) is
# reported in the function's log as "[aot]" warnings and the function starts without it.
# CRM_AOT_MODE=on makes such a cache fatal (the build's check); CRM_AOT_TRAINING=<file> writes a
# new cache from this run (the build's training run); CRM_AOT_MODE=off runs without one.
set -eu
ROOT="${LAMBDA_TASK_ROOT:-$(cd "$(dirname "$0")" && pwd)}"
if [ -n "${CRM_AOT_TRAINING:-}" ]; then
  AOT="-XX:AOTCacheOutput=$CRM_AOT_TRAINING"
elif [ "${CRM_AOT_MODE:-auto}" = "off" ]; then
  AOT="-XX:AOTMode=off"
else
  AOT="-XX:AOTMode=${CRM_AOT_MODE:-auto} -XX:AOTCache=$ROOT/app.aot"
fi
# shellcheck disable=SC2086
exec "$ROOT/jre/bin/java" $AOT \
  --enable-native-access=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Djava.io.tmpdir="${TMPDIR:-/tmp}" \
  -cp "$ROOT/app.jar" \
  com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$_HANDLER"
