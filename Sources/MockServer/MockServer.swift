import ConformanceCore

/// Placeholder: the loopback fixture server is being written (issue 3).
public enum MockServerPlaceholder {}
