/// A 64-bit FNV-1a hash in 16 hex digits: the same for the same text on every machine
/// and in every run (unlike `Hasher`), for names that must stay put: a cut file name's
/// suffix, a profile name that had to be shortened or told apart.
public enum StableHash {
  public static func hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16).leftPadded(16)
  }
}
