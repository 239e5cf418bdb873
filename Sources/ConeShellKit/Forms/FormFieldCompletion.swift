extension FormField {
  /// What Tab offers for the text typed so far: the values of the select options whose
  /// value, display name or a word of it starts with the text, in any case. Each
  /// candidate replaces the whole text.
  public func completions(for typed: String) -> [String] {
    let prefix = typed.trimmingWhitespace.lowercased()
    return (selectOptions ?? []).filter { option in
      let names =
        [option.value, option.displayName]
        + option.displayName.split(separator: " ").map(String.init)
      return names.contains { $0.lowercased().hasPrefix(prefix) }
    }.map(\.value)
  }

  /// The completion provider for a line editor, or nil when Tab has nothing to offer.
  var lineCompletion: LineCompletion? {
    guard selectOptions != nil else { return nil }
    return { line, cursor in self.completions(for: String(line[..<cursor])) }
  }
}
