// The one file that knows which C library it is built against. Everything else calls
// POSIX through these names, so macOS and Linux differ only here.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// A file's permission bits (`mode_t`), named here so that public signatures in other
/// files do not depend on which C module declares it.
public typealias FileMode = mode_t

package enum Platform {
  /// Every variable of this process's environment.
  package static func processEnvironment() -> [String: String] {
    var variables: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let equals = text.firstIndex(of: "=") {
        variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      entry += 1
    }
    return variables
  }

  /// The home directory from the password database, for when HOME is unset.
  package static func passwdHomeDirectory() -> String? {
    guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
    return String(cString: dir)
  }

  /// The command name of process `pid` (`bash`; `-zsh` for a login shell), from Linux's
  /// `/proc`; nil elsewhere, and nil when the process is gone.
  package static func processName(_ pid: Int32) -> String? {
    #if os(Linux)
    let descriptor = open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 64)  // the kernel keeps at most 16 bytes
    let count = read(descriptor, &buffer, buffer.count)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
    #else
    return nil
    #endif
  }

  /// The text of `errno` for messages.
  package static func errorText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
  }
}

/// True when the file descriptor is a terminal.
public func isTerminal(_ descriptor: Int32) -> Bool {
  isatty(descriptor) == 1
}

/// The absolute path of the running executable, symlinks resolved, so that scripts and
/// `credential_process` lines name the binary itself rather than whatever was on PATH.
public func currentExecutablePath() -> String? {
  #if os(Linux)
  var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
  let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  guard count > 0 else { return nil }
  return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  #elseif canImport(Darwin)
  var size: UInt32 = 0
  _ = _NSGetExecutablePath(nil, &size)
  var buffer = [CChar](repeating: 0, count: Int(size) + 1)
  guard _NSGetExecutablePath(&buffer, &size) == 0, let resolved = realpath(buffer, nil) else { return nil }
  defer { free(resolved) }
  return String(cString: resolved)
  #else
  return nil
  #endif
}

// Unqualified wrappers, for types that have methods of the same names.
package func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}

package func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
