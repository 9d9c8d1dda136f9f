import Testing

/// Every mock server suite, run one test at a time.
///
/// The tests drive the server with blocking sockets from their own thread. Swift's cooperative pool has a
/// thread per core (two here); two blocking tests at once would leave no thread for the async work other
/// tests (and the server's callback scheduling) need, so they take turns.
@Suite(.serialized) enum MockServerSuites {}
