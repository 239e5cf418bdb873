import ArgumentParser
import ConeShellKit

/// Options every networked command takes.
struct GlobalOptions: ParsableArguments {
  @Flag(help: "Log each request and response status on stderr, with secrets redacted.")
  var debug = false

  @Option(
    name: .customLong("c1-profile"),
    help: "The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else \"default\").")
  var c1Profile: String?
}

/// Runs a command body with a fresh context and turns any error into a message on
/// stderr (secrets redacted) and the documented exit status.
func withContext<T: Sendable>(
  _ options: GlobalOptions, _ body: (ConeContext) async throws -> T
) async throws -> T {
  let context = ConeContext(debug: options.debug)
  do {
    let result = try await body(context)
    await context.shutdown()
    return result
  } catch let exit as ExitCode {
    await context.shutdown()
    throw exit
  } catch let usage as ValidationError {
    // The argument parser reports it with the usage line and exit status 64.
    await context.shutdown()
    throw usage
  } catch let input as InputError {
    await context.shutdown()
    throw ValidationError(input.description)
  } catch let stop as AccessStop {
    // The access flow's own messages are the seed's, printed as they are.
    await context.shutdown()
    if !stop.message.isEmpty { StandardError.write(context.redactor.redact(stop.message) + "\n") }
    throw ExitCode(stop.status.rawValue)
  } catch is CancellationError {
    // Ctrl-C stopped the command (the console runs its commands that way); the
    // terminal shows ^C where the cursor was.
    await context.shutdown()
    StandardError.write("\nStopped.\n")
    throw ExitCode(ExitStatus.interrupted.rawValue)
  } catch {
    await context.shutdown()
    StandardError.write("cone-shell: " + context.redactor.redact("\(error)") + "\n")
    throw ExitCode(ExitStatus.of(error).rawValue)
  }
}
