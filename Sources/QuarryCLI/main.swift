import Quarry
@main struct Main { static func main() {} }
