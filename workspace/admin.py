from workspace import admin_rounds  # noqa: F401
