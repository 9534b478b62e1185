"""Operations: backups and restores of the database and the file storage."""
