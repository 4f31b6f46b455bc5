// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "subgen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "subgen", targets: ["subgen"]),
        .library(name: "SubgenModel", targets: ["SubgenModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Debian's libcmark (libcmark-dev); the only module that imports it is SubgenMarkdown.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Diagnostics and source locations; no dependencies.
        .target(name: "SubgenCore"),
        // libcmark wrapper: Markdown text -> immutable Swift trees with source positions.
        .target(name: "SubgenMarkdown", dependencies: ["CCmark", "SubgenCore"]),
        // Project loading, records, kinds and fields, reference resolution.
        .target(name: "SubgenModel", dependencies: ["SubgenCore", "SubgenMarkdown"]),
        // Subcommands; thin layer over the library targets.
        .target(
            name: "SubgenCLI",
            dependencies: [
                "SubgenCore", "SubgenModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "subgen", dependencies: ["SubgenCLI"]),

        .testTarget(name: "SubgenCoreTests", dependencies: ["SubgenCore"]),
        .testTarget(name: "SubgenMarkdownTests", dependencies: ["SubgenMarkdown"]),
        .testTarget(
            name: "SubgenModelTests",
            dependencies: ["SubgenModel", "SubgenCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SubgenCLITests",
            dependencies: ["SubgenCLI"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
