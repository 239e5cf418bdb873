import CReadline
import ConeShellBase

/// A line editor on GNU readline: line editing, history per prompt kept in a file,
/// Tab completion from the prompt's provider. Prompts and echo go to standard error,
/// so it works while stdout is a pipe; the caller uses it only when stdin is a
/// terminal.
///
/// Ctrl-C is read as a key, not a signal: while a line is read the terminal's
/// interrupt character is switched off, so Ctrl-C ends the line as `.interrupted` and
/// readline puts the terminal back as it found it. A SIGINT or SIGTERM sent from
/// elsewhere is caught by readline, which restores the terminal before the signal takes
/// its course.
public struct ReadlineLineEditor: LineEditor {
  public private(set) var history: LineHistory
  public let historyFile: String?
  private let input: UnsafeMutablePointer<FILE>
  private let output: UnsafeMutablePointer<FILE>
  private let terminalName: String?

  /// An editor on stdin and stderr whose history lives in `historyFile` (0600, the
  /// newest `historyLimit` lines); nil keeps no history on disk.
  public init(historyFile: String?, historyLimit: Int = 500) {
    self.init(
      historyFile: historyFile, historyLimit: historyLimit, input: cone_stdin(),
      output: cone_stderr())
  }

  /// An editor whose history is `form-history` in the state directory.
  public init(store: StateStore) {
    self.init(historyFile: store.path("form-history"))
  }

  /// Any streams and terminal type, for tests on a pseudo-terminal.
  init(
    historyFile: String?, historyLimit: Int = 500, input: UnsafeMutablePointer<FILE>,
    output: UnsafeMutablePointer<FILE>, terminalName: String? = nil
  ) {
    self.historyFile = historyFile
    self.history =
      historyFile.map { LineHistory.load(from: $0, limit: historyLimit) }
      ?? LineHistory(limit: historyLimit)
    self.input = input
    self.output = output
    self.terminalName = terminalName
  }

  public mutating func readLine(_ prompt: LinePrompt) -> LineInput {
    configureReadline(completesWords: prompt.completesWords)
    ReadlineSession.begin(prompt)
    defer { ReadlineSession.end() }
    for line in prompt.historyKey.map(history.lines) ?? [] { add_history(line) }
    defer { clear_history() }

    // With drawing switched off readline shows nothing; the startup hook shows the
    // prompt once echo is off, so that nothing typed after it can be echoed.
    if prompt.isSecret { cone_rl_set_redisplay_function(coneReadlineDrawNothing) }
    let raw = readline(prompt.isSecret ? "" : prompt.text)
    if prompt.isSecret { cone_rl_set_redisplay_function(rl_redisplay) }
    defer { free(raw) }

    if ReadlineSession.interrupted {
      // readline leaves the cursor after the text and ^C; end that line.
      endLine()
      return .interrupted
    }
    guard let raw else {
      // At end-of-file readline 8.1+ ends the line itself, when bracketed paste is on.
      if rl_variable_value("enable-bracketed-paste").map({ String(cString: $0) }) != "on" {
        endLine()
      }
      return .endOfFile
    }
    let line = String(cString: raw)
    // Nothing drew the secret line, so nothing ended it either.
    if prompt.isSecret { endLine() }
    if let key = prompt.historyKey, !line.trimmingWhitespace.isEmpty {
      history.add(line, key: key)
      if let historyFile { try? history.save(to: historyFile) }
    }
    return .line(line)
  }

  private func endLine() {
    fputs("\n", output)
    fflush(output)
  }

  /// Readline's globals, set on every call: they are the process's, not this value's.
  private func configureReadline(completesWords: Bool) {
    cone_rl_set_name(ReadlineSession.name)
    cone_rl_set_instream(input)
    cone_rl_set_outstream(output)
    if let terminalName { cone_rl_set_terminal_name(ReadlineSession.keep(terminalName)) }
    // LINES and COLUMNS would leak into the commands run after the form.
    cone_rl_set_change_environment(0)
    cone_rl_set_catch_signals(1)
    cone_rl_set_prep_term_function(coneReadlinePrepareTerminal)
    cone_rl_set_startup_hook(coneReadlineStartup)
    cone_rl_set_event_hook(coneReadlineWaiting)
    cone_rl_set_completer(coneReadlineComplete)
    // Unless the prompt completes words, the whole line is one word: option display
    // names have spaces.
    cone_rl_set_completer_word_break_characters(
      completesWords ? ReadlineSession.spaces : ReadlineSession.noWordBreaks)
    cone_rl_set_sort_completion_matches(0)
    using_history()
  }
}

/// What the C callbacks need during one `readline` call. Readline is one per process and
/// calls back on the thread that called it, so plain statics are enough.
enum ReadlineSession {
  nonisolated(unsafe) static var secretPrompt: String?
  nonisolated(unsafe) static var initialText = ""
  nonisolated(unsafe) static var completion: LineCompletion?
  nonisolated(unsafe) static var completesWords = false
  nonisolated(unsafe) static var interrupted = false
  nonisolated(unsafe) static var matches: [String] = []
  nonisolated(unsafe) static var nextMatch = 0
  nonisolated(unsafe) private static var kept: [String: UnsafeMutablePointer<CChar>] = [:]

  static var name: UnsafePointer<CChar> { UnsafePointer(keep("cone-shell")) }
  static var noWordBreaks: UnsafePointer<CChar> { UnsafePointer(keep("")) }
  static var spaces: UnsafePointer<CChar> { UnsafePointer(keep(" \t")) }

  /// A C copy of `text` that lives as long as the process, for globals readline keeps.
  static func keep(_ text: String) -> UnsafeMutablePointer<CChar> {
    if let copy = kept[text] { return copy }
    let copy = strdup(text)!
    kept[text] = copy
    return copy
  }

  static func begin(_ prompt: LinePrompt) {
    secretPrompt = prompt.isSecret ? prompt.text : nil
    initialText = prompt.initialText
    completion = prompt.completion
    completesWords = prompt.completesWords
    interrupted = false
  }

  static func end() {
    secretPrompt = nil
    initialText = ""
    completion = nil
    completesWords = false
    matches = []
  }

  /// The candidates for the line as readline holds it now.
  static func candidates() -> [String] {
    guard let completion, let buffer = cone_rl_line_buffer() else { return [] }
    let line = String(cString: buffer)
    let utf8 = line.utf8
    let point = min(max(Int(cone_rl_point()), 0), utf8.count)
    return completion(line, utf8.index(utf8.startIndex, offsetBy: point))
  }
}

// Readline's callbacks are C function pointers, so they are top-level functions.

/// Runs once the terminal is set up: makes Ctrl-C a key of ours in every keymap a
/// user's inputrc may choose, shows a secret's prompt, puts the previous answer in the
/// line.
private func coneReadlineStartup() -> Int32 {
  for name in ["emacs", "vi-insert", "vi-command"] {
    if let keymap = rl_get_keymap_by_name(name) {
      rl_bind_key_in_map(3, coneReadlineInterrupt, keymap)
    }
  }
  if let prompt = ReadlineSession.secretPrompt, let output = cone_rl_outstream() {
    fputs(prompt, output)
    fflush(output)
  }
  if !ReadlineSession.initialText.isEmpty { rl_insert_text(ReadlineSession.initialText) }
  return 0
}

/// Ctrl-C: show ^C as the terminal would, and end the line as interrupted.
private func coneReadlineInterrupt(_ count: Int32, _ key: Int32) -> Int32 {
  ReadlineSession.interrupted = true
  rl_echo_signal_char(SIGINT)
  cone_rl_set_done(1)
  return 0
}

/// Readline's own terminal set-up, then the interrupt character off so that Ctrl-C
/// arrives as a key. Readline saved the settings before, and restores those.
private func coneReadlinePrepareTerminal(_ meta: Int32) {
  rl_prep_terminal(meta)
  guard let stream = cone_rl_instream() else { return }
  let descriptor = fileno(stream)
  var settings = termios()
  guard tcgetattr(descriptor, &settings) == 0 else { return }
  let disabled = fpathconf(descriptor, Int32(_PC_VDISABLE))
  if disabled >= 0 {
    withUnsafeMutableBytes(of: &settings.c_cc) {
      $0[Int(VINTR)] = UInt8(truncatingIfNeeded: disabled)
    }
  } else {
    settings.c_lflag &= ~tcflag_t(ISIG)
  }
  tcsetattr(descriptor, TCSADRAIN, &settings)
}

private func coneReadlineDrawNothing() {}

/// With an event hook, readline waits for a key a tenth of a second at a time and acts
/// on a signal in between. Without one, a SIGTERM or SIGTSTP caught on another thread
/// (readline runs on one of Swift's, not the one the kernel picks) would wait for the
/// next key to put the terminal back before the signal takes its course.
private func coneReadlineWaiting() -> Int32 { 0 }

private func coneReadlineComplete(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  cone_rl_no_filename_fallback()
  // A form's value is the whole line, so nothing is appended after a completion; a
  // completed word gets a space, as in a shell.
  cone_rl_set_completion_append_character(ReadlineSession.completesWords ? 32 : 0)
  ReadlineSession.matches = ReadlineSession.candidates()
  ReadlineSession.nextMatch = 0
  guard !ReadlineSession.matches.isEmpty else { return nil }
  return rl_completion_matches(text, coneReadlineNextMatch)
}

/// Hands readline one candidate per call, as copies it frees.
private func coneReadlineNextMatch(_ text: UnsafePointer<CChar>?, _ state: Int32)
  -> UnsafeMutablePointer<CChar>?
{
  guard ReadlineSession.nextMatch < ReadlineSession.matches.count else { return nil }
  defer { ReadlineSession.nextMatch += 1 }
  return strdup(ReadlineSession.matches[ReadlineSession.nextMatch])
}
