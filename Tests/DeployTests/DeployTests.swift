import Testing

/// The checks of deploy/, one at a time: they run external programs (kubernetes-validate,
/// kubectl, systemd-analyze, gnsd check-zones), and one after the other they leave the CPU to
/// the suites that run beside them.
@Suite(.serialized)
struct DeployTests {}
