"""Ticket fields from words and their positions; vendor profiles from resources/vendors/."""

from .ticket import extract_ticket, label_fields
from .vendors import VendorProfile, load_profiles

__all__ = ["VendorProfile", "extract_ticket", "label_fields", "load_profiles"]
