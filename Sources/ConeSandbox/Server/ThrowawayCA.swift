import Crypto
import Foundation
import SwiftASN1
import X509

/// `cone-sandbox serve --tls`: a certificate authority made for this sandbox alone, kept in
/// its state directory (`~/.cone-sandbox/tls/`), and a server certificate it signs for
/// `localhost` and `127.0.0.1`. Clients trust the CA's file (`ca.pem`, exported as
/// `SSL_CERT_FILE`, `AWS_CA_BUNDLE` and `CONE_SANDBOX_CA_CERT`), never the system's store.
/// The CA is kept while it has more than a week left; the server certificate is made
/// anew at each start. Private keys are 0600 in a 0700 directory.
public struct ThrowawayCA: Sendable {
  public let directory: String

  public var caPath: String { directory + "/ca.pem" }
  var caKeyPath: String { directory + "/ca-key.pem" }
  /// The server certificate followed by the CA's: the chain the server sends.
  public var chainPath: String { directory + "/server.pem" }
  public var keyPath: String { directory + "/server-key.pem" }

  static let caLifetime: TimeInterval = 365 * 86_400
  static let serverLifetime: TimeInterval = 30 * 86_400

  public init(directory: String) {
    self.directory = directory
  }

  /// `$HOME/.cone-sandbox/tls`, beside the instance file.
  public static var defaultDirectory: String {
    (SandboxInstance.defaultPath as NSString).deletingLastPathComponent + "/tls"
  }

  /// Makes (or keeps) the CA and makes a server certificate; returns the files to serve.
  public func prepare(now: Date = Date()) throws -> SandboxConfiguration.TLSFiles {
    let files = FileManager.default
    try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
    let (ca, caKey) = try existingCA(now: now) ?? makeCA(now: now)
    let key = P256.Signing.PrivateKey()
    let server = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
      notValidBefore: now - 300, notValidAfter: min(now + Self.serverLifetime, ca.notValidAfter),
      issuer: ca.subject, subject: try DistinguishedName { CommonName("localhost") },
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true))
        try ExtendedKeyUsage([.serverAuth])
        SubjectAlternativeNames([
          .dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
          .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
        ])
      },
      issuerPrivateKey: .init(caKey))
    try write(key.pemRepresentation, to: keyPath, mode: 0o600)
    try write(try server.serializeAsPEM().pemString + "\n" + ca.serializeAsPEM().pemString + "\n", to: chainPath, mode: 0o644)
    return SandboxConfiguration.TLSFiles(certificatePath: chainPath, privateKeyPath: keyPath, caPath: caPath)
  }

  private func existingCA(now: Date) throws -> (Certificate, P256.Signing.PrivateKey)? {
    guard let certificate = try? String(contentsOfFile: caPath, encoding: .utf8),
      let key = try? String(contentsOfFile: caKeyPath, encoding: .utf8),
      let ca = try? Certificate(pemEncoded: certificate), let caKey = try? P256.Signing.PrivateKey(pemRepresentation: key),
      Certificate.PublicKey(caKey.publicKey) == ca.publicKey, ca.notValidAfter > now + 7 * 86_400
    else { return nil }
    return (ca, caKey)
  }

  private func makeCA(now: Date) throws -> (Certificate, P256.Signing.PrivateKey) {
    let key = P256.Signing.PrivateKey()
    let name = try DistinguishedName {
      OrganizationName("cone-sandbox")
      CommonName("cone-sandbox throwaway CA \(Identifier.random(6, from: "0123456789ABCDEF"))")
    }
    let ca = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
      notValidBefore: now - 300, notValidAfter: now + Self.caLifetime, issuer: name, subject: name,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
        Critical(KeyUsage(keyCertSign: true, cRLSign: true))
      },
      issuerPrivateKey: .init(key))
    try write(key.pemRepresentation, to: caKeyPath, mode: 0o600)
    try write(try ca.serializeAsPEM().pemString + "\n", to: caPath, mode: 0o644)
    return (ca, key)
  }

  /// Atomically, created with its final mode.
  private func write(_ text: String, to path: String, mode: Int) throws {
    let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
    else { throw SandboxStartError(message: "cannot write \(temporary)") }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw SandboxStartError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }
}
