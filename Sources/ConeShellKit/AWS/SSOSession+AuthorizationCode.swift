extension SSOSession {
  /// How long the browser has to come back, as the AWS CLI v2 waits.
  static let authorizationTimeout: Double = 600

  /// The AWS CLI v2's default sign-in (docs/aws-sso.md §2): the browser on this computer
  /// opens the `/authorize` page and comes back to a loopback listener with a code, which
  /// is redeemed with the PKCE verifier only this process knows.
  func authorizationCodeLogin(prompt: DeviceSignInPrompt) async throws -> SSOToken {
    let registration = try await registration(for: .authorizationCode)
    let pkce = PKCE()
    redactor.register(pkce.verifier)
    let state = PKCE.randomState()
    // Bound before the browser opens, so its answer always finds the listener.
    let listener = try await OAuthCallbackListener.start(expectedState: state)
    defer { listener.close() }
    let url = oidc.authorizeURL(
      registration, redirectURI: listener.redirectURI, state: state, challenge: pkce.challenge)
    prompt.show(
      service: "AWS IAM Identity Center (\(settings.startURL))", url: url, code: "",
      policy: SignInURLPolicy(origins: [settings.oidcEndpoint, settings.startURL]))
    prompt.message(
      "The browser comes back to this computer (\(listener.redirectURI)) when you approve; "
        + "to sign in from another device, use `cone-shell login --aws --use-device-code`.\n")
    defer { prompt.finish() }
    let outcome = try await listener.wait(timeout: Self.authorizationTimeout) { prompt.waiting($0) }
    listener.close()
    switch outcome {
    case .code(let code):
      redactor.register(code)
      let token = try await oidc.createToken(
        registration, code: code, redirectURI: listener.redirectURI, verifier: pkce.verifier)
      return try save(token, registration: registration)
    case .error(let code, let description):
      throw SSOError.oidc(
        code: code, message: code == "access_denied" ? "the sign-in was denied in the browser" : description ?? code)
    case .wrongState:
      throw SSOError.stateMismatch
    }
  }
}
