// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for subgen's parsers of untrusted input, kept out of the main package so that `swift build`
// and `swift test` there never see them. Built and run by `scripts/fuzz` (docs/fuzzing.md), which passes
// `--sanitize=fuzzer --sanitize=address`: libFuzzer supplies `main` and calls each target's
// `LLVMFuzzerTestOneInput` with one input at a time.

/// Fuzzer name -> the main package's library product it exercises.
let fuzzers: [(name: String, product: String)] = [
    ("FuzzRecords", "SubgenModel"),
    ("FuzzCycloneDX", "SubgenImport"),
    ("FuzzSPDX", "SubgenImport"),
    ("FuzzOpenVEX", "SubgenImport"),
    ("FuzzJUnit", "SubgenImport"),
    ("FuzzSARIF", "SubgenImport"),
    ("FuzzEvidence", "SubgenEvidence"),
]

let package = Package(
    name: "subgen-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "subgen", path: "..")],
    targets: fuzzers.map { fuzzer in
        .executableTarget(
            name: fuzzer.name,
            dependencies: [.product(name: fuzzer.product, package: "subgen")],
            // No top-level code: the entry point is the `@_cdecl` function, `main` comes from libFuzzer.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    },
    swiftLanguageModes: [.v6]
)
