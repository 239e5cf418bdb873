/// A section as stored in the document: its lines from its header up to the next
/// header, and where each setting sits in them.
struct AWSConfigBlock: Sendable {
  /// `lines[0]` is the header.
  var lines: [AWSConfigLine]
  var section: AWSConfigSection
  /// For each entry of `section`, its key line through its last continuation line.
  var spans: [Range<Int>]
  /// After the last header, key or continuation line; the lines from here on are blank
  /// lines and comments.
  var contentEnd: Int

  /// The indentation of the line that decides whether a following, deeper indented
  /// line continues a value: the last key line, or nil after the header alone.
  var lastKeyIndentation: Int? {
    spans.last.map { AWSConfigSyntax.indentation(of: lines[$0.lowerBound].text[...]) }
  }

  var headerIndentation: Int {
    AWSConfigSyntax.indentation(of: lines[0].text[...])
  }
}
