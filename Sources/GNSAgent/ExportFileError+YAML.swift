internal import Yams

extension ExportFileError {
    /// A YAML syntax error from Yams as one line, at its line when Yams knows it.
    init(yamlError error: any Error, file: String) {
        switch error as? YamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            self.init(file: file, line: mark.line, reason: "not valid YAML or JSON: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            self.init(file: file, line: context.mark.line, reason: "duplicate key \(duplicates.sorted().joined(separator: ", "))")
        default:
            self.init(file: file, reason: "not valid YAML or JSON: \(error)")
        }
    }
}
