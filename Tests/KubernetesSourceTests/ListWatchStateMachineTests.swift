import Testing

@testable import KubernetesSource

@Suite struct ListWatchStateMachineTests {
    @Test func listsThenWatchesFromTheListsVersionAndFollowsEvents() {
        var machine = ListWatchStateMachine()
        #expect(machine.nextAction == .list(failures: 0))
        _ = machine.listed(resourceVersion: "100", empty: false, holdingObjects: false)
        #expect(machine.nextAction == .watch(from: "100", failures: 0))
        machine.received(resourceVersion: "105")
        machine.received(resourceVersion: nil)
        #expect(machine.nextAction == .watch(from: "105", failures: 0))
    }

    @Test func anEndedOrDroppedWatchResumesFromTheLastVersion() {
        var machine = ListWatchStateMachine()
        _ = machine.listed(resourceVersion: "7", empty: false, holdingObjects: false)
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
        _ = machine.listed(resourceVersion: "7", empty: false, holdingObjects: false)
        machine.watchEnded()
        #expect(machine.nextAction == .watch(from: "7", failures: 1))
        machine.watchEnded()
        #expect(machine.nextAction == .watch(from: "7", failures: 2))
    }

    @Test func goneRelistsAtOnceAndOtherRefusalsAfterABackoff() {
        var machine = ListWatchStateMachine()
        _ = machine.listed(resourceVersion: "7", empty: false, holdingObjects: false)
        machine.watchDropped()
        machine.watchFailed(gone: true)
        #expect(machine.nextAction == .list(failures: 0))
        _ = machine.listed(resourceVersion: "20", empty: false, holdingObjects: false)
        machine.watchFailed(gone: false)
        #expect(machine.nextAction == .list(failures: 1))
        machine.listFailed()
        #expect(machine.nextAction == .list(failures: 2))
        _ = machine.listed(resourceVersion: "30", empty: false, holdingObjects: false)
        #expect(machine.nextAction == .watch(from: "30", failures: 0))
    }

    @Test func anEmptyListOverKnownObjectsWaitsForASecondList() {
        var machine = ListWatchStateMachine()
        #expect(machine.listed(resourceVersion: "5", empty: true, holdingObjects: false) == .apply, "nothing known: nothing to lose")
        machine.watchFailed(gone: true)
        #expect(machine.listed(resourceVersion: "9", empty: true, holdingObjects: true) == .awaitConfirmation)
        #expect(machine.nextAction == .confirmEmptyList(failures: 0))
        machine.listFailed()
        #expect(machine.nextAction == .confirmEmptyList(failures: 1), "a failed confirming list still confirms")
        #expect(machine.listed(resourceVersion: "12", empty: true, holdingObjects: true) == .apply, "the second empty list confirms")
        #expect(machine.nextAction == .watch(from: "12", failures: 0))
        machine.watchFailed(gone: false)
        #expect(machine.listed(resourceVersion: "20", empty: true, holdingObjects: true) == .awaitConfirmation)
        #expect(machine.listed(resourceVersion: "21", empty: false, holdingObjects: true) == .apply, "objects back: applied")
        #expect(machine.nextAction == .watch(from: "21", failures: 0))
    }

    @Test func watchReportsWhileListingChangeNothing() {
        var machine = ListWatchStateMachine()
        machine.received(resourceVersion: "5")
        machine.watchEnded()
        machine.watchDropped()
        #expect(machine.nextAction == .list(failures: 0))
    }
}
