extension String {
  /// The string padded on the left to `width` characters (zero-padded numbers).
  package func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
