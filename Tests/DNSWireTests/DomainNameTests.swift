import DNSWire
import Testing

/// Presentation parsing, wire validation, comparison and label arithmetic of `DomainName`.
struct DomainNameTests {
    private static func label(_ length: Int) -> String {
        String(repeating: "a", count: length)
    }

    /// A name of `labelLengths` labels (each `a`s) below the root.
    private static func name(labelLengths: [Int]) -> String {
        labelLengths.map(label).joined(separator: ".")
    }

    @Test(arguments: [
        ("example.com", "07 'example' 03 'com' 00"),
        ("example.com.", "07 'example' 03 'com' 00"),
        (".", "00"),
        ("Mixed.CASE", "05 'Mixed' 04 'CASE' 00"),
        ("a\\.b.example", "03 'a.b' 07 'example' 00"),
        ("back\\\\slash", "0a 'back\\slash' 00"),
        ("\\065bc.\\000", "03 'Abc' 01 00 00"),
        ("\\255\\0011", "03 ff 01 '1' 00"),
        ("*.example", "01 '*' 07 'example' 00"),
    ])
    func parsesPresentationForm(text: String, wire: String) throws {
        #expect(try DomainName(text).wire == [UInt8](fixture: wire))
    }

    @Test(arguments: [
        ("example.com", "example.com."),
        (".", "."),
        ("a\\.b.example.", "a\\.b.example."),
        ("\\065bc", "Abc."),
        ("sp\\032ace.tab\\009", "sp\\032ace.tab\\009."),
        ("\\\\\\\"\\(\\)\\;\\@\\$", "\\\\\\\"\\(\\)\\;\\@\\$."),
        ("\\127\\128\\255~!", "\\127\\128\\255~!."),
    ])
    func describesWithEscapesAndParsesItsDescription(text: String, description: String) throws {
        let name = try DomainName(text)
        #expect(name.description == description)
        #expect(try DomainName(name.description).wire == name.wire)
    }

    @Test(arguments: [
        ("a..b", DNSWireError.invalidName("a..b")),
        (".a", .invalidName(".a")),
        ("..", .invalidName("..")),
        ("a\\", .invalidName("a\\")),
        ("\\999", .invalidName("\\999")),
        ("\\256", .invalidName("\\256")),
        ("\\25", .invalidName("\\25")),
        ("\\25x", .invalidName("\\25x")),
        (name(labelLengths: [64]), .labelTooLong),
        (name(labelLengths: [1, 64, 1]), .labelTooLong),
        (String(repeating: "\\065", count: 64), .labelTooLong),
        (name(labelLengths: [63, 63, 63, 62]), .nameTooLong),
        (name(labelLengths: Array(repeating: 1, count: 128)), .nameTooLong),
    ])
    func rejectsInvalidPresentationForm(text: String, error: DNSWireError) {
        #expect(throws: error) { try DomainName(text) }
    }

    @Test(arguments: [[63], [63, 63, 63, 61], Array(repeating: 1, count: 127)])
    func acceptsNamesAtTheLengthLimits(labelLengths: [Int]) throws {
        let name = try DomainName(Self.name(labelLengths: labelLengths))
        #expect(name.labelCount == labelLengths.count)
        #expect(name.wire.count == labelLengths.reduce(1) { $0 + $1 + 1 })
        #expect(try DomainName(labels: name.labels).wire == name.wire)
    }

    @Test(arguments: [
        ("", DNSWireError.truncated),
        ("01 'a'", .truncated),
        ("40", .badLabelType),
        ("80", .badLabelType),
        ("c0 00", .badLabelType),
        ("00 00", .trailingData),
        ("01 'a' 00 01", .trailingData),
        (String(repeating: "3f '\(label(63))' ", count: 4) + "00", .nameTooLong),
    ])
    func rejectsInvalidWireForm(fixture: String, error: DNSWireError) {
        #expect(throws: error) { try DomainName(wire: [UInt8](fixture: fixture)) }
    }

    @Test func acceptsValidWireForm() throws {
        let wire = [UInt8](fixture: "03 'WwW' 07 'example' 00")
        #expect(try DomainName(wire: wire).wire == wire)
        #expect(try DomainName(wire: [0]) == .root)
    }

    @Test func rejectsEmptyLabelsWhenBuiltFromLabels() {
        #expect(throws: DNSWireError.invalidName("empty label")) {
            try DomainName(labels: [Array("a".utf8), []])
        }
    }

    @Test(arguments: [("WWW.Example.COM", "www.example.com."), ("AZ.a-z", "az.A-Z"), ("\\200Q", "\\200q")])
    func equatesAndHashesNamesThatDifferOnlyInCase(lhs: String, rhs: String) throws {
        let (lhs, rhs) = (try DomainName(lhs), try DomainName(rhs))
        #expect(lhs == rhs)
        #expect(lhs.hashValue == rhs.hashValue)
        #expect(lhs.lowercased().wire == rhs.lowercased().wire)
    }

    @Test func comparesAndHashesIgnoringCaseButKeepsIt() throws {
        let upper = try DomainName("WWW.Example.COM")
        let lower = try DomainName("www.example.com.")
        #expect(upper == lower)
        #expect(upper.hashValue == lower.hashValue)
        #expect(Set([upper]).contains(lower))
        #expect(upper.wire == [UInt8](fixture: "03 'WWW' 07 'Example' 03 'COM' 00"))
        #expect(upper.description == "WWW.Example.COM.")
        #expect(upper.lowercased().wire == lower.wire)
    }

    @Test(arguments: [
        ("example.com", "example.org"),
        ("a.example", "ab.example"),
        ("ab", "a.b"),
        ("[", "{"),
        ("\\@", "`"),
        ("\\192", "\\224"),
        ("www.example.com", "example.com"),
    ])
    func distinguishesDifferentNames(lhs: String, rhs: String) throws {
        #expect(try DomainName(lhs) != DomainName(rhs))
    }

    @Test func exposesLabelsAndCountsThem() throws {
        let name = try DomainName("www.Example.com")
        #expect(name.labels.map(Array.init) == [Array("www".utf8), Array("Example".utf8), Array("com".utf8)])
        #expect(name.labelCount == 3)
        #expect(DomainName.root.labelCount == 0)
        #expect(DomainName.root.labels.isEmpty)
        #expect(DomainName.root.isRoot)
        #expect(!name.isRoot)
    }

    @Test(arguments: [
        ("www.example.com", "example.com."),
        ("com", "."),
    ])
    func findsParent(child: String, parent: String) throws {
        #expect(try DomainName(child).parent?.wire == DomainName(parent).wire)
    }

    @Test func rootHasNoParent() {
        #expect(DomainName.root.parent == nil)
    }

    @Test(arguments: [
        ("a.b.example.com", 2, "example.com."),
        ("a.b.example.com", 0, "."),
        ("a.b.example.com", 4, "a.b.example.com."),
        ("a.b.example.com", 9, "a.b.example.com."),
        (".", 0, "."),
    ])
    func takesSuffix(name: String, labels: Int, suffix: String) throws {
        #expect(try DomainName(name).suffix(labels: labels).wire == DomainName(suffix).wire)
    }

    @Test(arguments: [
        ("www.example.com", "example.com", true),
        ("example.com", "example.com", true),
        ("WWW.EXAMPLE.COM", "example.com", true),
        ("example.com", ".", true),
        (".", ".", true),
        ("example.com", "www.example.com", false),
        ("notexample.com", "example.com", false),
        ("example.com", "example.org", false),
        (".", "com", false),
    ])
    func decidesSubdomains(name: String, ancestor: String, expected: Bool) throws {
        #expect(try DomainName(name).isSubdomain(of: DomainName(ancestor)) == expected)
    }

    @Test(arguments: [
        ("*.example.com", true),
        ("*", true),
        ("a.*.example", false),
        ("**.example", false),
        ("a*.example", false),
        (".", false),
    ])
    func recognisesWildcards(name: String, expected: Bool) throws {
        #expect(try DomainName(name).isWildcard == expected)
    }

    @Test func prependsLabels() throws {
        let zone = try DomainName("Example.com")
        #expect(try zone.prepending(Array("www".utf8)).wire == [UInt8](fixture: "03 'www' 07 'Example' 03 'com' 00"))
        #expect(zone.wildcard?.wire == [UInt8](fixture: "01 '*' 07 'Example' 03 'com' 00"))
        #expect(try DomainName.root.prepending(Array("com".utf8)).wire == [UInt8](fixture: "03 'com' 00"))
    }

    @Test func prependingKeepsTheLimits() throws {
        let longest = try DomainName(Self.name(labelLengths: [63, 63, 63]))
        #expect(try longest.prepending(Array(Self.label(61).utf8)).wire.count == 255)
        #expect(throws: DNSWireError.nameTooLong) { try longest.prepending(Array(Self.label(62).utf8)) }
        #expect(throws: DNSWireError.labelTooLong) { try DomainName.root.prepending(Array(Self.label(64).utf8)) }
        #expect(throws: DNSWireError.invalidName("empty label")) { try DomainName.root.prepending([UInt8]()) }
        #expect(try DomainName(Self.name(labelLengths: [63, 63, 63, 61])).wildcard == nil)
    }
}
