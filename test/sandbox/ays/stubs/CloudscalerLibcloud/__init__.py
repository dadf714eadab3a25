"""Stub of OpenvCloud's CloudscalerLibcloud for the AYS sandbox (imageutil.registerImage, openvstorage.copyImage)."""
