"""The CV builder: the list of CV versions and the editor of one."""
