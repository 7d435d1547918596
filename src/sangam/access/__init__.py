"""Access: who is reading, and which releasability markings they may see."""

from sangam.access.markings import PUBLIC, Reader, normalise_marking, visible

__all__ = ["PUBLIC", "Reader", "normalise_marking", "visible"]
