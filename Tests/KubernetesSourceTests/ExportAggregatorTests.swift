import Testing

@testable import KubernetesSource

@Suite struct ExportAggregatorTests {
    private let export = ServiceExportObject(metadata: ObjectMeta(name: "cart", namespace: "shop"))

    @Test func nothingIsTakenUntilEveryKindIsListedThenAResyncOnce() {
        let aggregator = ExportAggregator()
        aggregator.apply(.replaced([export]), to: \.serviceExports)
        aggregator.apply(.replaced([ServiceObject]()), to: \.services)
        #expect(aggregator.take() == nil)
        aggregator.apply(.replaced([EndpointSliceObject]()), to: \.endpointSlices)
        let first = aggregator.take()
        #expect(first?.objects.serviceExports == [ObjectKey(namespace: "shop", name: "cart"): export])
        #expect(first?.resync == true)
        #expect(aggregator.take()?.resync == false)
    }

    @Test func watchChangesApplyWithoutResyncAndAListAsksForOne() {
        let aggregator = ExportAggregator()
        aggregator.apply(.replaced([ServiceExportObject]()), to: \.serviceExports)
        aggregator.apply(.replaced([ServiceObject]()), to: \.services)
        aggregator.apply(.replaced([EndpointSliceObject]()), to: \.endpointSlices)
        _ = aggregator.take()
        aggregator.apply(.upserted(export), to: \.serviceExports)
        #expect(aggregator.take()?.objects.serviceExports.count == 1)
        aggregator.apply(.deleted(export), to: \.serviceExports)
        let afterDelete = aggregator.take()
        #expect(afterDelete?.objects.serviceExports == [:])
        #expect(afterDelete?.resync == false)
        aggregator.apply(.replaced([export]), to: \.serviceExports)
        #expect(aggregator.take()?.resync == true)
    }
}
