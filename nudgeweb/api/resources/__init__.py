"""One module per API resource; every module here is imported when the app starts."""
