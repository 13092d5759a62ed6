"""stays"""
