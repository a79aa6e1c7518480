import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
    FileHandle.standardError.write(Data("usage: gnsd-fuzz <\(names)> [libFuzzer options] [corpus folders or inputs]\n".utf8))
    exit(2)
}
exit(LibFuzzer.run(target, arguments: [arguments[0]] + arguments.dropFirst(2)))
