import Testing
@Test func placeholderIndex() { #expect(Bool(true)) }
