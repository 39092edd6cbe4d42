"""Building sites: generate a group's files, skip unchanged groups, run MkDocs, check and publish the result."""
