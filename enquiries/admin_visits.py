"""The study-visit admin pages; imported by enquiries/admin.py."""
