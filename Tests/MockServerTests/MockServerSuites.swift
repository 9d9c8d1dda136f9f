import TestSupport
import Testing

/// Every mock server suite, run one test at a time.
///
/// The tests drive the server with blocking sockets from their own thread. Swift's cooperative pool has a
/// thread per core (two here), so they run on threads of their own (`.offCooperativePool`): a blocked pool
/// thread would stall the async work of every other test (and the server's callback scheduling).
@Suite(.serialized, .offCooperativePool) enum MockServerSuites {}
