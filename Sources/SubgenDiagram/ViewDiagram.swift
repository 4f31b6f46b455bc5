/// What a diagram shows, independent of the records it came from: elements grouped by zone, and flows.
public struct ViewDiagram: Hashable, Sendable {
    public struct Element: Hashable, Sendable {
        public var name: String
        /// The trust domain; elements without one are drawn outside every boundary.
        public var zone: String?
        /// Where the element links to (a record it names), if anywhere.
        public var href: String?

        public init(name: String, zone: String? = nil, href: String? = nil) {
            self.name = name
            self.zone = zone
            self.href = href
        }
    }

    public struct Flow: Hashable, Sendable {
        public var from: String
        public var to: String
        public var bidirectional: Bool
        /// The call-flow step number, shown before the label.
        public var step: Int
        public var carries: String
        /// Protocol, shown after the label when known.
        public var protocolName: String?
        /// The flow crosses a trust boundary without stated authentication or encryption: drawn as a warning.
        public var unprotected: Bool
        public var href: String?

        public init(
            from: String, to: String, bidirectional: Bool = false, step: Int, carries: String, protocolName: String? = nil,
            unprotected: Bool = false, href: String? = nil
        ) {
            self.from = from
            self.to = to
            self.bidirectional = bidirectional
            self.step = step
            self.carries = carries
            self.protocolName = protocolName
            self.unprotected = unprotected
            self.href = href
        }
    }

    /// Names the graph (the record ID).
    public var name: String
    public var elements: [Element]
    public var flows: [Flow]

    public init(name: String, elements: [Element], flows: [Flow]) {
        self.name = name
        self.elements = elements
        self.flows = flows
    }
}
