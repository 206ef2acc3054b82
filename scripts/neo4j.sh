#!/usr/bin/env bash
# Start/stop a local embedded Neo4j Community server (Bolt only) for hemigraph.
#
#   scripts/neo4j.sh start    # prints progress on stderr, the Bolt URI as the last stdout line
#   scripts/neo4j.sh stop
#   scripts/neo4j.sh status   # exit 0 if running, 3 if not
#
# Environment:
#   NEO4J_PORT       Bolt port on 127.0.0.1            (default 7687)
#   NEO4J_DATA_DIR   store, logs and pid file           (default <repo>/.data/neo4j)
#   NEO4J_HEAP       JVM heap, e.g. 1g                  (default 1g)
#   NEO4J_PAGECACHE  Neo4j page cache, e.g. 512m        (default 512m)
#   NEO4J_TX_TIMEOUT default transaction timeout        (default 5m, 0 = none)
#   NEO4J_START_TIMEOUT seconds to wait for readiness   (default 120)
#   NEO4J_STOP_TIMEOUT  seconds to wait for shutdown    (default 60)
#   NEO4J_CACHE_DIR  the resolved classpath, the compiled launcher and the class
#                    archive, shared by every clone (default ~/.cache/hemigraph/neo4j)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/neo4j/pom.xml"
SRC="$ROOT/neo4j/src/main/java/hemigraph/neo4j/Launcher.java"
if [ -n "${NEO4J_CACHE_DIR:-}" ]; then
  CACHE_ROOT="$NEO4J_CACHE_DIR"
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
  CACHE_ROOT="$XDG_CACHE_HOME/hemigraph/neo4j"
elif [ -n "${HOME:-}" ]; then
  CACHE_ROOT="$HOME/.cache/hemigraph/neo4j"
else
  CACHE_ROOT="$ROOT/.cache/neo4j"
fi
MAIN_CLASS="hemigraph.neo4j.Launcher"

HOST="127.0.0.1"
PORT="${NEO4J_PORT:-7687}"
DATA_DIR="${NEO4J_DATA_DIR:-$ROOT/.data/neo4j}"
HEAP="${NEO4J_HEAP:-1g}"
PAGECACHE="${NEO4J_PAGECACHE:-512m}"
TX_TIMEOUT="${NEO4J_TX_TIMEOUT:-5m}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

msg() { echo "hemigraph-neo4j: $*" >&2; }
die() { msg "error: $*"; exit 1; }

case "$PORT" in
  '' | *[!0-9]*) die "NEO4J_PORT must be a number, got '$PORT'" ;;
esac
[ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "NEO4J_PORT out of range: $PORT"
for v in START_TIMEOUT STOP_TIMEOUT; do
  case "${!v}" in '' | *[!0-9]*) die "NEO4J_$v must be a whole number of seconds, got '${!v}'" ;; esac
done

case "$DATA_DIR" in
  /*) ;;
  *) DATA_DIR="$PWD/$DATA_DIR" ;;
esac
PID_FILE="$DATA_DIR/neo4j.pid"
PORT_FILE="$DATA_DIR/neo4j.port"
LOG_FILE="$DATA_DIR/neo4j.log"
URI="bolt://$HOST:$PORT"

# port_open HOST PORT: true if something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# running_pid: prints the pid from the pid file if that process is alive.
running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  kill -0 "$pid" 2>/dev/null || return 1
  # guard against pid reuse: the process must be our launcher
  if [ -r "/proc/$pid/cmdline" ] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$MAIN_CLASS"; then
    return 1
  fi
  echo "$pid"
}

check_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH; install a JDK 17 or 21 (e.g. apt-get install openjdk-17-jdk-headless)"
  command -v javac >/dev/null 2>&1 || die "javac not found on PATH; a full JDK 17+ is required, not only a JRE"
  local line major
  line="$(java -version 2>&1 | head -n 1)"
  major="$(sed -E 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/' <<<"$line")"
  # Java 8 and older report "1.x"
  if [ "${major%% *}" = "1" ]; then major="${major#* }"; else major="${major%% *}"; fi
  case "$major" in '' | *[!0-9]*) die "cannot parse Java version from: $line" ;; esac
  [ "$major" -ge 17 ] || die "Java 17 or newer is required, found: $line"
  command -v mvn >/dev/null 2>&1 || die "mvn (Apache Maven) not found on PATH; it is needed once to fetch the Neo4j jars"
}

# Resolve (once) the runtime classpath and compile the launcher, holding a lock on
# the shared cache so parallel starts (e.g. several test data dirs) do not race.
# Both are kept under a key of what they are made from (the pom, the launcher's
# source and the JDK), so every clone on the machine shares them and a change
# to any of those makes them again.
prepare() {
  cache_paths
  lock_cache
  prepare_locked
  exec 8>&-
}

# cache_paths sets the paths of what is kept in the cache for the current pom,
# launcher source and JDK.
cache_paths() {
  local key
  key="$( { cat "$POM" "$SRC"; java -version 2>&1; } | sha256sum | cut -c1-16)"
  CACHE_DIR="$CACHE_ROOT/$key"
  CLASSPATH_FILE="$CACHE_DIR/classpath.txt"
  CLASSES_DIR="$CACHE_DIR/classes"
  LAUNCHER_JAR="$CACHE_DIR/launcher.jar"
  ARCHIVE="$CACHE_DIR/classes.jsa"
}

lock_cache() {
  mkdir -p "$CACHE_DIR" || die "cannot create $CACHE_DIR (set NEO4J_CACHE_DIR to a writable directory)"
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$CACHE_DIR/.lock"
    flock -w 600 8 || die "timed out waiting for the lock on $CACHE_DIR"
  fi
}

prepare_locked() {
  if [ ! -s "$CLASSPATH_FILE" ]; then
    msg "resolving Neo4j jars with Maven (first run downloads ~130 MB into ~/.m2) ..."
    local tmp="$CLASSPATH_FILE.tmp.$$"
    if ! mvn -B -q -f "$POM" dependency:build-classpath \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$tmp" >"$CACHE_DIR/mvn.log" 2>&1; then
      tail -n 40 "$CACHE_DIR/mvn.log" >&2 || true
      rm -f "$tmp"
      die "Maven could not resolve the Neo4j dependencies (full output: $CACHE_DIR/mvn.log)"
    fi
    mv "$tmp" "$CLASSPATH_FILE"
    rm -rf "$CLASSES_DIR" "$ARCHIVE"
  fi
  local cp stamp="$CLASSES_DIR/.built"
  cp="$(cat "$CLASSPATH_FILE")"
  # jars can disappear if ~/.m2 is cleaned: re-resolve then
  local first="${cp%%:*}"
  if [ -n "$first" ] && [ ! -f "$first" ]; then
    msg "cached classpath is stale (missing $first); re-resolving"
    rm -f "$CLASSPATH_FILE"
    prepare_locked
    return
  fi
  if [ ! -f "$stamp" ] || [ ! -s "$LAUNCHER_JAR" ] || [ "$CLASSPATH_FILE" -nt "$stamp" ]; then
    msg "compiling launcher"
    rm -rf "$CLASSES_DIR"
    mkdir -p "$CLASSES_DIR"
    javac -nowarn --release 17 -cp "$cp" -d "$CLASSES_DIR" "$SRC" >&2 || die "failed to compile $SRC"
    # a jar, not a folder, on the classpath: class data sharing wants only jars
    rm -f "$ARCHIVE"
    jar cf "$LAUNCHER_JAR" -C "$CLASSES_DIR" . || die "failed to package the launcher into $LAUNCHER_JAR"
    touch "$stamp"
  fi
}

# Class data sharing: the JVM maps Neo4j's classes, parsed and verified, from
# an archive instead of reading them from the jars, which takes about 2 s off
# a start here. A start without the archive lists the classes it loads
# ($DATA_DIR/classes.lst); its stop makes the archive of them, checks that a
# JVM can map it and only then puts it in the cache. Every start checks it
# again (0.1 s): the JVM would silently ignore an archive it cannot map.
CLASS_LIST_NAME="classes.lst"

# make_archive makes the class archive from the list $1 a stopped run wrote.
make_archive() {
  local list="$1" tmp cp log
  lock_cache
  if [ -s "$ARCHIVE" ] || [ ! -s "$CLASSPATH_FILE" ] || [ ! -s "$LAUNCHER_JAR" ]; then
    rm -f "$list"
    exec 8>&-
    return 0
  fi
  cp="$LAUNCHER_JAR:$(cat "$CLASSPATH_FILE")"
  tmp="$ARCHIVE.tmp.$$"
  log="$CACHE_DIR/archive.log"
  msg "making the class archive of this run, once, for faster starts ($ARCHIVE) ..."
  # Java 17 writes lines of lambda forms longer than it can read back: leave them out.
  awk 'length($0) < 4096' "$list" >"$list.short" && mv "$list.short" "$list"
  if java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" -cp "$cp" >"$log" 2>&1 &&
    java -Xshare:on -XX:SharedArchiveFile="$tmp" -cp "$cp" -version >>"$log" 2>&1; then
    mv "$tmp" "$ARCHIVE"
  else
    rm -f "$tmp"
    msg "warning: no class archive (see $log); Neo4j starts without it"
  fi
  rm -f "$list"
  exec 8>&-
}

cmd_start() {
  local pid
  mkdir -p "$DATA_DIR"
  DATA_DIR="$(cd "$DATA_DIR" && pwd -P)"
  # Serialize concurrent "start" calls on the same data dir (fd 9 is closed for the server).
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$DATA_DIR/.start.lock"
    flock -w 300 9 || die "timed out waiting for another 'start' on $DATA_DIR"
  fi
  if pid="$(running_pid)"; then
    local rport
    rport="$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT")"
    msg "already running (pid $pid, data dir $DATA_DIR)"
    echo "bolt://$HOST:$rport"
    return 0
  fi
  rm -f "$PID_FILE"

  check_java

  if port_open "$HOST" "$PORT"; then
    die "port $PORT is already in use; set NEO4J_PORT to another port or stop what listens there"
  fi

  prepare

  local cp share=()
  cp="$LAUNCHER_JAR:$(cat "$CLASSPATH_FILE")"
  if [ -s "$ARCHIVE" ] && ! java -Xshare:on -XX:SharedArchiveFile="$ARCHIVE" -cp "$cp" -version >/dev/null 2>&1; then
    msg "warning: the JVM cannot map the class archive $ARCHIVE; dropping it (the next stop makes it again)"
    rm -f "$ARCHIVE"
  fi
  if [ -s "$ARCHIVE" ]; then
    share=(-XX:SharedArchiveFile="$ARCHIVE")
  else
    rm -f "$DATA_DIR/$CLASS_LIST_NAME"
    share=(-XX:DumpLoadedClassList="$DATA_DIR/$CLASS_LIST_NAME")
  fi

  msg "starting Neo4j on $URI (data: $DATA_DIR, heap: $HEAP, page cache: $PAGECACHE)"
  {
    echo
    echo "===== $(date -u +%Y-%m-%dT%H:%M:%SZ) start port=$PORT heap=$HEAP ====="
  } >>"$LOG_FILE"
  local log_offset
  log_offset="$(wc -c <"$LOG_FILE")"

  # setsid: own session, so Ctrl-C / hangup of the calling terminal does not hit the
  # server. A background job of a non-interactive script is never a process-group
  # leader, so setsid execs in place and $! is the JVM's pid.
  local launcher=(java "${share[@]}"
    "-Xmx$HEAP"
    -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
    -XX:+DisableExplicitGC -XX:MaxDirectMemorySize=512m
    -Djdk.nio.maxCachedBufferSize=1024
    -Dio.netty.tryReflectionSetAccessible=true
    -Dlog4j2.disable.jmx=true
    -Dfile.encoding=UTF-8
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -cp "$cp" "$MAIN_CLASS"
    --home "$DATA_DIR" --port "$PORT" --address "$HOST"
    --pagecache "$PAGECACHE" --tx-timeout "$TX_TIMEOUT")
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "${launcher[@]}" </dev/null >>"$LOG_FILE" 2>&1 8>&- 9>&- &
  else
    nohup "${launcher[@]}" </dev/null >>"$LOG_FILE" 2>&1 8>&- 9>&- &
  fi
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$PORT" >"$PORT_FILE"

  local t0 deadline ready_line="hemigraph-neo4j: ready $URI"
  t0="$(date +%s%N)"
  deadline=$((t0 + START_TIMEOUT * 1000000000))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      msg "Neo4j exited during startup; last lines of $LOG_FILE:"
      tail -c +"$((log_offset + 1))" "$LOG_FILE" | tail -n 40 >&2 || true
      rm -f "$PID_FILE" "$PORT_FILE"
      exit 1
    fi
    if tail -c +"$((log_offset + 1))" "$LOG_FILE" | grep -qF "$ready_line" && port_open "$HOST" "$PORT"; then
      break
    fi
    if [ "$(date +%s%N)" -ge "$deadline" ]; then
      msg "Neo4j not ready after ${START_TIMEOUT}s; last lines of $LOG_FILE:"
      tail -c +"$((log_offset + 1))" "$LOG_FILE" | tail -n 40 >&2 || true
      msg "stopping pid $pid"
      cmd_stop >/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
  local ms=$((($(date +%s%N) - t0) / 1000000))
  msg "ready after $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s (pid $pid, log $LOG_FILE)"
  echo "$URI"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE" "$PORT_FILE"
    msg "not running (data dir $DATA_DIR)"
    return 0
  fi
  msg "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$((STOP_TIMEOUT * 5))" ]; then
      msg "warning: pid $pid still alive after ${STOP_TIMEOUT}s; sending SIGKILL (store may need recovery on next start)"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE" "$PORT_FILE"
  msg "stopped"
  if [ -s "$DATA_DIR/$CLASS_LIST_NAME" ]; then
    cache_paths
    make_archive "$DATA_DIR/$CLASS_LIST_NAME"
  fi
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid, bolt://$HOST:$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT"), data dir $DATA_DIR)"
  else
    echo "not running (data dir $DATA_DIR)"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop && cmd_start ;;
  *)
    echo "usage: $0 {start|stop|status|restart}" >&2
    exit 2
    ;;
esac
