#!/usr/bin/env python3
"""The Windows scenario .ci/windows runs under Wine, with keytool.exe and exchange.exe in
C:\\tools: the field procedures' command lines verbatim (as .bat files, so cmd.exe expands
%CVP_HOME% and redirects `> test.txt`), prompts answered on stdin, CRLF PEM imports, a store
held open by another process during a replace, and `exchange apply` over folders with Windows
paths; every store is then checked with the Linux keytool 17.

    windows_check.py DRIVE_C CRATE_DIR
"""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

C = Path(sys.argv[1])
CRATE = Path(sys.argv[2])
WORK = C / "work"
KEYTOOL = os.environ.get("KEYTOOL", "/usr/bin/keytool")
CACERTS = CRATE / "tests/data/corpus/generated/cacerts-debian.jks"
JRE = C / "Program Files (x86)/Java/jre1.8.0_221/lib/security"
CVP = C / "Cisco/CVP/conf/security"
ENV = dict(os.environ, CVP_HOME=r"C:\Cisco\CVP", WINEDEBUG="-all")
FAILED = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        FAILED.append(what)
        if detail:
            print(detail[-3000:], flush=True)


def bat(name, lines, stdin=b"", timeout=120):
    """Runs lines as C:\\work\\<name>.bat under wine cmd; returns (rc, stdout+stderr)."""
    body = "@echo off\r\nset PATH=C:\\tools;%PATH%\r\ncd /d C:\\work\r\n" + "\r\n".join(lines) + "\r\n"
    (WORK / f"{name}.bat").write_bytes(body.encode())
    p = subprocess.run(["wine", "cmd", "/c", f"C:\\work\\{name}.bat"], input=stdin,
                       capture_output=True, env=ENV, timeout=timeout)
    return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")


def linux_list(store, storetype=None, password="changeit"):
    args = [KEYTOOL, "-list", "-keystore", str(store), "-storepass", password]
    if storetype:
        args += ["-storetype", storetype]
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def crlf_pem(src_der_or_pem, dest):
    pem = subprocess.run(["openssl", "x509", "-in", str(src_der_or_pem), "-inform",
                          "DER" if src_der_or_pem.read_bytes()[:1] == b"0" else "PEM"],
                         capture_output=True, check=True).stdout
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(pem.replace(b"\n", b"\r\n"))


def self_signed(cn, dest_pem, dest_key=None):
    key = dest_key or dest_pem.with_suffix(".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(dest_pem), "-days", "365", "-subj", f"/CN={cn}",
                    "-addext", f"subjectAltName=DNS:{cn}",
                    "-addext", "extendedKeyUsage=serverAuth,clientAuth"],
                   capture_output=True, check=True)


def procedures():
    CVP.mkdir(parents=True, exist_ok=True)
    JRE.mkdir(parents=True, exist_ok=True)
    shutil.copy(CACERTS, JRE / "cacerts")
    ks = r"%CVP_HOME%\conf\security\.keystore"
    cacerts = r'"C:\Program Files (x86)\Java\jre1.8.0_221\lib\security\cacerts"'
    dn = b"cvp1.example.com\nContact Center\nExample\nSan Jose\nCA\nUS\nyes\n\n"
    rc, out = bat("genkeypair", [f"keytool.exe -storetype JCEKS -keystore {ks} -genkeypair -alias wsm_certificate -keysize 2048 -keyalg RSA -validity 1095"],
                  b"changeit\nchangeit\n" + dn)
    check(rc == 0 and "What is your first and last name?" in out, "genkeypair with its prompts on stdin", out)
    rc, out = bat("list", [f"keytool.exe -storetype JCEKS -keystore {ks} -list"], b"changeit\n")
    check(rc == 0 and "Enter keystore password:" in out and "wsm_certificate, " in out, "-list, password prompt answered from a pipe", out)
    rc, out = bat("listv", [f"keytool.exe -storetype JCEKS -keystore {ks} -list -v > test.txt"], b"changeit\n")
    text = (WORK / "test.txt").read_text("utf-8", "replace") if (WORK / "test.txt").exists() else ""
    check(rc == 0 and "Alias name: wsm_certificate" in text and "Owner: CN=cvp1.example.com" in text, "-list -v > test.txt", out + text)
    rc, out = bat("export", [rf"keytool.exe -storetype JCEKS -keystore {ks} -export -alias wsm_certificate -file %CVP_HOME%\conf\security\wsm.crt"], b"changeit\n")
    check(rc == 0 and (CVP / "wsm.crt").exists(), "-export to %CVP_HOME%\\conf\\security\\wsm.crt", out)
    crlf_pem(CVP / "wsm.crt", C / "temp/certs/wsmcsa.crt")
    rc, out = bat("import_cvp", [rf"keytool -keystore {cacerts} -import -storepass changeit -alias cvp1.example.com -file c:\temp\certs\wsmcsa.crt"], b"yes\n")
    check(rc == 0 and "Certificate was added to keystore" in out, "CRLF PEM into \"C:\\Program Files (x86)\\...\\cacerts\"", out)
    self_signed("ads1.example.com", WORK / "ads1.pem")
    crlf_pem(WORK / "ads1.pem", CVP / "ICMads1a.cer")
    rc, out = bat("import_ads", [rf"keytool.exe -storetype JCEKS -keystore {ks} -import -trustcacerts -alias ads1.example.com -file %CVP_HOME%\conf\security\ICMads1a.cer"], b"changeit\nyes\n")
    check(rc == 0 and "Trust this certificate?" in out and "Certificate was added" in out, "-import -trustcacerts into the JCEKS .keystore", out)
    for suffix, name in [("IIS", "ICMrgra.cer"), ("DFP", "dfprgra.cer")]:
        self_signed(f"{suffix.lower()}.myrgra.domain.com", WORK / f"{suffix}.pem")
        crlf_pem(WORK / f"{suffix}.pem", C / "temp/certs" / name)
        rc, out = bat(f"import_{suffix}", [rf"keytool -keystore {cacerts} -import -storepass changeit -alias myrgra.domain.com_{suffix} -file c:\temp\certs\{name}"], b"yes\n")
        check(rc == 0 and "Certificate was added" in out, f"Rogger {suffix} certificate into cacerts", out)
    rc, out = bat("relative", [r"cd /d %CVP_HOME%\conf\security", "keytool.exe -storetype JCEKS -keystore .keystore -list -storepass changeit"])
    check(rc == 0 and "Your keystore contains 2 entries" in out, "a relative .keystore", out)
    rc, out = bat("delete", [f"keytool.exe -storetype JCEKS -keystore {ks} -delete -alias wsm_certificate"], b"changeit\n")
    check(rc == 0, "-delete -alias wsm_certificate", out)
    rc, out = bat("regen", [f"keytool.exe -storetype JCEKS -keystore {ks} -genkeypair -alias wsm_certificate -keysize 2048 -keyalg RSA -validity 1095"], b"changeit\n" + dn)
    check(rc == 0, "-genkeypair again into the existing store", out)


def held_store():
    """A replace while another process holds the store without FILE_SHARE_DELETE: a short
    hold is waited out; a long one fails clearly and leaves the old file intact."""
    src = WORK / "hold.c"
    src.write_text(r'''
#include <windows.h>
#include <stdio.h>
int wmain(int argc, wchar_t **argv) {
  HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return 2;
  printf("held\n"); fflush(stdout);
  Sleep(_wtoi(argv[2]));
  CloseHandle(h);
  return 0;
}''')
    subprocess.run(["x86_64-w64-mingw32-gcc", "-municode", "-O2", "-o", str(C / "tools/hold.exe"), str(src)], check=True)
    store = WORK / "held.jks"
    shutil.copy(CACERTS, store)
    self_signed("held.example.com", WORK / "held.pem")
    for ms, want_ok in [(1000, True), (8000, False)]:
        before = store.read_bytes()
        holder = subprocess.Popen(["wine", "C:\\tools\\hold.exe", "C:\\work\\held.jks", str(ms)], stdout=subprocess.PIPE, env=ENV)
        holder.stdout.readline()
        rc, out = bat(f"held{ms}", [rf"keytool -keystore held.jks -storepass changeit -importcert -noprompt -alias held{ms} -file held.pem"])
        holder.wait(timeout=60)
        if want_ok:
            check(rc == 0, "a replace waits out a store held open for 1 s", out)
        else:
            check(rc != 0 and store.read_bytes() == before and "keytool error" in out,
                  "a store held open for 8 s: a clear error, the old file intact", out)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exchange():
    servers = C / "servers"
    cvp = servers / "cvp1/Cisco/CVP/conf/security"
    cvp.mkdir(parents=True)
    (servers / "cvp1/Cisco/CVP/conf/security.properties").write_text("Security.keystorePW = cvp-pass-1\r\n")
    subprocess.run([KEYTOOL, "-genkeypair", "-storetype", "JCEKS", "-keystore", str(cvp / ".keystore"),
                    "-storepass", "cvp-pass-1", "-keypass", "cvp-pass-1", "-alias", "wsm_certificate",
                    "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=cvp1.example.com"], check=True, capture_output=True)
    ads_jre = servers / "ads1/Program Files (x86)/Java/jre1.8.0_221/lib/security"
    ads_jre.mkdir(parents=True)
    shutil.copy(CACERTS, ads_jre / "cacerts")
    self_signed("ads1.example.com", WORK / "iis.pem", WORK / "iis.key")
    port = free_port()
    tls = subprocess.Popen(["openssl", "s_server", "-quiet", "-www", "-accept", f"127.0.0.1:{port}",
                            "-cert", "iis.pem", "-key", "iis.key"], cwd=WORK,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        (WORK / "inventory.toml").write_text(
            "[[server]]\r\nfqdn = \"cvp1.example.com\"\r\nrole = \"cvp\"\r\nroot = 'C:\\servers\\cvp1'\r\n\r\n"
            "[[server]]\r\nfqdn = \"ads1.example.com\"\r\nrole = \"ads\"\r\nroot = 'C:\\servers\\ads1'\r\n"
            f"connect = \"127.0.0.1\"\r\nendpoints = {{ iis = \"ads1.example.com:{port}\" }}\r\n")
        rc, out = bat("exchange", [r"exchange.exe apply C:\work\inventory.toml"])
        check(rc == 0 and "restart:" in out, "exchange apply over C:\\servers\\...", out)
        rc, out = bat("exchange2", [r"exchange.exe apply inventory.toml"])
        check(rc == 0 and "nothing to change" in out, "a second exchange apply changes nothing", out)
        rc, out = bat("verify", [r"exchange.exe verify C:\work\inventory.toml"])
        check(rc == 0 and "every trust in place" in out, "exchange verify", out)
    finally:
        tls.kill()
    rc, out = linux_list(ads_jre / "cacerts")
    check(rc == 0 and "cvp1.example.com, " in out and "145 entries" in out, "keytool 17 reads the ADS cacerts exchange wrote", out)
    rc, out = linux_list(cvp / ".keystore", "JCEKS", "cvp-pass-1")
    check(rc == 0 and "ads1.example.com, " in out and (cvp / ".keystore").read_bytes()[:4] == b"\xce\xce\xce\xce",
          "keytool 17 reads the CVP .keystore exchange wrote (still JCEKS)", out)


def linux_checks():
    rc, out = linux_list(CVP / ".keystore", "JCEKS")
    check(rc == 0 and "wsm_certificate, " in out and "ads1.example.com, " in out, "keytool 17 reads the JCEKS .keystore", out)
    check((CVP / ".keystore").read_bytes()[:4] == b"\xce\xce\xce\xce", "the .keystore is still JCEKS")
    rc, out = linux_list(JRE / "cacerts")
    ok = rc == 0 and all(a in out for a in ["cvp1.example.com, ", "myrgra.domain.com_iis, ", "myrgra.domain.com_dfp, "])
    check(ok and "147 entries" in out and (JRE / "cacerts").read_bytes()[:4] == b"\xfe\xed\xfe\xed",
          "keytool 17 reads the cacerts (JKS, 147 entries)", out)


def main():
    if WORK.exists():
        shutil.rmtree(WORK)
    for d in [C / "Cisco", C / "Program Files (x86)/Java", C / "temp/certs", C / "servers"]:
        shutil.rmtree(d, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.time()
    procedures()
    linux_checks()
    held_store()
    exchange()
    print(f"windows check: {len(FAILED)} failed, {time.time() - started:.0f} s")
    sys.exit(1 if FAILED else 0)


main()
