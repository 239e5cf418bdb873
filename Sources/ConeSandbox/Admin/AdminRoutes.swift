import Foundation
import Hummingbird

/// The admin API under `/_sandbox/`: JSON in and out, errors as `{"error": message}`.
/// Never faulted.
struct AdminRoutes {
  let admin: SandboxAdmin

  private struct DecisionRequest: Decodable {
    let `as`: String?
  }

  private struct DeviceRequest: Decodable {
    let code: String
    let `as`: String?
    let approve: Bool?
  }

  private struct AdvanceRequest: Decodable {
    let seconds: TimeInterval
  }

  func register(on router: Router<SandboxRequestContext>) {
    router.get("/_sandbox/env") { _, _ in try SandboxResponse.json(try await admin.environment()) }
    for decision in ApprovalDecision.allCases {
      router.post("/_sandbox/tasks/{number}/\(decision.rawValue)") { request, context in
        let body = try await Self.decode(DecisionRequest.self, request)
        return try SandboxResponse.json(try await admin.decideTask(try Self.number(context), decision, as: body.as))
      }
    }
    router.post("/_sandbox/devices/decide") { request, _ in
      let device = try await Self.decode(DeviceRequest.self, request)
      return try SandboxResponse.json(
        try await admin.decideDevice(device.code, as: device.as, approve: device.approve ?? true))
    }
    router.get("/_sandbox/clock") { _, _ in try SandboxResponse.json(try await admin.clock()) }
    router.post("/_sandbox/clock/advance") { request, _ in
      let advance = try await Self.decode(AdvanceRequest.self, request)
      return try SandboxResponse.json(try await admin.advanceClock(by: advance.seconds))
    }
    router.get("/_sandbox/faults") { _, _ in try SandboxResponse.json(try await admin.faults()) }
    router.post("/_sandbox/faults") { request, _ in
      try SandboxResponse.json(try await admin.addFault(try await Self.decode(Fault.self, request)))
    }
    router.delete("/_sandbox/faults") { _, _ in
      try await admin.clearFaults()
      return try SandboxResponse.json([Fault]())
    }
    router.get("/_sandbox/log") { _, _ in try SandboxResponse.json(try await admin.requestLog()) }
    router.delete("/_sandbox/log") { _, _ in
      try await admin.resetRequestLog()
      return try SandboxResponse.json(try await admin.requestLog())
    }
  }

  private static func number(_ context: SandboxRequestContext) throws(SandboxAdminError) -> Int {
    guard let text = context.parameters.get("number"), let number = Int(text) else {
      throw SandboxAdminError("a task number is a whole number, like 1001")
    }
    return number
  }

  private static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
    var bytes = try await request.bodyBytes()
    if bytes.isEmpty { bytes = Array("{}".utf8) }
    do {
      return try SandboxJSON.decoder.decode(type, from: Data(bytes))
    } catch {
      throw SandboxAdminError("invalid admin request: \(error)")
    }
  }
}

extension SandboxAdminError: HTTPResponseError {
  public var status: HTTPResponse.Status { HTTPResponse.Status(code: httpStatus) }

  var httpStatus: Int { (400...599).contains(statusCode) ? statusCode : 500 }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    try SandboxResponse.json(["error": message], status: status)
  }
}
