"""folios"""
