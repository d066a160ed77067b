#!/usr/bin/env bash
# Whole-process timings: the keytool example against the real keytool (and openssl for key
# generation), in one run on one machine. Prints each command's median wall time, the ratio,
# and peak memory (max RSS, from /usr/bin/time when present).
#
#   benches/vs-keytool.sh            # keytool 7 runs, ours 31 runs per command
#   RUNS_KT=3 RUNS_RS=11 KEYTOOL=/path/to/keytool benches/vs-keytool.sh
#
# No hyperfine: a plain loop timed with bash's own clock ($EPOCHREALTIME, bash 5), so that no
# helper process is counted; it runs wherever bash 5 does.
set -euo pipefail
cd "$(dirname "$0")/.."

KEYTOOL=${KEYTOOL:-/usr/bin/keytool}
RUNS_KT=${RUNS_KT:-7}
RUNS_RS=${RUNS_RS:-31}
cargo build --release --example keytool -q
OURS=$PWD/target/release/examples/keytool
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CACERTS=tests/data/corpus/generated/cacerts-debian.jks
cp "$CACERTS" "$WORK/base.jks"
cp tests/data/corpus/generated/rsa2048-selfsigned.cert.der "$WORK/new.der"
cp "$WORK/base.jks" "$WORK/with-victim.jks"
"$KEYTOOL" -importcert -noprompt -alias victim -file "$WORK/new.der" \
  -keystore "$WORK/with-victim.jks" -storepass changeit >/dev/null 2>&1


# median_ms RUNS SETUP COMMAND...: runs SETUP (untimed) then COMMAND, RUNS times.
median_ms() {
  local runs=$1 setup=$2; shift 2
  local times=() t0 t1
  for ((i = 0; i < runs; i++)); do
    eval "$setup"
    t0=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1 </dev/null || { echo "failed: $*" >&2; return 1; }
    t1=${EPOCHREALTIME/[.,]/}
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

peak_mib() {
  local setup=$1; shift
  if [ ! -x /usr/bin/time ]; then echo "-"; return; fi
  eval "$setup"
  /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1 </dev/null || true
  awk '{printf "%.1f", $1/1024}' "$WORK/rss"
}

row() {
  local name=$1 setup=$2; shift 2
  # The command's arguments, with TOOL standing for the program under test.
  local args=("$@") kt=() rs=()
  for a in "${args[@]}"; do
    kt+=("${a/TOOL/$KEYTOOL}"); rs+=("${a/TOOL/$OURS}")
  done
  local mk mr pk pr
  mk=$(median_ms "$RUNS_KT" "$setup" "${kt[@]}")
  mr=$(median_ms "$RUNS_RS" "$setup" "${rs[@]}")
  pk=$(peak_mib "$setup" "${kt[@]}")
  pr=$(peak_mib "$setup" "${rs[@]}")
  printf '| %-28s | %9s | %8s | %7s× | %7s | %6s |\n' "$name" "$mk" "$mr" \
    "$(awk -v a="$mk" -v b="$mr" 'BEGIN {printf "%.0f", a / b}')" "$pk" "$pr"
}

fresh_copy='cp "$WORK/base.jks" "$WORK/ks.jks"'
victim_copy='cp "$WORK/with-victim.jks" "$WORK/ks.jks"'
no_store='rm -f "$WORK/gen.p12"'

echo "keytool: $KEYTOOL ($("$KEYTOOL" -J-version 2>&1 | head -1)); ours: $OURS"
echo "medians of $RUNS_KT keytool runs and $RUNS_RS runs of ours; peak RSS of one run"
echo
printf '| %-28s | %9s | %8s | %8s | %7s | %6s |\n' command "keytool ms" "ours ms" ratio \
  "kt MiB" "ours MiB"
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------------------ ----------- ---------- \
  ---------- --------- --------
row "-list -cacerts" : TOOL -list -cacerts -storepass changeit
row "-list -v -cacerts" : TOOL -list -v -cacerts -storepass changeit
row "-genkeypair RSA-2048" "$no_store" TOOL -genkeypair -keyalg RSA -keysize 2048 \
  -alias server -dname "CN=bench.example.com, O=Bench, C=US" -validity 365 \
  -keystore "$WORK/gen.p12" -storepass changeit
row "-genkeypair EC P-256" "$no_store" TOOL -genkeypair -keyalg EC -groupname secp256r1 \
  -alias server -dname "CN=bench.example.com" -keystore "$WORK/gen.p12" -storepass changeit
row "-genkeypair Ed25519" "$no_store" TOOL -genkeypair -keyalg Ed25519 \
  -alias server -dname "CN=bench.example.com" -keystore "$WORK/gen.p12" -storepass changeit
no_jceks='rm -f "$WORK/gen.jceks"'
row "-genseckey AES (JCEKS)" "$no_jceks" TOOL -genseckey -keyalg AES -keysize 256 \
  -alias s -keystore "$WORK/gen.jceks" -storetype JCEKS -storepass changeit
ec_store='cp "$WORK/ec.p12" "$WORK/sc.p12"'
"$KEYTOOL" -genkeypair -keyalg EC -alias server -dname CN=bench -keystore "$WORK/ec.p12" \
  -storepass changeit >/dev/null 2>&1
row "-selfcert EC P-256" "$ec_store" TOOL -selfcert -alias server -validity 825 \
  -keystore "$WORK/sc.p12" -storepass changeit
row "-importcert (150-cert JKS)" "$fresh_copy" TOOL -importcert -noprompt -alias added \
  -file "$WORK/new.der" -keystore "$WORK/ks.jks" -storepass changeit
row "-exportcert (150-cert JKS)" "$fresh_copy" TOOL -exportcert -alias "debian:isrg_root_x1.pem" \
  -file "$WORK/out.der" -keystore "$WORK/ks.jks" -storepass changeit
row "-delete (150-cert JKS)" "$victim_copy" TOOL -delete -alias victim \
  -keystore "$WORK/ks.jks" -storepass changeit

# -printcert -sslserver against a loopback openssl s_server (RSA-2048 certificate).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/tls.key" -out "$WORK/tls.pem" \
  -subj /CN=localhost -days 30 >/dev/null 2>&1
TLS_PORT=$((20000 + RANDOM % 20000))
openssl s_server -quiet -www -accept "127.0.0.1:$TLS_PORT" -key "$WORK/tls.key" \
  -cert "$WORK/tls.pem" </dev/null >/dev/null 2>&1 &
TLS_PID=$!
trap 'kill $TLS_PID 2>/dev/null; rm -rf "$WORK"' EXIT
sleep 0.5
row "-printcert -sslserver" : TOOL -printcert -sslserver "127.0.0.1:$TLS_PORT"

# -importcert -bundle has no keytool twin (keytool imports one certificate per run: 145 s
# for these 144 here); ours alone, the 144 cacerts as one PEM into a new PKCS#12.
"$OURS" -list -rfc -keystore "$WORK/base.jks" -storepass changeit 2>/dev/null \
  | sed -n '/^-----BEGIN/,/^-----END/p' >"$WORK/bundle.pem"
no_bundle_store='rm -f "$WORK/bundle.p12"'
m=$(median_ms "$RUNS_RS" "$no_bundle_store" "$OURS" -importcert -bundle -file "$WORK/bundle.pem" \
  -keystore "$WORK/bundle.p12" -storepass changeit -noprompt)
p=$(peak_mib "$no_bundle_store" "$OURS" -importcert -bundle -file "$WORK/bundle.pem" \
  -keystore "$WORK/bundle.p12" -storepass changeit -noprompt)
printf '| %-28s | %9s | %8s | %8s | %7s | %6s |\n' "-importcert -bundle (144)" - "$m" - - "$p"

# -check has no keytool twin either: 1,000 copies of the 144-certificate cacerts in a folder
# (prometheus output: exit 0 whatever the findings).
mkdir -p "$WORK/check"
for i in $(seq 1 1000); do cp "$CACERTS" "$WORK/check/cacerts-$i.jks"; done
m=$(median_ms 5 : "$OURS" -check -dir "$WORK/check" -format prometheus)
p=$(peak_mib : "$OURS" -check -dir "$WORK/check" -format prometheus)
printf '| %-28s | %9s | %8s | %8s | %7s | %6s |\n' "-check, 1,000 stores x 144" - "$m" - - "$p"

KT25=${KEYTOOL25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool}
if [ -x "$KT25" ]; then
  echo
  echo "keytool 25 ($KT25), ours with JAVAKEYSTORE_KEYTOOL=25:"
  export JAVAKEYSTORE_KEYTOOL=25
  KEYTOOL=$KT25
  row "-genkeypair ML-DSA-65" "$no_store" TOOL -genkeypair -keyalg ML-DSA-65 \
    -alias server -dname "CN=bench.example.com" -keystore "$WORK/gen.p12" -storepass changeit
  row "-genkeypair EC (P-384)" "$no_store" TOOL -genkeypair -keyalg EC \
    -alias server -dname "CN=bench.example.com" -keystore "$WORK/gen.p12" -storepass changeit
  unset JAVAKEYSTORE_KEYTOOL
fi

echo
echo "openssl, for key generation ($(openssl version)):"
for cmd in "genrsa 2048" "req -x509 -newkey rsa:2048"; do
  if [ "$cmd" = "genrsa 2048" ]; then
    m=$(median_ms "$RUNS_RS" : openssl genrsa -out "$WORK/k.pem" 2048)
  else
    m=$(median_ms "$RUNS_RS" : openssl req -x509 -newkey rsa:2048 -nodes \
      -subj /CN=bench.example.com -days 365 -keyout "$WORK/k.pem" -out "$WORK/c.pem")
  fi
  printf '| openssl %-26s | %8s ms |\n' "$cmd" "$m"
done
