import Testing

@testable import KubernetesSource

@Suite struct ListWatchStateMachineTests {
    @Test func listsThenWatchesFromTheListsVersionAndFollowsEvents() {
        var machine = ListWatchStateMachine()
        #expect(machine.nextAction == .list(failures: 0))
        machine.listed(resourceVersion: "100")
        #expect(machine.nextAction == .watch(from: "100", failures: 0))
        machine.received(resourceVersion: "105")
        machine.received(resourceVersion: nil)
        #expect(machine.nextAction == .watch(from: "105", failures: 0))
    }

    @Test func anEndedOrDroppedWatchResumesFromTheLastVersion() {
        var machine = ListWatchStateMachine()
        machine.listed(resourceVersion: "7")
        machine.received(resourceVersion: "9")
        machine.watchEnded()
        #expect(machine.nextAction == .watch(from: "9", failures: 0))
        machine.watchDropped()
        #expect(machine.nextAction == .watch(from: "9", failures: 1))
        machine.watchDropped()
        #expect(machine.nextAction == .watch(from: "9", failures: 2))
        machine.received(resourceVersion: "12")
        #expect(machine.nextAction == .watch(from: "12", failures: 0))
    }

    @Test func anEmptyWatchThatEndsBacksOff() {
        var machine = ListWatchStateMachine()
        machine.listed(resourceVersion: "7")
        machine.watchEnded()
        #expect(machine.nextAction == .watch(from: "7", failures: 1))
        machine.watchEnded()
        #expect(machine.nextAction == .watch(from: "7", failures: 2))
    }

    @Test func goneRelistsAtOnceAndOtherRefusalsAfterABackoff() {
        var machine = ListWatchStateMachine()
        machine.listed(resourceVersion: "7")
        machine.watchDropped()
        machine.watchFailed(gone: true)
        #expect(machine.nextAction == .list(failures: 0))
        machine.listed(resourceVersion: "20")
        machine.watchFailed(gone: false)
        #expect(machine.nextAction == .list(failures: 1))
        machine.listFailed()
        #expect(machine.nextAction == .list(failures: 2))
        machine.listed(resourceVersion: "30")
        #expect(machine.nextAction == .watch(from: "30", failures: 0))
    }

    @Test func watchReportsWhileListingChangeNothing() {
        var machine = ListWatchStateMachine()
        machine.received(resourceVersion: "5")
        machine.watchEnded()
        machine.watchDropped()
        #expect(machine.nextAction == .list(failures: 0))
    }
}
