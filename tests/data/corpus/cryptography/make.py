"""The PKCS#12 files of this folder, written by Python `cryptography` (48.0):
`python3 make.py` (re-running makes new keys; commit key.der, the certificates and the stores
together). Every store's password is `changeit`; the key entry's alias is `server`."""
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization as s
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASS = b"changeit"


def cert(subject, key, issuer, signer, ca):
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    b = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return b.sign(signer, hashes.SHA256())


# RSA throughout: node-forge (which reuses these) reads RSA certificates only.
ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ca = cert("Producer CA", ca_key, "Producer CA", ca_key, True)
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
leaf = cert("server.example", key, "Producer CA", ca_key, False)
open("key.der", "wb").write(key.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption()))
open("server.cer", "wb").write(leaf.public_bytes(s.Encoding.DER))
open("ca.cer", "wb").write(ca.public_bytes(s.Encoding.DER))


def builder(alg, mac):
    return s.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(20000).key_cert_algorithm(alg).hmac_hash(mac)


forms = {
    "default.p12": s.BestAvailableEncryption(PASS),
    "pbesv1-3des.p12": builder(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC, hashes.SHA1()).build(PASS),
    "pbesv2-aes.p12": builder(pkcs12.PBES.PBESv2SHA256AndAES256CBC, hashes.SHA256()).build(PASS),
    "noencryption.p12": s.NoEncryption(),
}
for name, enc in forms.items():
    open(name, "wb").write(pkcs12.serialize_key_and_certificates(b"server", key, leaf, [ca], enc))
# A Java trust store: the CA certificate as a trusted-certificate entry (Java's trusted-usage
# attribute), alias `ca`.
trust = [pkcs12.PKCS12Certificate(ca, b"ca")]
open("truststore.p12", "wb").write(pkcs12.serialize_java_truststore(trust, s.BestAvailableEncryption(PASS)))
