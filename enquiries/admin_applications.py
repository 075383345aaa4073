"""The applications admin pages; imported by enquiries/admin.py."""
