import NIOConcurrencyHelpers

/// The faults waiting to be injected. Each applies to the next `count` matching requests,
/// then is gone.
final class FaultPlan: Sendable {
  private struct State {
    var faults: [Fault] = []
    var nextId = 1
  }

  private let state = NIOLockedValueBox(State())

  func add(_ fault: Fault) throws(SandboxAdminError) -> Fault {
    guard fault.count > 0 else { throw SandboxAdminError("a fault needs a count of at least 1") }
    if case .status(let code) = fault.action, !(400...599).contains(code) {
      throw SandboxAdminError("a fault status must be an error status, 400 to 599")
    }
    if case .latency(let seconds) = fault.action, !(0...300).contains(seconds) {
      throw SandboxAdminError("a fault latency must be between 0 and 5 minutes")
    }
    return state.withLockedValue { state in
      var fault = fault
      fault.id = state.nextId
      state.nextId += 1
      state.faults.append(fault)
      return fault
    }
  }

  var all: [Fault] { state.withLockedValue { $0.faults } }

  func clear() {
    state.withLockedValue { $0.faults.removeAll() }
  }

  /// The action for this request, using up one count of the first matching fault.
  func take(method: String, path: String) -> Fault.Action? {
    state.withLockedValue { state in
      guard let index = state.faults.firstIndex(where: { $0.matches(method: method, path: path) }) else {
        return nil
      }
      let action = state.faults[index].action
      state.faults[index].count -= 1
      if state.faults[index].count == 0 {
        state.faults.remove(at: index)
      }
      return action
    }
  }
}
