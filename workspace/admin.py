from workspace import admin_reports  # noqa: F401
