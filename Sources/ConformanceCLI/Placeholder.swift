enum PlaceholderConformanceCLI {}
