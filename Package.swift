// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "subgen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "subgen", targets: ["subgen"]),
        .library(name: "SubgenModel", targets: ["SubgenModel"]),
        // For the fuzzers in Fuzz/ (docs/fuzzing.md), which build against the evidence readers and loader.
        .library(name: "SubgenImport", targets: ["SubgenImport"]),
        .library(name: "SubgenEvidence", targets: ["SubgenEvidence"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Without its default traits: the preview reads no configuration files and needs no URL-encoded forms.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // Debian's libcmark (libcmark-dev); the only module that imports it is SubgenMarkdown.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // One C function: swapping two folders in one step (Linux `renameat2`), for the atomic package writer.
        .target(name: "CRename"),
        // Debian's libxml2 (libxml2-dev); the only module that imports it is SubgenImport, for JUnit XML.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Diagnostics and source locations; no dependencies.
        .target(name: "SubgenCore"),
        // libcmark wrapper: Markdown text -> immutable Swift trees with source positions.
        .target(name: "SubgenMarkdown", dependencies: ["CCmark", "SubgenCore"]),
        // Project loading, records, kinds and fields, reference resolution.
        .target(name: "SubgenModel", dependencies: ["SubgenCore", "SubgenMarkdown"]),
        // Readers of the evidence files engineers already have (CycloneDX, SPDX, OpenVEX, JUnit XML, SARIF);
        // no project knowledge.
        .target(name: "SubgenImport", dependencies: ["SubgenCore", "CLibXML2"]),
        // The project's evidence files read and merged: SBOM inventory, VEX with VULN records, test outcomes.
        .target(name: "SubgenEvidence", dependencies: ["SubgenCore", "SubgenModel", "SubgenImport"]),
        // Architecture-view diagrams: DOT text from a view, SVG through Graphviz's `dot` program.
        .target(name: "SubgenDiagram"),
        // The guidance chapters, coverage checks and traceability: model + evidence -> package analysis.
        .target(
            name: "SubgenPackage",
            dependencies: ["SubgenCore", "SubgenModel", "SubgenEvidence"]
        ),
        // The built-in Mustache templates and assets, and the starter project of `subgen init`, installed with
        // the binary as resources.
        .target(
            name: "SubgenTemplates",
            path: "Templates",
            exclude: ["README.md"],
            sources: ["BuiltinTemplates.swift"],
            resources: [.copy("html"), .copy("markdown"), .copy("assets"), .copy("init")]
        ),
        // View models, Mustache rendering to HTML and Markdown, and the atomic, hashed package writer.
        .target(
            name: "SubgenRender",
            dependencies: [
                "SubgenCore", "SubgenMarkdown", "SubgenModel", "SubgenImport", "SubgenEvidence", "SubgenPackage",
                "SubgenDiagram", "SubgenTemplates", "CRename",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `subgen serve`: the package over HTTP (Hummingbird's HTTP/1 server on SwiftNIO, its core only), rebuilt
        // and reloaded when the sources change.
        .target(
            name: "SubgenServe",
            dependencies: [
                "SubgenCore", "SubgenModel", "SubgenRender",
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ]
        ),
        // Subcommands; thin layer over the library targets.
        .target(
            name: "SubgenCLI",
            dependencies: [
                "SubgenCore", "SubgenModel", "SubgenPackage", "SubgenRender", "SubgenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "subgen", dependencies: ["SubgenCLI"]),

        // Helpers shared by the test targets (temporary projects, diagnostic expectations, measured child processes).
        .target(name: "SubgenTestSupport", dependencies: ["SubgenModel", "SubgenCore"], path: "Tests/SubgenTestSupport"),
        .testTarget(name: "SubgenCoreTests", dependencies: ["SubgenCore"]),
        .testTarget(name: "SubgenMarkdownTests", dependencies: ["SubgenMarkdown"]),
        .testTarget(
            name: "SubgenModelTests",
            dependencies: ["SubgenModel", "SubgenCore", "SubgenTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SubgenPackageTests",
            dependencies: ["SubgenPackage", "SubgenModel", "SubgenCore", "SubgenTestSupport"]
        ),
        .testTarget(name: "SubgenImportTests", dependencies: ["SubgenImport"], exclude: ["Fixtures"]),
        .testTarget(name: "SubgenServeTests", dependencies: ["SubgenServe", "SubgenRender", "SubgenTestSupport"]),
        .testTarget(name: "SubgenDiagramTests", dependencies: ["SubgenDiagram"], exclude: ["Fixtures"]),
        .testTarget(
            name: "SubgenEvidenceTests",
            dependencies: ["SubgenEvidence", "SubgenModel", "SubgenCore", "SubgenTestSupport"]
        ),
        .testTarget(
            name: "SubgenRenderTests",
            dependencies: ["SubgenRender", "SubgenPackage", "SubgenModel", "SubgenCore", "SubgenTestSupport"]
        ),
        .testTarget(
            name: "SubgenCLITests",
            dependencies: ["SubgenCLI", "SubgenCore", "SubgenTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
