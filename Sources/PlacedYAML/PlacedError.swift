/// An error that ``PlacedNode`` reads throw: what is wrong and where, as a configuration or an
/// export file reports it (`gnsd.yaml:7: dns.listen[1]: …`).
public protocol PlacedError: Error {
    /// The error `reason` at `path` (`dns.listen[1]`, empty for the document) on `line` of `file`.
    init(file: String?, line: Int?, path: String, reason: String)
}
