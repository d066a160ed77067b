#!/bin/sh
# keytool 25 (Temurin 25) stores with the key types keytool 17 lacks: EdDSA, XDH, ML-DSA and
# ML-KEM (the latter two signed by an ML-DSA key, as ML-KEM cannot sign). `sh make.sh`;
# every password is `changeit`. pqc.jks is the same entries converted by keytool 25.
set -e
kt=${KEYTOOL25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool}
rm -f pqc.p12 pqc.jks
gen() { "$kt" -genkeypair -keystore pqc.p12 -storepass changeit -validity 3650 -alias "$@"; }
gen ed25519 -keyalg Ed25519 -dname CN=ed25519
gen ed448 -keyalg Ed448 -dname CN=ed448
gen mldsa44 -keyalg ML-DSA-44 -dname CN=mldsa44
gen mldsa87 -keyalg ML-DSA-87 -dname CN=mldsa87
gen mlkem768 -keyalg ML-KEM-768 -signer mldsa44 -dname CN=mlkem768
gen x25519 -keyalg X25519 -signer ed25519 -dname CN=x25519
"$kt" -importkeystore -srckeystore pqc.p12 -srcstorepass changeit -destkeystore pqc.jks \
  -deststoretype JKS -deststorepass changeit -noprompt
