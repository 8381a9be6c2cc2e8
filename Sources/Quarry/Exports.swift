@_exported import QuarryText
