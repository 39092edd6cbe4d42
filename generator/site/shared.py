"""Where pages find the files every group in the output folder shares: out/_tema/ (collected by builder/engine/theme_files.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FOLDER = "_tema"  # beside the groups' folders; a slug is [a-z0-9-], so no group can have this name


@dataclass(frozen=True)
class SharedUrls:
    """Each shared file by the path the templates write for it (a theme path such as
    'assets/stylesheets/main.57a0d79d.min.css', or 'assets/icon.svg') -> its name in out/_tema/, such as
    'main.1a2b3c4d5e.min.css'. Empty: nothing is shared and every path stays as written (as in a bare
    `mkdocs build` of a group's generated sources)."""

    names: Mapping[str, str] = field(default_factory=dict)
    bundle_path: str = ""  # the theme's script, as the templates name it
    worker_path: str = ""  # the search worker, as the templates name it

    def url(self, path: str, depth: int = 0) -> str:
        """The file as linked from a page `depth` folders below a group's folder."""
        if path not in self.names:
            return "../" * depth + path
        return "../" * (depth + 1) + f"{FOLDER}/{self.names[path]}"

    def from_root(self, path: str) -> str:
        """The file as linked from a page at the top of the output folder (the list of groups)."""
        return f"{FOLDER}/{self.names[path]}"

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.names.items())), self.bundle_path, self.worker_path))

    def __contains__(self, path: object) -> bool:
        return path in self.names

    @property
    def bundle(self) -> str:
        """The theme's script, relative to a group's folder."""
        return self.url(self.bundle_path)

    @property
    def worker(self) -> str:
        """The search worker, relative to a group's folder."""
        return self.url(self.worker_path)


NOT_SHARED = SharedUrls()
