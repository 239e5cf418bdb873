/// An exclusive advisory lock (flock) on a file, held until `release()` or until the
/// process ends: the kernel drops it when a process dies, so a killed holder never
/// leaves a stale lock behind.
public final class FileLock: @unchecked Sendable {
  public let path: String
  private var descriptor: Int32

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { release() }

  /// Takes the lock, waiting up to `timeout` for another holder to let go.
  ///
  /// - Parameter purpose: what the holder is doing, for the message when the wait runs out.
  public static func acquire(
    _ path: String, timeout: Duration, purpose: String
  ) async throws -> FileLock {
    // Never through a link someone planted: O_CREAT would create or open its target.
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    if fd < 0 { throw FileError("open the lock file", path) }
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var pause = Duration.milliseconds(5)
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else {
        let error = FileError("lock", path)
        close(fd)
        throw error
      }
      guard clock.now < deadline else {
        close(fd)
        throw LockTimeout(path: path, purpose: purpose, waited: timeout)
      }
      try? await Task.sleep(for: min(pause, deadline - clock.now))
      pause = min(pause * 2, .milliseconds(100))
    }
    return FileLock(path: path, descriptor: fd)
  }

  public func release() {
    guard descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }
}

/// Another process held a lock for longer than we were willing to wait.
public struct LockTimeout: Error, CustomStringConvertible {
  public var path: String
  public var purpose: String
  public var waited: Duration

  public var description: String {
    let seconds = waited.components.seconds
    return
      "another cone-shell process has been \(purpose) for more than \(seconds) s (lock \(path)); "
      + "wait for it to finish, or end it and try again"
  }
}
