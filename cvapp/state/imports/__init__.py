"""The import page's state: uploads, their previews and the choices made on them."""
