"""Importers: reports as published (web pages, PDF, text) into the model."""
