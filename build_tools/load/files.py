"""Reading a file of content/ as text: only regular files, within a size, UTF-8, with LF line ends."""

from __future__ import annotations

import stat
from pathlib import Path

from build_tools.model.sources import unix_text
from build_tools.problems import Collector

MAX_BYTES = 1_000_000  # a fact file


def read_text(path: Path, problems: Collector, max_bytes: int = MAX_BYTES, what: str = "a fact file") -> str | None:
    """The file's text with LF line ends and no leading byte order mark (model/sources.py, `unix_text`), or None
    after recording why it cannot be read: not a regular file (a pipe would never end), too large, not UTF-8."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        problems.add(
            path,
            1,
            1,
            f"not a regular file ({_FILE_TYPES.get(stat.S_IFMT(info.st_mode), 'a special file')})",
            "content/ holds plain files only; remove it",
        )
        return None
    if info.st_size > max_bytes:
        problems.add(
            path,
            1,
            1,
            f"file is {info.st_size / 1_000_000:.1f} MB; {what} may be at most {max_bytes // 1000} KB",
            "split it into one file per entity, or remove the pasted material"
            if what == "a fact file"
            else "keep the text of one source in its file, without pasted material",
        )
        return None
    raw = path.read_bytes()
    try:
        return unix_text(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[line_start : err.start].decode("utf-8", errors="replace")) + 1
        problems.add(
            path,
            line,
            col,
            f"file is not valid UTF-8 (byte 0x{raw[err.start]:02x})",
            "save the file as UTF-8 in your editor",
        )
        return None


_FILE_TYPES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}
