internal import ArgumentParser

/// How gnsctl prints what gnsd answers: aligned columns, or the API's JSON.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json
}
