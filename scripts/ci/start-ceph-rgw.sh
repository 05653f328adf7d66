#!/usr/bin/env bash
# Starts a single-node Ceph cluster (mon + memstore OSD + RADOS Gateway) on 127.0.0.1 as a real,
# signature-checking S3 server for tests, or reuses the one a previous call started.
# Writes $CI_STATE/ceph.env (TEST_S3_ENDPOINT, TEST_S3_BUCKET, TEST_S3_ACCESS_KEY_ID, TEST_S3_SECRET_ACCESS_KEY).
# --auto marks it as started by a test run (see start-postgres.sh). Recipe: docs/deps.md §6a.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ci_parse_start_args "$@"
for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph-authtool monmaptool ceph curl; do
  command -v "$bin" >/dev/null || { echo "start-ceph-rgw: $bin not found (apt-get install ceph-mon ceph-osd radosgw curl)" >&2; exit 1; }
done

D=$CI_STATE/ceph
ENV_FILE=$CI_STATE/ceph.env
PIDS=$CI_STATE/ceph.pids
ACCESS_KEY=${S3_TEST_ACCESS_KEY:-ESMHUBTESTACCESSKEY}
SECRET_KEY=${S3_TEST_SECRET_KEY:-esmhubtestsecretkey0123456789}

recorded_server_up() {
  [ -f "$ENV_FILE" ] && [ -f "$PIDS" ] || return 1
  local pid endpoint
  for pid in $(cat "$PIDS"); do ci_pid_alive "$pid" || return 1; done
  endpoint=$(sed -n 's/^export TEST_S3_ENDPOINT=//p' "$ENV_FILE")
  curl -sf -o /dev/null --max-time 5 "$endpoint/"
}

exec 9>"$CI_STATE/ceph.lock"
flock 9
[ -n "$LEASE" ] && ci_lease_take ceph "$LEASE"

if recorded_server_up; then
  ci_log "Ceph RGW already running: $(sed -n 's/^export TEST_S3_ENDPOINT=//p' "$ENV_FILE")"
  exit 0
fi

ci_kill_pidfile "$PIDS"
rm -rf "$D" "$ENV_FILE" "$CI_STATE/ceph.auto"
mkdir -p "$D"/{run,log,mon.a,osd.0}
MON_V2=$(ci_free_port); MON_V1=$(ci_free_port); RGW_PORT=$(ci_free_port)
FSID=$(cat /proc/sys/kernel/random/uuid)
# "ms * mode = crc": with auth none, the default secure mode makes radosgw loop on auth errors.
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = [v2:127.0.0.1:$MON_V2,v1:127.0.0.1:$MON_V1]
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms cluster mode = crc
ms service mode = crc
run dir = $D/run
pid file = $D/run/\$name.pid
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
keyring = $D/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon max pg per osd = 1000
osd crush chooseleaf type = 0
[mon.a]
mon data = $D/mon.a
[osd.0]
osd data = $D/osd.0
osd objectstore = memstore
memstore device bytes = 2147483648
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
CONF
C=(-c "$D/ceph.conf")

# Records each daemon's pid as soon as it has written its pid file, so a failed start is still cleaned up.
record_pid() {
  local file=$D/run/$1.pid
  ci_wait_for 30 test -s "$file" || { echo "start-ceph-rgw: $1 did not start (see $D/log)" >&2; exit 1; }
  cat "$file" >> "$PIDS"
}
trap 'status=$?; if [ $status != 0 ]; then ci_kill_pidfile "$PIDS"; tail -5 "$D"/log/*.log >&2 || true; fi' EXIT

ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --addv a "[v2:127.0.0.1:$MON_V2,v1:127.0.0.1:$MON_V1]" --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring"
ceph-mon "${C[@]}" -i a 9>&- 2>>"$D/log/daemons.err"
record_pid mon.a
timeout 60 ceph "${C[@]}" osd create >/dev/null
ceph-osd "${C[@]}" -i 0 --mkfs >"$D/log/osd-mkfs.out" 2>&1
ceph-osd "${C[@]}" -i 0 9>&- 2>>"$D/log/daemons.err"
record_pid osd.0
radosgw "${C[@]}" -n client.rgw.a 9>&- 2>>"$D/log/daemons.err"
record_pid client.rgw.a
ci_wait_for 90 curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$RGW_PORT/" \
  || { echo "start-ceph-rgw: radosgw did not answer on port $RGW_PORT" >&2; exit 1; }
timeout 60 radosgw-admin "${C[@]}" user create --uid=esmhub-test --display-name=esmhub-test \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null

cat > "$ENV_FILE" <<ENV
CEPH_CONF=$D/ceph.conf
export TEST_S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
export TEST_S3_BUCKET=esmhub-test
export TEST_S3_ACCESS_KEY_ID=$ACCESS_KEY
export TEST_S3_SECRET_ACCESS_KEY=$SECRET_KEY
ENV
[ "$AUTO" = 1 ] && : > "$CI_STATE/ceph.auto"
ci_log "Ceph RGW ready: http://127.0.0.1:$RGW_PORT (pids $(tr '\n' ' ' < "$PIDS"))"
