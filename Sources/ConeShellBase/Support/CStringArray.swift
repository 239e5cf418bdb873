/// Calls `body` with `strings` as a NULL-terminated array of C strings, the `argv` and
/// `envp` that exec and posix_spawn take, and frees them afterwards.
package func withCStringArray<R>(
  _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
) -> R {
  let pointers = strings.map { strdup($0) } + [nil]
  defer { pointers.forEach { free($0) } }
  return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
