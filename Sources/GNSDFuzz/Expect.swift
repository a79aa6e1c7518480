/// Stops the fuzzer with `message` when `condition` is false, so libFuzzer keeps the input as a
/// crash; active in release builds, unlike `assert`.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard condition else { fatalError(message()) }
}
