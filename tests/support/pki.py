"""A test PKI made at test time with ``cryptography``: a manufacturer root, an intermediate and
a release signing certificate; an unrelated root ("wrong certificate"); an expired signing
certificate; an issuer that is not a CA. No key is ever written to the repository."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def new_key(kind: str = "ec") -> PrivateKey:
    """A fresh P-256 key ("ec") or a 2048-bit RSA key ("rsa")."""
    return ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else rsa.generate_private_key(65537, 2048)


def certificate(name: str, key: PrivateKey, issuer: x509.Certificate | None = None,
                issuer_key: PrivateKey | None = None, *, ca: bool, path_length: int | None = None,
                start: datetime | None = None, days: int = 365) -> x509.Certificate:
    """A certificate for ``key`` named ``name``, signed by ``issuer_key`` (self-signed without one)."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    begin = start or datetime.now(UTC) - timedelta(hours=1)
    return (x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer.subject if issuer else subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(begin)
            .not_valid_after(begin + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length if ca else None), critical=True)
            .sign(issuer_key or key, hashes.SHA256()))


def pem(*certificates: x509.Certificate) -> bytes:
    """Certificates as one PEM text."""
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def key_pem(key: PrivateKey) -> bytes:
    """A private key as unencrypted PKCS#8 PEM."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass(frozen=True)
class Pki:
    """The manufacturer's chain, and the certificates that must be refused."""

    root: x509.Certificate
    intermediate: x509.Certificate
    intermediate_key: PrivateKey
    signing: x509.Certificate
    signing_key: PrivateKey
    other_root: x509.Certificate
    other_signing: x509.Certificate  # chains to other_root
    other_signing_key: PrivateKey
    expired: x509.Certificate  # issued by the intermediate, expired yesterday
    expired_key: PrivateKey
    not_a_ca: x509.Certificate  # a leaf that "issued" not_a_ca_child
    not_a_ca_child: x509.Certificate
    not_a_ca_child_key: PrivateKey

    @property
    def chain_pem(self) -> bytes:
        """The signing certificate and the intermediate."""
        return pem(self.signing, self.intermediate)

    def write(self, directory: Path) -> tuple[Path, Path, Path]:
        """Write the signing key, its chain and the root: (key, chain, root) paths."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "signing.key").write_bytes(key_pem(self.signing_key))
        (directory / "chain.pem").write_bytes(self.chain_pem)
        (directory / "root.pem").write_bytes(pem(self.root))
        return directory / "signing.key", directory / "chain.pem", directory / "root.pem"


def make_pki(kind: str = "ec") -> Pki:
    """A fresh test PKI; ``kind`` ("ec" or "rsa") is the signing certificate's key type."""
    root_key, inter_key, signing_key = new_key(), new_key(), new_key(kind)
    root = certificate("Test Manufacturer Root", root_key, ca=True, path_length=1, days=3650)
    inter = certificate("Test Manufacturer Intermediate", inter_key, root, root_key, ca=True, path_length=0)
    signing = certificate("Test Release Signing", signing_key, inter, inter_key, ca=False)
    other_root_key, other_key = new_key(), new_key()
    other_root = certificate("Unrelated Root", other_root_key, ca=True, days=3650)
    other_signing = certificate("Test Release Signing", other_key, other_root, other_root_key, ca=False)
    expired_key = new_key()
    expired = certificate("Expired Release Signing", expired_key, inter, inter_key, ca=False,
                          start=datetime.now(UTC) - timedelta(days=30), days=29)
    leaf_key, child_key = new_key(), new_key()
    leaf = certificate("Not A CA", leaf_key, inter, inter_key, ca=False)
    child = certificate("Issued By A Leaf", child_key, leaf, leaf_key, ca=False)
    return Pki(root, inter, inter_key, signing, signing_key, other_root, other_signing, other_key, expired,
               expired_key, leaf, child, child_key)
