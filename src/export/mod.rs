//! JSON export and import of plans and whole workspaces (format version 1).
