"""Presenters: results to text, JSON and pictures.  They compute nothing."""
