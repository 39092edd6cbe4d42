"""The group file: bytes → YAML nodes that remember line and column → a validated, frozen Group."""
