"""A group's site as data and text: page models, Markdown and print pages, mkdocs.yml, manifest, the list of groups."""
