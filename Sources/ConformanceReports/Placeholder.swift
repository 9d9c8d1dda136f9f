enum PlaceholderConformanceReports {}
