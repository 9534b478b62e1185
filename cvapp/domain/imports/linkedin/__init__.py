"""LinkedIn's "Get a copy of your data" export (Basic or Complete): the CV files only."""
