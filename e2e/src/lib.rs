//! Nothing here: the tests live in tests/ and drive the built app.
