import Testing
@Test func placeholderEval() { #expect(Bool(true)) }
