#!/bin/bash
# Time from launch until a jar answers HTTP on /actuator/health and until readiness is UP, on a SQLite
# database that is fresh (both tiers to apply) or up to date, in one start-up flow; docs/benchmarks.md.
# usage: flows.sh <jar> <label> <fresh|uptodate> <flow> [extra args]
jar=$1; label=$2; state=$3; flow=$4; shift 4
dir=$(mktemp -d); db=$dir/webui.db
if [ "$state" = uptodate ]; then java -jar $jar migrate --webui.database.url=sqlite:///$db >/dev/null 2>&1 || java -jar $jar --webui.migrations.command=migrate --webui.database.url=sqlite:///$db >/dev/null 2>&1; fi
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
start=$(date +%s%N)
java -jar $jar --server.port=$port --webui.database.url=sqlite:///$db --webui.migrations.startup-flow=$flow --webui.migrations.backup=off --management.endpoint.health.probes.enabled=true "$@" > $dir/log 2>&1 &
pid=$!
first=""; ready=""
while [ -z "$ready" ]; do
  code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/actuator/health 2>/dev/null)
  now=$(( ($(date +%s%N)-start)/1000000 ))
  if [ "$code" != "000" ] && [ -z "$first" ]; then first=$now; fi
  rcode=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/actuator/health/readiness 2>/dev/null)
  if [ "$rcode" = "200" ]; then ready=$(( ($(date +%s%N)-start)/1000000 )); fi
  if ! kill -0 $pid 2>/dev/null; then echo "$label $state $flow: DIED"; tail -5 $dir/log; break; fi
  sleep 0.02
done
kill $pid; wait $pid 2>/dev/null
echo "$label $state $flow: first HTTP answer ${first} ms, ready ${ready} ms"
rm -rf $dir
