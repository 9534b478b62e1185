"""Metadata of the blobs kept in storage (photos, exports, uploads, account archives)."""

from sqlalchemy import BigInteger
from sqlmodel import Field

from cvapp.models.base import TableBase, fk


class StoredFile(TableBase, table=True):
    """A stored object, addressed by its storage ``key``."""

    __tablename__ = "stored_files"

    user_id: str = fk("users.id")
    key: str = Field(max_length=512, unique=True)
    purpose: str = Field(max_length=32)
    content_type: str = Field(max_length=100)
    size_bytes: int = Field(sa_type=BigInteger)
    sha256: str = Field(max_length=64)
