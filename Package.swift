// swift-tools-version:6.1
import PackageDescription

// GNU readline: Homebrew keeps it out of the default paths, so macOS finds it through
// pkg-config. Linux has it where the compiler looks already, and its readline.pc adds
// only -D flags that SwiftPM refuses with a warning on every build.
#if os(macOS)
let readlinePkgConfig: String? = "readline"
#else
let readlinePkgConfig: String? = nil
#endif

let package = Package(
  name: "cone-shell",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "cone-shell", targets: ["cone-shell"]),
    .executable(name: "cone-shell-core", targets: ["cone-shell-core"]),
    .executable(name: "cone-sandbox", targets: ["cone-sandbox"]),
    .library(name: "ConeShellKit", targets: ["ConeShellKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // cone-sandbox serve --tls: a throwaway CA and a certificate it signs.
    .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
  ],
  targets: [
    // The local files layer (paths, atomic files, locks, the state files, the credential
    // cache, the prompt segment): plain Swift over POSIX, no Foundation, so that the
    // launcher below stays as small and quick to start as an empty Swift program.
    .target(name: "ConeShellBase"),
    // Everything testable: clients, files, the access flow. No argument parsing.
    .target(
      name: "ConeShellKit",
      dependencies: [
        "ConeShellBase",
        "ConeShellScripts",
        "CReadline",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The init scripts, kept as real files and embedded into the binary.
    .target(
      name: "ConeShellScripts",
      path: "shell",
      exclude: ["README.md"],
      resources: [
        .embedInCode("cone-shell.bash"),
        .embedInCode("cone-shell.zsh"),
        .embedInCode("cone-shell.fish"),
      ]
    ),
    .systemLibrary(
      name: "CReadline",
      pkgConfig: readlinePkgConfig,
      providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
    ),
    // `cone-shell`: answers credential_process from the cache (the hot path) and
    // `prompt`, and hands every other command to cone-shell-core.
    .executableTarget(
      name: "cone-shell",
      dependencies: ["ConeShellBase"]
    ),
    // The commands: one file each, thin, over ConeShellKit.
    .executableTarget(
      name: "cone-shell-core",
      dependencies: [
        "ConeShellKit",
        "ConeShellScripts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The local ConductorOne tenant and AWS IAM Identity Center emulator.
    .target(
      name: "ConeSandbox",
      dependencies: [
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
      ],
      // The default scenario is a real YAML file, compiled into the binary.
      resources: [.embedInCode("Scenario/default.yaml")]
    ),
    .executableTarget(
      name: "cone-sandbox",
      dependencies: [
        "ConeSandbox",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "ConeShellKitTests",
      dependencies: [
        "ConeShellBase",
        "ConeShellKit",
        "ConeSandbox",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ConeSandboxTests",
      dependencies: ["ConeSandbox"]
    ),
  ]
)
