import Testing
@Test func placeholderSearch() { #expect(Bool(true)) }
