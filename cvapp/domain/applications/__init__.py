"""Job applications: the tracker's board, adverts in JSON Resume's job form, reminders."""
