/// An answer gnsctl prints: as JSON through `Encodable`, or as text for people.
protocol TextRendered: Encodable {
    /// The table output: aligned columns with a header row, ending in a newline.
    var text: String { get }
}
