@testable import ConeShellBase
@testable import ConeShellKit

/// A fresh directory under /tmp for one test, removed when the value is dropped.
final class TemporaryDirectory: Sendable {
  let path: String

  init() {
    var template = Array("/tmp/cone-shell-test-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp failed")
    path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  deinit {
    removeTree(path)
  }

  func file(_ name: String) -> String { path + "/" + name }

  /// An environment whose HOME is this directory and nothing else, so a test never
  /// touches the real user's files.
  var environment: Environment { Environment(["HOME": path]) }
}

private func removeTree(_ path: String) {
  guard let dir = opendir(path) else {
    unlink(path)
    return
  }
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if name == "." || name == ".." { continue }
    let child = path + "/" + name
    var status = stat()
    if lstat(child, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      removeTree(child)
    } else {
      unlink(child)
    }
  }
  closedir(dir)
  rmdir(path)
}
