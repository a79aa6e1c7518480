import Foundation

/// The server blocks of a CoreDNS Corefile: each block's key (`acme.local:53`) with its lines,
/// trimmed, nested braces kept as lines, comments left out.
struct Corefile {
    private(set) var blocks: [String: [String]] = [:]

    init(_ text: String) throws {
        var key: String?
        var depth = 0
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if let current = key {
                if line == "}" && depth == 0 {
                    key = nil
                    continue
                }
                depth += line.hasSuffix("{") ? 1 : line == "}" ? -1 : 0
                blocks[current, default: []].append(line)
            } else if line.hasSuffix("{") {
                key = line.dropLast().trimmingCharacters(in: .whitespaces)
            } else {
                throw ManifestError(description: "Corefile: \(line.debugDescription) is outside a server block")
            }
        }
        if let key {
            throw ManifestError(description: "Corefile: the block \(key) is not closed")
        }
    }
}
